// The shape of a workflow file once it has passed validation. It mirrors
// workflows/workflow.schema.json: the schema is what editors and the loader check, these
// types are what the rest of the server may rely on afterwards.

/** The five status categories every workflow state maps to (shared/RULES.md, CONTRACT.md). */
export const STATUS_CATEGORIES = ['new', 'open', 'waiting_customer', 'resolved', 'closed'] as const;
export type StatusCategory = (typeof STATUS_CATEGORIES)[number];

export const EVENT_ACTORS = ['agent', 'requester', 'integration', 'system'] as const;
export type EventActor = (typeof EVENT_ACTORS)[number];

/** The intake field names of CONTRACT.md; a workflow may require others of its own. */
export const INTAKE_FIELDS = [
  'inn',
  'fullName',
  'organization',
  'authority',
  'phone',
  'email',
  'occurredAt',
  'description',
  'steps',
  'screenshots',
  'entityPath',
  'documentRef',
  'reportParams',
  'errorLogs',
  'errorText',
  'video',
  'section',
] as const;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface TenantSection {
  id: string;
  title: string;
  /** File name of the regulation in shared/regulations, e.g. `novosibirsk.txt`. */
  regulation: string;
  /** An IANA zone (`Asia/Novosibirsk`) or a fixed offset (`+06:00`). */
  timezone: string;
}

export interface CalendarSection {
  /** Production calendar id; `ru` is workflows/calendars/ru.yaml. */
  production: string;
  /** `HH:MM-HH:MM` intervals per weekday; a missing or empty day is a day off. */
  workingHours: Partial<Record<Weekday, string[]>>;
  shortenedDaysEndEarly: boolean;
}

export const CHANNEL_KINDS = ['email', 'web', 'phone', 'telegram', 'chat', 'api'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export interface ChannelDefinition {
  kind: ChannelKind;
  /** Mail address, URL or phone number, depending on `kind`; required when `official`. */
  address?: string;
  extension?: string;
  audience?: string;
  official: boolean;
  /** `24/7` or one or more `HH:MM-HH:MM` intervals separated by commas. */
  hours: string;
  note?: string;
  routing?: { subjectContains?: string };
}

/**
 * A mailbox whose mail is an event on the ticket it names, not a request: not a channel for
 * requests (NSO-12: complaints to gisz@zakaznso.ru are COMPLAIN on the ticket).
 */
export interface EventMailboxDefinition {
  address: string;
  event: string;
  note?: string;
}

export type NumberingReset = 'never' | 'daily' | 'yearly';

export interface NumberingDefinition {
  pattern: string;
  reset: NumberingReset;
}

export interface KindDefinition {
  title: string;
  requiredFields: string[];
}

export interface EventDefinition {
  title: string;
  actors: EventActor[];
  description?: string;
  /** What the event's data must hold; the engine refuses anything else (BAD_USER_INPUT). */
  data?: Record<string, EventDataRule>;
}

/** One key of an event's data (`events.<E>.data.<key>`). */
export interface EventDataRule {
  required?: boolean;
  type?: 'string' | 'datetime' | 'list' | 'number';
  /** Allowed values (e.g. SIN-5 postponement reasons). */
  enum?: string[];
  /** A datetime no later than `delay` after the instant in context field `after` (NSO-9). */
  notLaterThan?: { after: string; delay: string };
  /** A datetime not in the past. */
  future?: boolean;
}

/** A delay whose length the ticket decides: until a context instant, else `otherwise` (NSO-10). */
export interface NamedDelayDefinition {
  until: string;
  otherwise: string;
}

/** One criterion of the service order (`sortField: "queue"`): earlier values first. */
export interface QueueCriterion {
  priority?: string[];
  serviceLevel?: string[];
}

/** A guard or action as written in a file: a catalog name, optionally with params. */
export type CatalogRef = string | { type: string; params?: Record<string, unknown> };

export interface TransitionDefinition {
  target?: string | string[];
  guard?: CatalogRef;
  actions?: CatalogRef | CatalogRef[];
  description?: string;
  reenter?: boolean;
}

export type TransitionsDefinition = string | TransitionDefinition | TransitionDefinition[];

export interface StateNodeDefinition {
  type?: 'atomic' | 'compound' | 'final';
  id?: string;
  description?: string;
  initial?: string;
  tags?: string[];
  entry?: CatalogRef | CatalogRef[];
  exit?: CatalogRef | CatalogRef[];
  on?: Record<string, TransitionsDefinition>;
  /** Keys are delay expressions (`48h`, `3bd`); see delay.expression.ts. */
  after?: Record<string, TransitionsDefinition>;
  always?: TransitionsDefinition;
  onDone?: TransitionsDefinition;
  states?: Record<string, StateNodeDefinition>;
  meta?: Record<string, unknown>;
}

export interface MachineDefinition {
  id: string;
  initial: string;
  description?: string;
  /** Extra context; `fields`, `kind` and `closeReason` are reserved for the ticket. */
  context?: Record<string, unknown>;
  /** Events every non-final state takes unless its own `on` handles them (NSO-12 complaints). */
  on?: Record<string, TransitionsDefinition>;
  states: Record<string, StateNodeDefinition>;
}

/** A step matches when its event is listed, or when the state after it has a listed tag. */
export interface SlaCondition {
  tags?: string[];
  events?: string[];
}

/** An SLA clock (`sla.<name>`): the name is the deadline's kind. */
export interface SlaClockDefinition {
  start?: SlaCondition;
  stop: SlaCondition;
  pause?: SlaCondition;
  target: string;
  targets?: Record<string, string>;
  /** Targets by the organisation's service level (SIN-6); a priority target wins over these. */
  serviceLevelTargets?: Record<string, string>;
  /** Due at an instant the starting event names (`data.<field>`) rather than a target (NSO-9). */
  dueAtFromEvent?: string;
  calendar?: 'business' | '24x7';
  allHoursFor?: { priorities?: string[] };
  breach?: { event?: string };
}

/** A letter of the workflow file: `{{placeholders}}` filled from the ticket (tickets/template.ts). */
export interface TemplateDefinition {
  subject?: string;
  body?: string;
}

export interface WorkflowDefinition {
  tenant: TenantSection;
  calendar: CalendarSection;
  channels: ChannelDefinition[];
  numbering: NumberingDefinition;
  kinds: Record<string, KindDefinition>;
  priorities?: string[];
  events: Record<string, EventDefinition>;
  templates?: Record<string, TemplateDefinition>;
  fieldLabels?: Record<string, string>;
  eventMailboxes?: EventMailboxDefinition[];
  sla?: Record<string, SlaClockDefinition>;
  delays?: Record<string, NamedDelayDefinition>;
  queue?: QueueCriterion[];
  machine: MachineDefinition;
}

/** One thing wrong with a workflow file, pointing at the YAML node that is wrong. */
export interface WorkflowProblem {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** Where in the document, e.g. `machine.states.open.on.TAKE.target`; empty for the root. */
  path: string;
  message: string;
}

export type WorkflowParseResult =
  | { ok: true; definition: WorkflowDefinition; hash: string }
  | { ok: false; problems: WorkflowProblem[] };

// ---- Runtime shapes of a ticket inside its machine ----

/** Machine context: what the ticket engine stores in the snapshot, plus the file's extras. */
export interface TicketContext {
  fields: Record<string, unknown>;
  kind: string | null;
  closeReason: string | null;
  [extra: string]: unknown;
}

/** An event as the server sends it (`sendTicketEvent(type, data)`), or a fired timer. */
export interface WorkflowEvent {
  type: string;
  data?: Record<string, unknown>;
}

export interface TicketInput {
  fields?: Record<string, unknown>;
  kind?: string | null;
  /** The requester's organisation as the engine found it (by id or INN), or null. */
  organization?: OrganizationFacts | null;
}

/** What a machine may know of the ticket's organisation, fixed when the ticket is registered. */
export interface OrganizationFacts {
  id: string;
  name: string;
  serviceLevel: string | null;
  /** RBT-1: whether support is owed on the day the ticket was registered. */
  contract: 'valid' | 'expired' | 'none';
  /** RBT-6: the contract's own SLA targets by clock name. */
  slaTargets: Record<string, string> | null;
}

/** A snapshot as stored in the database: plain JSON from `machine.getPersistedSnapshot`. */
export interface PersistedTicketSnapshot {
  status: 'active' | 'done' | 'error' | 'stopped';
  value: StateValueJson;
  context: TicketContext;
  historyValue?: unknown;
  children?: unknown;
  output?: unknown;
  error?: unknown;
  [other: string]: unknown;
}

/**
 * What the snapshot-taking operations accept: a `PersistedTicketSnapshot` as a step returned
 * it, typically read back from a JSON column as a plain record. Checked when restored.
 */
export type StoredSnapshot = PersistedTicketSnapshot | Readonly<Record<string, unknown>>;

export type StateValueJson = string | { [state: string]: StateValueJson };

/** An effect action the server executes after the transaction (outbox). */
export interface WorkflowEffect {
  type: string;
  params: Record<string, unknown>;
}

/** A delayed event to store as a timer row: due at (now + delayMs), then sent back. */
export interface WorkflowTimer {
  id: string;
  delayMs: number;
  event: WorkflowEvent;
}

/**
 * The outcome of one step. Apply `cancelledTimers` before `timers`: re-entering a state
 * cancels its old timer and schedules a new one under the same id in the same step.
 */
export interface WorkflowStep {
  snapshot: PersistedTicketSnapshot;
  /** The state after the step, nested states dot-separated, and its status category. */
  state: string;
  statusCategory: StatusCategory;
  /** Every tag of the state after the step (SLA clocks start, stop and pause on tags). */
  tags: string[];
  /** True when the machine took a transition for the event (it was allowed). */
  changed: boolean;
  effects: WorkflowEffect[];
  timers: WorkflowTimer[];
  cancelledTimers: string[];
}
