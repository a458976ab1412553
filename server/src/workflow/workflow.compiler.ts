// Turns a validated workflow definition into an XState machine and the handful of pure
// operations the ticket engine needs. Every step goes through XState's pure API
// (`initialTransition`, `transition`): nothing is executed, the actions come back as data.
//
// Timers: XState does not restore pending delays from a persisted snapshot
// (statelyai/xstate#5331): a delayed event lives only in a running actor's scheduler. So
// delayed transitions (`after`) are handed to the server as timer rows (the `xstate.raise`
// actions that carry a delay), cancelled timers as ids (`xstate.cancel`), and a due timer is
// sent back through `applyEvent` like any other event.

import { assign, initialTransition, setup, transition, type SnapshotFrom, type StateValue } from 'xstate';
import {
  actionCatalog,
  EffectExecutedInMachineError,
  guardCatalog,
  PROBE_EVENT,
  type CatalogEnvironment,
  type CatalogParams,
  type GuardArgs,
} from './catalog.js';
import { defaultResolveDelay, parseDelayExpression, type DelayResolver } from './delay.expression.js';
import { missingFieldsOf } from './intake.fields.js';
import {
  SnapshotRestoreError,
  UnexpectedActionError,
  UnknownKindError,
  WorkflowArgumentError,
  WorkflowError,
} from './workflow.errors.js';
import {
  STATUS_CATEGORIES,
  type PersistedTicketSnapshot,
  type StoredSnapshot,
  type StateNodeDefinition,
  type StatusCategory,
  type TicketContext,
  type TicketInput,
  type WorkflowDefinition,
  type WorkflowEffect,
  type WorkflowEvent,
  type WorkflowStep,
  type WorkflowTimer,
} from './workflow.types.js';

export interface CompileOptions {
  /** Resolves business-time delays (`3bd`, `eobd`); without it they fail loudly. */
  resolveDelay?: DelayResolver;
  /** The product's clock (ms since epoch); required with a custom resolveDelay. */
  now?: () => number;
}

/**
 * A file's eventless (`always`) transitions could loop forever; XState's default is no
 * limit, which would hang a server on one bad file. No sane workflow needs this many
 * microsteps for one event.
 */
const MAX_MICROSTEPS = 1000;

/** Timer events are XState's own `after` events: `xstate.after.<delay>.<state id>`. */
export function isTimerEventType(type: string): boolean {
  return type.startsWith('xstate.after.');
}

function buildMachine(definition: WorkflowDefinition, resolveDelayMs: (expression: string) => number, now: () => number) {
  const env: CatalogEnvironment = { kinds: definition.kinds, now };

  const guards = Object.fromEntries(
    Object.entries(guardCatalog).map(([name, entry]) => [
      name,
      (args: GuardArgs, params: CatalogParams | undefined) => entry.test(args, params ?? {}, env),
    ]),
  );

  const actions = Object.fromEntries(
    Object.entries(actionCatalog).map(([name, entry]) => [
      name,
      entry.kind === 'assign'
        ? // XState's assign() is typed against the machine's own generics, which a catalog
          // built before the machine cannot name; the update functions are typed by GuardArgs.
          (assignAction(entry.update, env) as never)
        : () => {
            throw new EffectExecutedInMachineError(name);
          },
    ]),
  );

  const named = definition.delays ?? {};
  const delays = Object.fromEntries(
    collectDelayKeys(definition.machine.states).map((key) => {
      const delay = named[key];
      if (!delay) return [key, () => resolveDelayMs(key)];
      // NSO-10: until the instant the ticket holds (a date the customer named), else the default.
      return [key, ({ context }: { context: TicketContext }) => {
        const until = Date.parse(String(context[delay.until] ?? ''));
        return Number.isFinite(until) ? Math.max(0, until - now()) : resolveDelayMs(delay.otherwise);
      }];
    }),
  );

  const fileContext = definition.machine.context;
  const config = {
    ...definition.machine,
    options: { maxIterations: MAX_MICROSTEPS },
    context: ({ input }: { input: TicketInput }): TicketContext => ({
      // A fresh copy per ticket: the file's context object must never be shared or mutated.
      ...(fileContext ? (structuredClone(fileContext) as Record<string, unknown>) : {}),
      fields: { ...(input.fields ?? {}) },
      kind: input.kind ?? null,
      closeReason: null,
      organization: input.organization ?? null,
    }),
  };

  return setup({
    types: {} as { context: TicketContext; events: WorkflowEvent; input: TicketInput },
    guards,
    actions,
    delays,
  }).createMachine(
    // The config comes from a validated YAML file: its guard, action and delay names are
    // checked against the catalog by the loader, which TypeScript cannot see statically.
    config as never,
  );
}

/** A catalog assign entry as an XState assign action (pure: applied inside transition()). */
function assignAction(
  update: (args: GuardArgs, params: CatalogParams, env: CatalogEnvironment) => Partial<TicketContext>,
  env: CatalogEnvironment,
) {
  return assign(({ context, event }: GuardArgs, params: CatalogParams | undefined) => update({ context, event }, params ?? {}, env));
}

function collectDelayKeys(states: Record<string, StateNodeDefinition>, out = new Set<string>()): string[] {
  for (const node of Object.values(states)) {
    for (const key of Object.keys(node.after ?? {})) out.add(key);
    if (node.states) collectDelayKeys(node.states, out);
  }
  return [...out];
}

export type TicketMachine = ReturnType<typeof buildMachine>;
type TicketSnapshot = SnapshotFrom<TicketMachine>;

export interface CompiledWorkflow {
  definition: WorkflowDefinition;
  machine: TicketMachine;
  /** The event types the file declares (what agents, requesters and integrations may send). */
  eventTypes: string[];
  /** A new ticket: runs the initial state's entry actions and schedules its timers. */
  initialSnapshot(input: TicketInput): WorkflowStep;
  /** One event (or a due timer's event) applied to a stored snapshot. */
  applyEvent(snapshot: StoredSnapshot, event: WorkflowEvent): WorkflowStep;
  statusCategory(snapshot: StoredSnapshot): StatusCategory;
  /** The current state, nested states dot-separated (`waiting.reminded`). */
  stateName(snapshot: StoredSnapshot): string;
  /** Declared events the snapshot would accept now, guards included. */
  availableEvents(snapshot: StoredSnapshot): string[];
  /** Required fields of the ticket's kind that it lacks. */
  missingFields(snapshot: StoredSnapshot): string[];
}

export function compileWorkflow(definition: WorkflowDefinition, options: CompileOptions = {}): CompiledWorkflow {
  if (options.resolveDelay && !options.now) {
    throw new WorkflowArgumentError('compileWorkflow: a custom resolveDelay needs options.now, the product clock');
  }
  const { resolveDelay, now } = options;

  const resolveDelayMs = (expression: string): number => {
    const parsed = parseDelayExpression(expression);
    if (!parsed.ok) throw new WorkflowArgumentError(parsed.message);
    // Calendar delays need neither the calendar nor the clock; business delays need both,
    // and without an injected resolver they fail (defaultResolveDelay) instead of guessing.
    const ms =
      parsed.delay.form === 'calendar'
        ? parsed.delay.ms
        : resolveDelay && now
          ? resolveDelay(expression, now())
          : defaultResolveDelay(expression, Number.NaN);
    if (!Number.isFinite(ms) || ms < 0) {
      throw new WorkflowError(`delay "${expression}" resolved to ${ms}, not a duration in milliseconds`);
    }
    return ms;
  };

  // Assign actions that stamp a time (an act's issue date) read the product clock; a workflow
  // compiled without one (the loader's check, unit tests) falls back to the wall clock.
  const machine = buildMachine(definition, resolveDelayMs, now ?? Date.now);
  const eventTypes = Object.keys(definition.events);
  const kinds = Object.keys(definition.kinds);

  const restore = (stored: StoredSnapshot): TicketSnapshot => {
    if (typeof stored !== 'object' || stored === null) throw new SnapshotRestoreError('not a persisted snapshot');
    const persisted = stored as Partial<PersistedTicketSnapshot>;
    const { value, context } = persisted;
    if (typeof value !== 'string' && (typeof value !== 'object' || value === null)) {
      throw new SnapshotRestoreError('it has no state value');
    }
    if (typeof context !== 'object' || context === null || typeof context.fields !== 'object') {
      throw new SnapshotRestoreError('its context has no fields');
    }
    try {
      // resolveState recomputes the active state nodes (and tags) from the stored value.
      return machine.resolveState({
        value: value as StateValue,
        context,
        status: persisted.status === 'done' ? 'done' : 'active',
        // Stored as XState wrote it; its internal type refers to state nodes we never name.
        historyValue: persisted.historyValue as never,
      } as Parameters<TicketMachine['resolveState']>[0]);
    } catch (error) {
      throw new SnapshotRestoreError(error instanceof Error ? error.message : String(error));
    }
  };

  const toStep = (next: TicketSnapshot, actions: ReadonlyArray<{ type: string; params?: unknown }>, changed: boolean): WorkflowStep => {
    const effects: WorkflowEffect[] = [];
    const timers = new Map<string, WorkflowTimer>();
    const cancelled: string[] = [];
    for (const action of actions) {
      const params = (action.params ?? {}) as Record<string, unknown>;
      if (action.type === 'xstate.raise') {
        const { id, delay, event } = params as { id?: unknown; delay?: unknown; event?: WorkflowEvent };
        // Immediate raises are handled inside transition(); only delayed ones reach us.
        if (typeof id !== 'string' || typeof delay !== 'number' || !event) throw new UnexpectedActionError(action.type);
        timers.set(id, { id, delayMs: delay, event: { ...event } });
      } else if (action.type === 'xstate.cancel') {
        const id = params.sendId;
        if (typeof id !== 'string') throw new UnexpectedActionError(action.type);
        // Cancelled in the same step it was scheduled: the new row must not be written.
        timers.delete(id);
        if (!cancelled.includes(id)) cancelled.push(id);
      } else if (actionCatalog[action.type]?.kind === 'effect') {
        effects.push({ type: action.type, params: structuredClone(params) });
      } else {
        throw new UnexpectedActionError(action.type);
      }
    }
    return {
      snapshot: persist(next),
      state: stateValueName(next.value),
      statusCategory: categoryOf(next),
      tags: [...next.tags],
      changed,
      effects,
      timers: [...timers.values()],
      cancelledTimers: cancelled,
    };
  };

  const persist = (snapshot: TicketSnapshot): PersistedTicketSnapshot =>
    // A JSON round trip: what the caller gets is exactly what the database will give back.
    JSON.parse(JSON.stringify(machine.getPersistedSnapshot(snapshot))) as PersistedTicketSnapshot;

  return {
    definition,
    machine,
    eventTypes,

    initialSnapshot(input) {
      const kind = input.kind ?? null;
      if (kind !== null && !kinds.includes(kind)) throw new UnknownKindError(kind, kinds);
      const [snapshot, actions] = runMachine('the initial state', () =>
        initialTransition(machine, { fields: input.fields ?? {}, kind, organization: input.organization ?? null }),
      );
      // XState keeps an error of the initial step in the snapshot instead of throwing it.
      if (snapshot.status === 'error') throw snapshot.error instanceof Error ? snapshot.error : new WorkflowError(`the workflow failed on the initial state: ${String(snapshot.error)}`);
      return toStep(snapshot, actions, true);
    },

    applyEvent(persisted, event) {
      if (typeof event?.type !== 'string' || event.type === '') {
        throw new WorkflowArgumentError('an event needs a non-empty string type');
      }
      const current = restore(persisted);
      // can() is XState's own test for "some transition would be taken" (guards included);
      // the next snapshot's identity is not, since an effect-only transition keeps it.
      const changed = current.status === 'active' && current.can(event);
      if (!changed) return toStep(current, [], false);
      const [next, actions] = runMachine(`event ${event.type}`, () => transition(machine, current, event));
      return toStep(next, actions, true);
    },

    statusCategory(persisted) {
      return categoryOf(restore(persisted));
    },

    stateName(persisted) {
      return stateValueName(restore(persisted).value);
    },

    availableEvents(persisted) {
      const snapshot = restore(persisted);
      if (snapshot.status !== 'active') return [];
      return eventTypes.filter((type) => snapshot.can({ type, [PROBE_EVENT]: true } as WorkflowEvent));
    },

    missingFields(persisted) {
      return missingFieldsOf(definition.kinds, restore(persisted).context as TicketContext);
    },
  };
}

/**
 * Errors of our own (e.g. business time unavailable) pass through; anything XState throws
 * (an eventless loop hitting MAX_MICROSTEPS) becomes a typed workflow error naming the step.
 */
function runMachine<T>(what: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof WorkflowError) throw error;
    throw new WorkflowError(`the workflow failed on ${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function categoryOf(snapshot: { hasTag(tag: string): boolean; value: StateValue }): StatusCategory {
  const found = STATUS_CATEGORIES.filter((category) => snapshot.hasTag(category));
  // The loader guarantees exactly one per atomic state; anything else is a bug to surface.
  if (found.length !== 1) {
    throw new SnapshotRestoreError(`state "${stateValueName(snapshot.value)}" has status categories [${found.join(', ')}]`);
  }
  return found[0] as StatusCategory;
}

/** `{ open: 'working' }` → `open.working`. Parallel states are not allowed by the schema. */
function stateValueName(value: StateValue): string {
  if (typeof value === 'string') return value;
  const [key, child] = Object.entries(value)[0] ?? [];
  if (key === undefined) return '';
  return child === undefined ? key : `${key}.${stateValueName(child as StateValue)}`;
}
