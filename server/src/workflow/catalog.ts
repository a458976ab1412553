// The catalog: every guard, action and delay a workflow file may name. Files compose these
// entries; no tenant-specific code lives here (DESIGN.md principle 2). A regulation that
// needs a new capability gets a new entry here, usable by every tenant.
//
// Actions come in two kinds, and the server relies on the difference:
// - `assign` actions change the machine context. XState applies them inside the pure
//   `transition()`, so they never reach the server as action objects.
// - `effect` actions (mail, notes) must happen outside the machine, after the database
//   transaction (outbox). `transition()` returns them as `{ type, params }` and the compiled
//   workflow hands them over as `effects`; their XState implementation refuses to run.

import { DELAY_FORMS_HELP } from './delay.expression.js';
import { WorkflowError } from './workflow.errors.js';
import { isFieldPresent, missingFieldsOf } from './intake.fields.js';
import { parseDelayExpression } from './delay.expression.js';
import { actsOf, answerAct, flagOverdue, issueAct, itemsFrom, pendingAct, reworkAct } from './acts.js';
import type { KindDefinition, TicketContext, WorkflowDefinition, WorkflowEvent } from './workflow.types.js';

/** What catalog entries may know about the workflow beyond the ticket itself. */
export interface CatalogEnvironment {
  kinds: Record<string, KindDefinition>;
  /** The product clock, ms since the epoch. */
  now: () => number;
}

/** JSON Schema (draft-07) of an entry's params; validated by the loader with positions. */
export type ParamsSchema = Record<string, unknown>;

export interface GuardArgs {
  context: TicketContext;
  event: WorkflowEvent;
}

// Params reach implementations as validated JSON; each entry reads them through the
// narrow type its ParamsSchema guarantees.
export type CatalogParams = Record<string, unknown>;

export interface GuardEntry {
  description: string;
  /** null: the guard takes no params. */
  params: ParamsSchema | null;
  test(args: GuardArgs, params: CatalogParams, env: CatalogEnvironment): boolean;
}

interface ActionEntryBase {
  description: string;
  params: ParamsSchema | null;
  /** Checks against the rest of the file (e.g. a template exists); returns a message or null. */
  checkInFile?(params: CatalogParams, definition: WorkflowDefinition): string | null;
}

export interface AssignActionEntry extends ActionEntryBase {
  kind: 'assign';
  update(args: GuardArgs, params: CatalogParams, env: CatalogEnvironment): Partial<TicketContext>;
}

export interface EffectActionEntry extends ActionEntryBase {
  kind: 'effect';
}

export type ActionEntry = AssignActionEntry | EffectActionEntry;

/**
 * `availableEvents` asks XState whether an event without data would be taken. Guards that
 * look at the event's data cannot know what a user will send, so they answer "could be"
 * for this probe instead of hiding the event.
 */
export const PROBE_EVENT: unique symbol = Symbol('workflow.probeEvent');

export function isProbeEvent(event: WorkflowEvent): boolean {
  return (event as WorkflowEvent & { [PROBE_EVENT]?: true })[PROBE_EVENT] === true;
}

const fieldParam: ParamsSchema = {
  type: 'object',
  properties: { field: { type: 'string', minLength: 1 } },
  required: ['field'],
  additionalProperties: false,
};

export const guardCatalog: Readonly<Record<string, GuardEntry>> = {
  hasRequiredFields: {
    description: "The ticket's fields contain every field its kind requires (kinds.<kind>.requiredFields).",
    params: null,
    test: ({ context }, _params, env) => missingFieldsOf(env.kinds, context).length === 0,
  },
  missingRequiredFields: {
    description: 'The negation of hasRequiredFields: at least one required field is missing.',
    params: null,
    test: ({ context }, _params, env) => missingFieldsOf(env.kinds, context).length > 0,
  },
  eventHas: {
    description: "The event's data has the field params.field (non-empty), e.g. a close reason.",
    params: fieldParam,
    test: ({ event }, params) => isProbeEvent(event) || isFieldPresent(event.data?.[params.field as string]),
  },
  contextHas: {
    description: 'The ticket context holds params.field (non-empty), e.g. a date the customer named.',
    params: fieldParam,
    test: ({ context }, params) => isFieldPresent(context[params.field as string]),
  },
  contractNotValid: {
    description:
      "RBT-1: the ticket's organisation has no contract valid on the day it was registered. A ticket matched to no " +
      'organisation passes unless params.unknownOrganization is true.',
    params: {
      type: 'object',
      properties: { unknownOrganization: { type: 'boolean' } },
      additionalProperties: false,
    },
    test: ({ context }, params) => {
      const organization = context.organization as { contract?: string } | null | undefined;
      if (!organization) return params.unknownOrganization === true;
      return organization.contract !== 'valid';
    },
  },
  hasPendingAct: {
    description: 'An acceptance act waits for the customer (issued or overdue, SIN-9).',
    params: null,
    test: ({ context }) => pendingAct(actsOf(context)) !== undefined,
  },
};

const dueParam: ParamsSchema = {
  type: 'object',
  properties: { due: { type: 'string', pattern: '^\\d+[mhd]$', description: 'calendar delay until the answer is due, e.g. 3d' } },
  additionalProperties: false,
};

export const actionCatalog: Readonly<Record<string, ActionEntry>> = {
  setCloseReason: {
    kind: 'assign',
    description: 'Sets the close reason to params.reason (e.g. resolved, stale, reopen_window_expired).',
    params: {
      type: 'object',
      properties: { reason: { type: 'string', pattern: '^[a-z][a-z0-9_]*$' } },
      required: ['reason'],
      additionalProperties: false,
    },
    update: (_args, params) => ({ closeReason: params.reason as string }),
  },
  setCloseReasonFromEvent: {
    kind: 'assign',
    description: "Sets the close reason from the event's data (params.field, default `reason`); pair it with eventHas.",
    params: {
      type: 'object',
      properties: { field: { type: 'string', minLength: 1 } },
      additionalProperties: false,
    },
    update: ({ event }, params) => {
      const value = event.data?.[(params.field as string | undefined) ?? 'reason'];
      // Without a value the reason is left as it was: the guard is what refuses the event.
      return isFieldPresent(value) ? { closeReason: String(value) } : {};
    },
  },
  clearCloseReason: {
    kind: 'assign',
    description: 'Clears the close reason, e.g. when a resolved ticket is reopened.',
    params: null,
    update: () => ({ closeReason: null }),
  },
  mergeEventFields: {
    kind: 'assign',
    description: "Merges the event's data.fields into the ticket's fields (new values win), e.g. on PROVIDE_INFO.",
    params: null,
    update: ({ context, event }) => {
      const incoming = event.data?.fields;
      if (typeof incoming !== 'object' || incoming === null || Array.isArray(incoming)) return {};
      return { fields: { ...context.fields, ...(incoming as Record<string, unknown>) } };
    },
  },
  stampTime: {
    kind: 'assign',
    description: 'Sets context params.field to the current instant (e.g. infoReceivedAt when information arrives, NSO-9).',
    params: fieldParam,
    update: (_args, params, env) => ({ [params.field as string]: new Date(env.now()).toISOString() }),
  },
  copyEventData: {
    kind: 'assign',
    description: "Copies the event's data.<params.from> into context params.to (e.g. a date the customer named, NSO-10).",
    params: {
      type: 'object',
      properties: { from: { type: 'string', minLength: 1 }, to: { type: 'string', minLength: 1 } },
      required: ['from', 'to'],
      additionalProperties: false,
    },
    update: ({ event }, params) => {
      const value = event.data?.[params.from as string];
      return isFieldPresent(value) ? { [params.to as string]: value } : {};
    },
  },
  clearContext: {
    kind: 'assign',
    description: 'Clears context params.field.',
    params: fieldParam,
    update: (_args, params) => ({ [params.field as string]: null }),
  },
  issueAct: {
    kind: 'assign',
    description: "SIN-9: issues an acceptance act listing data.items, due params.due (default 3d) later.",
    params: dueParam,
    update: ({ context, event }, params, env) => {
      const due = parseDelayExpression((params.due as string | undefined) ?? '3d');
      const dueMs = due.ok && due.delay.form === 'calendar' ? due.delay.ms : 3 * 86_400_000;
      return { acts: issueAct(actsOf(context), env.now(), dueMs, itemsFrom(event.data?.items)) };
    },
  },
  approveAct: {
    kind: 'assign',
    description: 'SIN-9: the customer approves the act waiting for an answer.',
    params: null,
    update: ({ context }, _params, env) => ({ acts: answerAct(actsOf(context), env.now(), 'approved', null) }),
  },
  refuseAct: {
    kind: 'assign',
    description: "SIN-10: the customer refuses the act with data.reasons; a bilateral rework act lists data.items [{ what, dueAt }].",
    params: null,
    update: ({ context, event }, _params, env) => {
      const reasons = event.data?.reasons;
      const text = Array.isArray(reasons) ? reasons.map(String).join('; ') : reasons == null ? null : String(reasons);
      const refused = answerAct(actsOf(context), env.now(), 'refused', text);
      return { acts: reworkAct(refused, env.now(), itemsFrom(event.data?.items)) };
    },
  },
  flagOverdueAct: {
    kind: 'assign',
    description: 'SIN-9: flags an acceptance act left unanswered past its due date.',
    params: null,
    update: ({ context }, _params, env) => ({ acts: flagOverdue(actsOf(context), env.now()) }),
  },
  notify: {
    kind: 'effect',
    description:
      'Sends the message template params.template (a key of `templates`) to params.to ' +
      '(default: the requester). Executed by the server through the outbox.',
    params: {
      type: 'object',
      properties: {
        template: { type: 'string', minLength: 1 },
        to: { type: 'string', minLength: 1, description: 'requester, agent, or an email address' },
      },
      required: ['template'],
      additionalProperties: false,
    },
    checkInFile: (params, definition) => {
      const template = params.template as string;
      const known = Object.keys(definition.templates ?? {});
      return known.includes(template)
        ? null
        : `notify uses template "${template}", which is not defined in templates` +
            (known.length ? ` (defined: ${known.join(', ')})` : ' (the file has no templates)');
    },
  },
  recordComplaint: {
    kind: 'effect',
    description:
      "NSO-12: records a complaint about the ticket (the event's data.text) with the ticket's deadlines and breaches " +
      'as they stand, as evidence in the history. Executed by the server.',
    params: null,
  },
  recordNote: {
    kind: 'effect',
    description: "Adds a note to the ticket's history: params.text, or the event's data.note. Executed by the server.",
    params: {
      type: 'object',
      properties: { text: { type: 'string', minLength: 1 } },
      additionalProperties: false,
    },
  },
};

/** Delay expressions are not names but a small language; see delay.expression.ts. */
export const delayCatalog = {
  description: `Keys of \`after\`: ${DELAY_FORMS_HELP}.`,
  forms: [
    { form: 'Nm, Nh, Nd', meaning: 'calendar minutes, hours, days (elapsed time)' },
    { form: 'Nbm, Nbh, Nbd', meaning: "business minutes, hours, days on the tenant's calendar" },
    { form: 'eobd', meaning: 'the end of the current business day' },
    { form: 'eobd+N', meaning: 'the end of the Nth business day after the current one' },
  ],
} as const;

export function isEffectAction(type: string): boolean {
  return actionCatalog[type]?.kind === 'effect';
}

export function isAssignAction(type: string): boolean {
  return actionCatalog[type]?.kind === 'assign';
}

/** Thrown if anything ever interprets a machine with an actor instead of the pure API. */
export class EffectExecutedInMachineError extends WorkflowError {
  constructor(type: string) {
    super(`the effect "${type}" must be executed by the server from transition() output, not inside the machine`);
  }
}
