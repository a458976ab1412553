// Typed errors of the workflow feature. The GraphQL layer maps them to the contract's
// `extensions.code` (WORKFLOW_INVALID, BAD_USER_INPUT, ...); nothing here knows about GraphQL.

import type { WorkflowProblem } from './workflow.types.js';

export class WorkflowError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A workflow source that does not validate; `problems` carry line and column. */
export class WorkflowInvalidError extends WorkflowError {
  constructor(readonly problems: WorkflowProblem[]) {
    super(`workflow is invalid: ${problems.length} problem(s); first: ${problems[0]?.message ?? 'unknown'}`);
  }
}

/** A business-time delay (`3bd`, `eobd`) was due but no business-time resolver was given. */
export class BusinessTimeUnavailableError extends WorkflowError {
  constructor(readonly expression: string) {
    super(
      `business time is not available yet: the delay "${expression}" needs the tenant's business calendar; ` +
        'pass options.resolveDelay (and options.now) to compileWorkflow',
    );
  }
}

/** A counter value that does not fit the pattern's `{seq:N}` width. */
export class SequenceOverflowError extends WorkflowError {
  constructor(
    readonly seq: number,
    readonly digits: number,
  ) {
    super(`sequence ${seq} does not fit {seq:${digits}}: at most ${10 ** digits - 1} numbers per counter scope`);
  }
}

/** A ticket was started with a request kind its workflow does not declare. */
export class UnknownKindError extends WorkflowError {
  constructor(
    readonly kind: string,
    readonly allowed: string[],
  ) {
    super(`unknown request kind "${kind}"; this workflow has: ${allowed.join(', ')}`);
  }
}

/** A persisted snapshot that does not fit the machine (e.g. a state that does not exist). */
export class SnapshotRestoreError extends WorkflowError {
  constructor(reason: string) {
    super(`cannot restore the ticket snapshot: ${reason}`);
  }
}

/** Bad arguments to a pure helper (a malformed date, a negative counter...). */
export class WorkflowArgumentError extends WorkflowError {}

/** XState returned an action the server would not know how to run; never silently drop it. */
export class UnexpectedActionError extends WorkflowError {
  constructor(readonly actionType: string) {
    super(`the machine produced an action "${actionType}" that is neither a catalog effect nor a timer`);
  }
}
