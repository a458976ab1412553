/**
 * NSO-3 phone calls. A call gives a short consultation or help filling in a request: the
 * agent logs every call, and one that needs work becomes a ticket through the ticket engine
 * like any other request (channel `phone`), so the tenant's workflow decides what follows,
 * including whether phone is a channel that registers requests at all (SIN-1).
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { TicketService } from '../tickets/ticket.service.js';
import type { Ticket } from '../tickets/ticket.entity.js';
import { badInput } from '../graphql/errors.js';
import { PhoneCallSchema, type PhoneCall } from './phone-call.entity.js';
import { LogPhoneCallInput } from './phone-call.types.js';
import { optionalText, requiredText } from './records.access.js';
import { linkCallToTicket, lockPhoneCall } from './phone-call.store.js';
import { withTransaction, type PgPool } from '../db/pg-pool.js';

const maxShort = 300;
const maxSummary = 10_000;
const maxPerPage = 500;

export function logPhoneCall(em: EntityManager, input: LogPhoneCallInput, agent: string, now: Date): PhoneCall {
  const at = input.at ?? now;
  if (at.getTime() > now.getTime()) throw badInput('A call cannot be logged before it takes place: at is in the future', ['at']);
  return em.create(PhoneCallSchema, {
    id: randomUUID(),
    tenantId: input.tenantId,
    at,
    callerName: optionalText(input.callerName, 'callerName', maxShort),
    callerPhone: optionalText(input.callerPhone, 'callerPhone', maxShort),
    organization: optionalText(input.organization, 'organization', maxShort),
    summary: requiredText(input.summary, 'summary', maxSummary),
    outcome: 'consultation',
    ticketId: null,
    agent,
  });
}

/** The tenant's calls, newest first; pages count from 0 as `tickets` does. */
export async function listPhoneCalls(em: EntityManager, tenantId: string, page = 0, perPage = 25): Promise<{ items: PhoneCall[]; total: number }> {
  if (perPage < 1 || perPage > maxPerPage) throw badInput(`perPage must be between 1 and ${maxPerPage}`, ['perPage']);
  if (page < 0) throw badInput('page counts from 0', ['page']);
  const [items, total] = await em.findAndCount(PhoneCallSchema, { tenantId }, { orderBy: { at: 'desc', id: 'asc' }, limit: perPage, offset: page * perPage });
  return { items, total };
}

export interface ConversionOptions {
  kind?: string | null;
  subject?: string | null;
  audience?: string | null;
}

/**
 * Turns a logged call into a ticket. The ticket and the call's link to it commit in one
 * transaction, with the call's row locked first: two agents converting the same call at
 * once make one ticket, and the second is told it was converted already.
 */
export async function convertToTicket(
  pool: PgPool,
  tickets: TicketService,
  callId: string,
  options: ConversionOptions,
  actor: string,
): Promise<{ call: PhoneCall; ticket: Ticket }> {
  const subject = optionalText(options.subject, 'subject', maxShort);
  return withTransaction(pool, async (client) => {
    const call = await lockPhoneCall(client, callId);
    if (!call) throw badInput(`Phone call ${callId} not found`, ['id']);
    if (call.ticketId) throw badInput(`This call already became ticket ${call.ticketId}`, ['id']);
    const ticket = await tickets.createTicketIn(
      client,
      {
        tenantId: call.tenantId,
        channel: 'phone',
        kind: options.kind ?? null,
        audience: options.audience ?? null,
        subject: subject ?? firstLine(call.summary),
        fields: intakeFieldsOf(call),
      },
      actor,
    );
    await linkCallToTicket(client, call.id, ticket.id);
    return { call: { ...call, outcome: 'ticket', ticketId: ticket.id }, ticket };
  });
}

/** The shared intake field names (CONTRACT) for what the agent noted; nothing is invented for what was not. */
function intakeFieldsOf(call: PhoneCall): Record<string, unknown> {
  const fields: Record<string, unknown> = { description: call.summary };
  if (call.callerName) fields.fullName = call.callerName;
  if (call.callerPhone) fields.phone = call.callerPhone;
  if (call.organization) fields.organization = call.organization;
  return fields;
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/, 1)[0]!.trim();
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}
