// The workflow feature owns the tenant workflow file: its format (workflows/workflow.schema.json),
// reading and validating it with problems that name line and column, the catalog of named
// guards, actions and delays that files compose, compiling a file into an XState machine, and
// the pure operations on a ticket's persisted snapshot (initial snapshot, apply an event,
// status category, state name, available events, missing fields). It also owns the ticket
// number formats. It does no I/O beyond reading workflow files and never touches the
// database: the ticket engine stores the snapshots, timers and effects this module returns.

export type {
  CalendarSection,
  CatalogRef,
  ChannelDefinition,
  ChannelKind,
  EventActor,
  EventDefinition,
  KindDefinition,
  MachineDefinition,
  NumberingDefinition,
  NumberingReset,
  PersistedTicketSnapshot,
  SlaClockDefinition,
  SlaCondition,
  StateNodeDefinition,
  StateValueJson,
  StatusCategory,
  StoredSnapshot,
  TenantSection,
  TicketContext,
  TicketInput,
  TransitionDefinition,
  TransitionsDefinition,
  Weekday,
  WorkflowDefinition,
  WorkflowEffect,
  WorkflowEvent,
  WorkflowParseResult,
  WorkflowProblem,
  WorkflowStep,
  WorkflowTimer,
  EventDataRule,
  NamedDelayDefinition,
  OrganizationFacts,
  QueueCriterion,
} from './workflow.types.js';
export { actsOf, type Act, type ActItem, type ActStatus } from './acts.js';
export { actorKindOf, mayActorSend, type ActorKind } from './event-actors.js';
export { CHANNEL_KINDS, EVENT_ACTORS, INTAKE_FIELDS, STATUS_CATEGORIES, WEEKDAYS } from './workflow.types.js';

// Names the ticket engine already uses for the same types.
export type {
  WorkflowEffect as MachineEffect,
  WorkflowStep as MachineStep,
  NumberingDefinition as NumberingSpec,
} from './workflow.types.js';

export { parseWorkflowSource, loadWorkflowDir, formatProblems, type WorkflowFileResult } from './workflow.loader.js';
export { compileWorkflow, isTimerEventType, type CompileOptions, type CompiledWorkflow, type TicketMachine } from './workflow.compiler.js';

export {
  actionCatalog,
  delayCatalog,
  guardCatalog,
  isAssignAction,
  isEffectAction,
  EffectExecutedInMachineError,
  type ActionEntry,
  type AssignActionEntry,
  type EffectActionEntry,
  type GuardEntry,
} from './catalog.js';
export {
  defaultResolveDelay,
  isBusinessDelay,
  parseDelayExpression,
  type DelayExpression,
  type DelayResolver,
} from './delay.expression.js';

export {
  checkNumbering,
  counterScope,
  dateChecksum,
  findNumbers,
  parseNumber,
  parseNumberPattern,
  renderNumber,
  type LocalDate,
  type NumberSegment,
  type ParsedNumber,
} from './numbering.js';

export { isFieldPresent, requiredFieldsFor } from './intake.fields.js';
export { isFixedOffset, isValidTimezone } from './timezone.check.js';

export {
  BusinessTimeUnavailableError,
  SequenceOverflowError,
  SnapshotRestoreError,
  UnexpectedActionError,
  UnknownKindError,
  WorkflowArgumentError,
  WorkflowError,
  WorkflowInvalidError,
} from './workflow.errors.js';
