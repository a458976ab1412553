/**
 * The ticket engine (DESIGN principle 3). A ticket is a persisted XState snapshot; every
 * event, whoever sends it (an agent, an integration, mail, a timer), goes through
 * `applyEvent`: one transaction that locks the ticket row, computes the next snapshot with
 * XState's pure transition, and writes snapshot, history, outbox and timer rows, bumping the
 * version. Concurrent writers queue on the row lock, so none is lost or applied to a stale
 * snapshot; `expectedVersion` turns a stale writer into VERSION_CONFLICT.
 */
import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../clock/clock.js';
import type { WorkflowRegistry } from '../tenants/workflow-registry.js';
import type { CompiledWorkflow, MachineStep } from '../workflow/index.js';
import { TicketSchema, type Ticket, type StatusCategory } from './ticket.entity.js';
import { TicketHistorySchema } from './history.entity.js';
import { TimerSchema } from '../timers/timer.entity.js';
import { nextTicketNumber } from './ticket-number.js';
import { executeEffects } from './effects.js';
import { EventNotAllowedError, VersionConflictError } from './ticket.errors.js';
import { badInput, notFound } from '../graphql/errors.js';
import { TenantSchema } from '../tenants/tenant.entity.js';
import { publishTicketChange } from '../live/ticket-change.js';

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

export class TicketService {
  constructor(
    private readonly clock: Clock,
    private readonly registry: WorkflowRegistry,
  ) {}

  /** Registers a request. It is never refused for incomplete content (CONTRACT). */
  async createTicket(em: EntityManager, input: CreateTicketInput, actor: string): Promise<Ticket> {
    const tenant = await em.findOne(TenantSchema, { id: input.tenantId });
    if (!tenant) throw badInput(`Unknown tenant "${input.tenantId}"`, ['tenantId']);
    const workflow = await this.registry.forVersion(tenant.currentWorkflowVersionId);
    validateCreateInput(workflow, input);
    const fields = { ...(input.fields ?? {}) };
    if (input.from && fields.email === undefined && input.from.includes('@')) fields.email = input.from;

    return em.transactional(async (tx) => {
      const now = this.clock.now();
      const definition = workflow.definition;
      const number = await nextTicketNumber(tx, tenant.id, definition.numbering, definition.tenant.timezone, now);
      const step = workflow.initialSnapshot({ fields, kind: input.kind ?? null });
      const ticket = tx.create(TicketSchema, {
        id: randomUUID(),
        tenantId: tenant.id,
        workflowVersionId: tenant.currentWorkflowVersionId,
        number,
        kind: input.kind ?? null,
        priority: input.priority ?? null,
        channel: input.channel,
        audience: input.audience ?? null,
        subject: input.subject ?? null,
        organizationId: input.organizationId ?? null,
        requester: input.from ?? null,
        version: 1,
        createdAt: now,
        ...snapshotColumns(workflow, step.snapshot),
        updatedAt: now,
      });
      await this.#record(tx, ticket, workflow, step, { type: 'CREATE', data: null }, null, actor, now);
      return ticket;
    });
  }

  /** Applies a user's or integration's event, in its own transaction. */
  async sendEvent(em: EntityManager, ticketId: string, event: TicketEvent, actor: string, expectedVersion?: number | null): Promise<Ticket> {
    return em.transactional(async (tx) => {
      const ticket = await lockTicket(tx, ticketId);
      if (!ticket) throw notFound(`Ticket ${ticketId}`);
      if (expectedVersion != null && expectedVersion !== ticket.version) throw new VersionConflictError(expectedVersion, ticket.version);
      const workflow = await this.registry.forVersion(ticket.workflowVersionId);
      // Only declared events come from outside; XState's own (timer) events do not.
      const step = workflow.eventTypes.includes(event.type) ? workflow.applyEvent(ticket.snapshot, toMachineEvent(event)) : null;
      if (!step?.changed) throw new EventNotAllowedError(event.type, ticket.state, workflow.availableEvents(ticket.snapshot));
      await this.#commitStep(tx, ticket, workflow, step, event, actor);
      return ticket;
    });
  }

  /**
   * Applies a due timer's event inside the scheduler's transaction. Returns false when the
   * ticket no longer takes it (a cancel that raced the timer), which is not an error.
   */
  async applyTimerEvent(tx: EntityManager, ticketId: string, event: TicketEvent): Promise<boolean> {
    const ticket = await lockTicket(tx, ticketId);
    if (!ticket) return false;
    const workflow = await this.registry.forVersion(ticket.workflowVersionId);
    const step = workflow.applyEvent(ticket.snapshot, toMachineEvent(event));
    if (!step.changed) return false;
    await this.#commitStep(tx, ticket, workflow, step, event, 'system');
    return true;
  }

  async #commitStep(tx: EntityManager, ticket: Ticket, workflow: CompiledWorkflow, step: MachineStep, event: TicketEvent, actor: string) {
    const now = this.clock.now();
    const fromState = ticket.state;
    Object.assign(ticket, snapshotColumns(workflow, step.snapshot), { version: ticket.version + 1, updatedAt: now });
    await this.#record(tx, ticket, workflow, step, event, fromState, actor, now);
  }

  /** Writes what one step produced besides the ticket row: history, timers, effects, notice. */
  async #record(
    tx: EntityManager,
    ticket: Ticket,
    workflow: CompiledWorkflow,
    step: MachineStep,
    event: TicketEvent,
    fromState: string | null,
    actor: string,
    now: Date,
  ): Promise<void> {
    tx.create(TicketHistorySchema, {
      tenantId: ticket.tenantId,
      ticketId: ticket.id,
      version: ticket.version,
      event: event.type,
      data: event.data && Object.keys(event.data).length ? event.data : null,
      fromState,
      toState: ticket.state,
      actor,
      at: now,
    });
    if (step.cancelledTimers.length) {
      // SKIP LOCKED: a row the scheduler holds is being fired right now and waits for this
      // ticket's lock; waiting for it here would deadlock. Once we commit, the scheduler
      // finds the ticket no longer takes the timer's event and marks it fired.
      await tx.execute(
        `update timer set status = 'cancelled' where id in (
           select id from timer where ticket_id = ? and status = 'pending' and key in (${step.cancelledTimers.map(() => '?').join(', ')})
           for update skip locked)`,
        [ticket.id, ...step.cancelledTimers],
      );
    }
    for (const timer of step.timers) {
      tx.create(TimerSchema, {
        tenantId: ticket.tenantId,
        ticketId: ticket.id,
        key: timer.id,
        event: timer.event,
        dueAt: new Date(now.getTime() + timer.delayMs),
        status: 'pending',
        createdAt: now,
        firedAt: null,
      });
    }
    executeEffects(tx, ticket, workflow, step.effects, event, now);
    await tx.flush();
    await publishTicketChange(tx, { tenantId: ticket.tenantId, ticketId: ticket.id, version: ticket.version, event: event.type });
  }
}

/** Reads the ticket and holds its row lock until the transaction ends. */
function lockTicket(tx: EntityManager, ticketId: string): Promise<Ticket | null> {
  if (!isUuid(ticketId)) return Promise.resolve(null);
  return tx.findOne(TicketSchema, { id: ticketId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

function toMachineEvent(event: TicketEvent) {
  return { type: event.type, data: event.data ?? {} };
}

function snapshotColumns(workflow: CompiledWorkflow, snapshot: Record<string, unknown>) {
  const context = (snapshot.context ?? {}) as { fields?: Record<string, unknown>; closeReason?: string | null };
  return {
    snapshot,
    state: workflow.stateName(snapshot),
    statusCategory: workflow.statusCategory(snapshot) as StatusCategory,
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
