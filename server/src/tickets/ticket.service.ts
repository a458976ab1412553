/**
 * The ticket engine (DESIGN principle 3). A ticket is a persisted XState snapshot; every
 * event, whoever sends it (an agent, an integration, mail, a timer), goes through the same
 * step: one transaction that locks the ticket row, computes the next snapshot with XState's
 * pure transition, and writes snapshot, history, timer and outbox rows and the change
 * notice, bumping the version. Concurrent writers queue on the row lock, so none is lost or
 * applied to a stale snapshot; `expectedVersion` turns a stale writer into VERSION_CONFLICT.
 *
 * The transaction is plain SQL (ticket.store.ts) on the engine's own pool: it is the hot
 * path, and the ORM's unit of work cost more than the database did (bench/README.md).
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock/clock.js';
import type { WorkflowRegistry } from '../tenants/workflow-registry.js';
import type { CompiledWorkflow, MachineStep, OrganizationFacts } from '../workflow/index.js';
import { organizationFacts, queueRank } from './ticket.organization.js';
import { actorKindOf, counterScope, mayActorSend, renderNumber } from '../workflow/index.js';
import type { Ticket } from './ticket.entity.js';
import { withTransaction, type PgClient, type PgPool } from '../db/pg-pool.js';
import { findTicketIdByNumber, insertRepeatLinks, insertTicket, lockTicket, nextCounterValue, writeStep } from './ticket.store.js';
import { lettersFor } from './effects.js';
import { localDateIn } from '../clock/zones.js';
import { EventNotAllowedError, VersionConflictError } from './ticket.errors.js';
import { badInput, forbidden, notFound } from '../graphql/errors.js';
import type { TenantScope } from '../db/tenant-filter.js';
import { advanceClocks, breachClock, breachEventType, type ClockChanges } from '../sla/sla.clocks.js';
import { validatedEventData } from './event-data.js';
import { insertRequesterTokens } from '../portal/requester-token.js';

export interface CreateTicketInput {
  tenantId: string;
  channel: string;
  kind?: string | null;
  priority?: string | null;
  audience?: string | null;
  subject?: string | null;
  from?: string | null;
  fields?: Record<string, unknown> | null;
  organizationId?: string | null;
}

export interface TicketEvent {
  type: string;
  data?: Record<string, unknown> | null;
}

interface PreparedCreate {
  input: CreateTicketInput;
  fields: Record<string, unknown>;
  organization: OrganizationFacts | null;
  versionId: string;
  workflow: CompiledWorkflow;
}

export class TicketService {
  constructor(
    private readonly pool: PgPool,
    private readonly clock: Clock,
    private readonly registry: WorkflowRegistry,
    private readonly options: { publicUrl: () => string } = { publicUrl: () => 'http://localhost' },
  ) {}

  /** Registers a request. It is never refused for incomplete content (CONTRACT). */
  async createTicket(input: CreateTicketInput, actor: string): Promise<Ticket> {
    const prepared = await this.#prepareCreate(input);
    return withTransaction(this.pool, (client) => this.#insertCreated(client, prepared, actor, randomUUID()));
  }

  /**
   * `createTicket` inside a transaction the caller holds (mail intake stores the raw message
   * in the same one). `id` lets the caller write rows that refer to the ticket first.
   */
  async createTicketIn(client: PgClient, input: CreateTicketInput, actor: string, options: { id?: string } = {}): Promise<Ticket> {
    const prepared = await this.#prepareCreate(input);
    return this.#insertCreated(client, prepared, actor, options.id ?? randomUUID());
  }

  async #prepareCreate(input: CreateTicketInput): Promise<PreparedCreate> {
    const current = await this.registry.current(input.tenantId);
    if (!current) throw badInput(`Unknown tenant "${input.tenantId}"`, ['tenantId']);
    validateCreateInput(current.workflow, input);
    const fields = { ...(input.fields ?? {}) };
    if (input.from && fields.email === undefined && input.from.includes('@')) fields.email = input.from;
    const { year, month, day } = localDateIn(current.workflow.definition.tenant.timezone, this.clock.now());
    const today = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const organization = await organizationFacts(this.pool, input.tenantId, input.organizationId, fields.inn, today);
    return { input, fields, organization, ...current };
  }

  async #insertCreated(
    client: PgClient,
    prepared: PreparedCreate,
    actor: string,
    id: string,
  ): Promise<Ticket> {
    const { input, fields, organization, versionId, workflow } = prepared;
    const { numbering, tenant } = workflow.definition;
    const now = this.clock.now();
    const localDate = localDateIn(tenant.timezone, now);
    const seq = await nextCounterValue(client, input.tenantId, counterScope(numbering, localDate));
    const step = workflow.initialSnapshot({ fields, kind: input.kind ?? null, organization });
    const ticket: Ticket = {
      id,
      tenantId: input.tenantId,
      workflowVersionId: versionId,
      number: renderNumber(numbering, localDate, seq),
      kind: input.kind ?? null,
      priority: input.priority ?? null,
      channel: input.channel,
      audience: input.audience ?? null,
      subject: input.subject ?? null,
      organizationId: organization?.id ?? null,
      requester: input.from ?? null,
      queueRank: queueRank(workflow.definition.queue, { priority: input.priority ?? null, serviceLevel: organization?.serviceLevel ?? null }),
      version: 1,
      createdAt: now,
      updatedAt: now,
      deadlines: [],
      ...snapshotColumns(step),
    };
    const clocks = await this.#advanceClocks(ticket, workflow, step, 'CREATE');
    await insertTicket(client, ticket);
    // NSO-8: a repeated request names the previous number (a mail citing a closed ticket, or
    // `fields.previousNumber` of a web/API request); the tickets are linked both ways.
    const previousNumber = fields.previousNumber;
    if (typeof previousNumber === 'string' && previousNumber.trim()) {
      const previousId = await findTicketIdByNumber(client, input.tenantId, previousNumber.trim());
      if (previousId && previousId !== id) await insertRepeatLinks(client, input.tenantId, id, previousId, now);
    }
    await this.#record(client, ticket, workflow, step, { type: 'CREATE' }, null, actor, false, clocks);
    return ticket;
  }

  /** Applies an agent's or integration's event, in its own transaction. */
  async sendEvent(scope: TenantScope, ticketId: string, event: TicketEvent, actor: string, expectedVersion?: number | null): Promise<Ticket> {
    if (!isUuid(ticketId)) throw notFound(`Ticket ${ticketId}`);
    return withTransaction(this.pool, (client) => this.sendEventIn(client, scope, ticketId, event, actor, expectedVersion));
  }

  /** `sendEvent` inside a transaction the caller holds (e.g. a mail appended to its ticket). */
  async sendEventIn(
    client: PgClient,
    scope: TenantScope,
    ticketId: string,
    event: TicketEvent,
    actor: string,
    expectedVersion?: number | null,
  ): Promise<Ticket> {
    if (!isUuid(ticketId)) throw notFound(`Ticket ${ticketId}`);
    const ticket = await lockTicket(client, ticketId);
    if (!ticket) throw notFound(`Ticket ${ticketId}`);
    if ('tenantIds' in scope && !scope.tenantIds.includes(ticket.tenantId)) throw forbidden(`Ticket ${ticketId} belongs to another tenant`);
    if (expectedVersion != null && expectedVersion !== ticket.version) throw new VersionConflictError(expectedVersion, ticket.version);
    const workflow = await this.registry.forVersion(ticket.workflowVersionId);
    // The file says who may send the event; a declared event from anyone else is FORBIDDEN.
    if (workflow.definition.events[event.type] && !mayActorSend(workflow.definition, event.type, actorKindOf(actor))) {
      throw forbidden(`${actorKindOf(actor)} may not send ${event.type}; it is for: ${workflow.definition.events[event.type]!.actors.join(', ')}`);
    }
    if (workflow.definition.events[event.type]?.data) event = await this.#validated(ticket, workflow, event);
    // Only declared events come from outside; XState's own (timer) events do not.
    const step = workflow.eventTypes.includes(event.type) ? workflow.applyEvent(ticket.snapshot, toMachineEvent(event)) : null;
    if (!step?.changed) throw new EventNotAllowedError(event.type, ticket.state, workflow.availableEvents(ticket.snapshot));
    return this.#commitStep(client, ticket, workflow, step, event, actor);
  }

  /** The event with its data checked against the file's rules (an event the state refuses is refused as such first). */
  async #validated(ticket: Ticket, workflow: CompiledWorkflow, event: TicketEvent): Promise<TicketEvent> {
    const available = workflow.availableEvents(ticket.snapshot);
    if (!available.includes(event.type)) throw new EventNotAllowedError(event.type, ticket.state, available);
    const context = (ticket.snapshot as { context?: Record<string, unknown> }).context ?? {};
    const calendar = await this.registry.calendarOf(ticket.workflowVersionId);
    const rules = workflow.definition.events[event.type]!.data!;
    const data = validatedEventData(rules, event.data ?? {}, { context, createdAt: ticket.createdAt, calendar, now: this.clock.now().getTime() });
    return { ...event, data };
  }

  /**
   * Applies a due timer's event inside the scheduler's transaction. Returns false when the
   * ticket no longer takes it (a cancel that raced the timer), which is not an error.
   */
  async applyTimerEvent(client: PgClient, ticketId: string, event: TicketEvent): Promise<boolean> {
    const ticket = await lockTicket(client, ticketId);
    if (!ticket) return false;
    const workflow = await this.registry.forVersion(ticket.workflowVersionId);
    if (event.type === breachEventType) return this.#breach(client, ticket, workflow, String(event.data?.clock));
    const step = workflow.applyEvent(ticket.snapshot, toMachineEvent(event));
    if (!step.changed) return false;
    await this.#commitStep(client, ticket, workflow, step, event, 'system');
    return true;
  }

  /**
   * An SLA clock's timer fired: the breach is marked once, and the clock's breach event (if
   * the file names one) goes into the machine, which may escalate or notify. History shows it
   * either way. Its `data.clock` is what reports count as a breach (reports/sla-breaches.ts).
   */
  async #breach(client: PgClient, before: Ticket, workflow: CompiledWorkflow, kind: string): Promise<boolean> {
    const { deadlines, breached } = breachClock(before.deadlines, kind, this.clock.now().getTime());
    if (!breached) return false;
    const type = workflow.definition.sla?.[kind]?.breach?.event;
    const event = { type: type ?? 'SLA_BREACHED', data: { clock: kind } };
    const taken = type ? workflow.applyEvent(before.snapshot, event) : null;
    const step = taken?.changed ? taken : unchangedStep(before);
    await this.#commitStep(client, { ...before, deadlines }, workflow, step, event, 'system', step === taken);
    return true;
  }

  /** `moveClocks` is false for a step the machine did not take (its state's tags are unknown). */
  async #commitStep(client: PgClient, before: Ticket, workflow: CompiledWorkflow, step: MachineStep, event: TicketEvent, actor: string, moveClocks = true) {
    const now = this.clock.now();
    const ticket: Ticket = { ...before, ...snapshotColumns(step), version: before.version + 1, updatedAt: now };
    const clocks = moveClocks ? await this.#advanceClocks(ticket, workflow, step, event.type, event.data ?? {}) : noClockTimers;
    await this.#record(client, ticket, workflow, step, event, before.state, actor, true, clocks);
    return ticket;
  }

  /** Moves the ticket's SLA clocks for this step (in place); returns the timer rows to change. */
  async #advanceClocks(ticket: Ticket, workflow: CompiledWorkflow, step: MachineStep, eventType: string, eventData: Record<string, unknown> = {}): Promise<ClockTimers> {
    const clocks = workflow.definition.sla;
    if (!clocks || !Object.keys(clocks).length) return noClockTimers;
    const calendar = await this.registry.calendarOf(ticket.workflowVersionId);
    const now = ticket.updatedAt.getTime();
    const organization = (step.snapshot.context as { organization?: OrganizationFacts | null }).organization ?? null;
    const changes = advanceClocks(
      clocks,
      ticket.deadlines,
      { event: eventType, data: eventData, tags: step.tags, priority: ticket.priority, serviceLevel: organization?.serviceLevel ?? null, contractTargets: organization?.slaTargets ?? null, now },
      calendar,
    );
    ticket.deadlines = changes.deadlines;
    return changes;
  }

  async #record(
    client: PgClient,
    ticket: Ticket,
    workflow: CompiledWorkflow,
    step: MachineStep,
    event: TicketEvent,
    fromState: string | null,
    actor: string,
    updateTicket: boolean,
    clocks: ClockTimers,
  ): Promise<void> {
    const at = ticket.updatedAt;
    const data = withComplaint(withNotes(event.data ?? {}, step), step, ticket);
    const letters = lettersFor(ticket, workflow, step.effects, data, this.options.publicUrl());
    // Each letter to the requester carries a personal link to the ticket (CONTRACT).
    await insertRequesterTokens(
      client,
      letters.flatMap((l) => (l.portalToken ? [{ tenantId: ticket.tenantId, ticketId: ticket.id, token: l.portalToken, at }] : [])),
    );
    const breachTimers = clocks.arm.map((c) => ({ key: c.key, event: { type: breachEventType, data: { clock: c.kind } }, dueAt: new Date(c.dueAt) }));
    await writeStep(client, {
      ticket,
      updateTicket,
      event: event.type,
      data,
      fromState,
      actor,
      at,
      cancelledTimers: [...step.cancelledTimers, ...clocks.cancel],
      timers: [...step.timers.map((t) => ({ key: t.id, event: t.event, dueAt: new Date(at.getTime() + t.delayMs) })), ...breachTimers],
      letters: letters.map(({ portalToken: _, ...letter }) => letter),
    });
  }
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** `recordNote` effects land in the step's history row as `data.notes`. */
function withNotes(data: Record<string, unknown>, step: MachineStep): Record<string, unknown> {
  const notes = step.effects
    .filter((effect) => effect.type === 'recordNote')
    .map((effect) => String(effect.params?.text ?? data.note ?? ''))
    .filter(Boolean);
  return notes.length ? { ...data, notes } : data;
}

/**
 * A `recordComplaint` effect (NSO-12) keeps the complaint in the step's history row with the
 * deadlines as they stand: the evidence must not change when the clocks move on.
 */
function withComplaint(data: Record<string, unknown>, step: MachineStep, ticket: Ticket): Record<string, unknown> {
  if (!step.effects.some((effect) => effect.type === 'recordComplaint')) return data;
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  const deadlines = ticket.deadlines.map((d) => ({ kind: d.kind, dueAt: iso(d.dueAt), pausedAt: iso(d.pausedAt), metAt: iso(d.metAt), breached: d.breached }));
  return { ...data, complaint: { text: typeof data.text === 'string' ? data.text : null, deadlines, breaches: deadlines.filter((d) => d.breached).map((d) => d.kind) } };
}

type ClockTimers = Pick<ClockChanges, 'arm' | 'cancel'>;
const noClockTimers: ClockTimers = { arm: [], cancel: [] };

/** A step that changes nothing in the machine (a breach the machine does not react to). */
function unchangedStep(ticket: Ticket): MachineStep {
  return {
    snapshot: ticket.snapshot as unknown as MachineStep['snapshot'],
    state: ticket.state,
    statusCategory: ticket.statusCategory,
    tags: [],
    changed: true,
    effects: [],
    timers: [],
    cancelledTimers: [],
  };
}

function toMachineEvent(event: TicketEvent) {
  return { type: event.type, data: event.data ?? {} };
}

function snapshotColumns(step: MachineStep) {
  const context = step.snapshot.context as { fields?: Record<string, unknown>; closeReason?: string | null };
  return {
    snapshot: step.snapshot as unknown as Record<string, unknown>,
    state: step.state,
    statusCategory: step.statusCategory,
    closeReason: context.closeReason ?? null,
    fields: context.fields ?? {},
  };
}

function validateCreateInput(workflow: CompiledWorkflow, input: CreateTicketInput): void {
  const definition = workflow.definition;
  const channelKinds = new Set(['api', ...definition.channels.map((c) => c.kind)]);
  if (!channelKinds.has(input.channel)) {
    throw badInput(`Channel "${input.channel}" is not one of this tenant's: ${[...channelKinds].join(', ')}`, ['channel']);
  }
  // SIN-1: a channel the workflow marks unofficial is for talk; it registers no request.
  const declared = definition.channels.filter((c) => c.kind === input.channel);
  if (declared.length && declared.every((c) => c.official === false)) {
    throw badInput(`Channel "${input.channel}" is not an official channel of this tenant: requests are not registered through it`, ['channel']);
  }
  // NSO-2: a tenant that names audiences takes only those.
  const audiences = [...new Set(definition.channels.map((c) => c.audience).filter((a): a is string => Boolean(a)))];
  if (input.audience != null && audiences.length && !audiences.includes(input.audience)) {
    throw badInput(`Audience "${input.audience}" is not one of: ${audiences.join(', ')}`, ['audience']);
  }
  const kinds = Object.keys(definition.kinds ?? {});
  if (input.kind != null && kinds.length && !kinds.includes(input.kind)) {
    throw badInput(`Request kind "${input.kind}" is not one of: ${kinds.join(', ')}`, ['kind']);
  }
  const priorities = definition.priorities ?? [];
  if (input.priority != null && priorities.length && !priorities.includes(input.priority)) {
    throw badInput(`Priority "${input.priority}" is not one of: ${priorities.join(', ')}`, ['priority']);
  }
  if (input.fields != null && (typeof input.fields !== 'object' || Array.isArray(input.fields))) {
    throw badInput('fields must be an object of intake fields', ['fields']);
  }
}
