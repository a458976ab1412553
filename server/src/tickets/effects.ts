/**
 * Executes the effects a machine step returned as data (DESIGN principle 3): today a
 * `notify` effect, which renders one of the workflow file's templates into a letter and
 * writes it to the outbox and the ticket's thread, in the event's transaction. The outbox
 * worker delivers it after commit.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CompiledWorkflow, MachineEffect } from '../workflow/index.js';
import type { Ticket } from './ticket.entity.js';
import { OutboxSchema } from '../outbox/outbox.entity.js';
import { MessageSchema } from './message.entity.js';
import { renderTemplate } from './template.js';
import type { TicketEvent } from './ticket.service.js';

export function executeEffects(
  tx: EntityManager,
  ticket: Ticket,
  workflow: CompiledWorkflow,
  effects: MachineEffect[],
  event: TicketEvent,
  now: Date,
): void {
  for (const effect of effects) {
    if (effect.type === 'notify') writeNotification(tx, ticket, workflow, effect.params ?? {}, event, now);
  }
}

function writeNotification(
  tx: EntityManager,
  ticket: Ticket,
  workflow: CompiledWorkflow,
  params: Record<string, unknown>,
  event: TicketEvent,
  now: Date,
): void {
  const templates = (workflow.definition.templates ?? {}) as Record<string, { subject?: string; body?: string } | undefined>;
  const template = templates[String(params.template)];
  const to = typeof params.to === 'string' ? params.to : requesterAddress(ticket);
  if (!template || !to) return;
  const scope = { ticket, fields: ticket.fields, data: event.data ?? {}, tenant: workflow.definition.tenant };
  const subject = renderTemplate(template.subject ?? `[${ticket.number}]`, scope);
  const body = renderTemplate(template.body ?? '', scope);
  tx.create(OutboxSchema, {
    tenantId: ticket.tenantId,
    ticketId: ticket.id,
    kind: 'mail',
    to,
    subject,
    body,
    status: 'pending',
    attempts: 0,
    lastError: null,
    createdAt: now,
    deliveredAt: null,
  });
  tx.create(MessageSchema, {
    tenantId: ticket.tenantId,
    ticketId: ticket.id,
    direction: 'out',
    channel: 'email',
    from: null,
    to,
    subject,
    body,
    at: now,
  });
}

function requesterAddress(ticket: Ticket): string | null {
  const email = ticket.fields.email;
  if (typeof email === 'string' && email.includes('@')) return email;
  return ticket.requester?.includes('@') ? ticket.requester : null;
}
