/**
 * The SQL of converting a call: it runs on the ticket engine's pool (plain `pg`, as
 * `TicketService.createTicketIn` takes), so the new ticket and the call's link to it
 * commit together.
 */
import type { PgClient } from '../db/pg-pool.js';
import type { PhoneCall } from './phone-call.entity.js';

/** Reads the call and holds its row lock until the transaction ends. */
export async function lockPhoneCall(client: PgClient, id: string): Promise<PhoneCall | null> {
  const { rows } = await client.query<PhoneCall>(
    `select id, tenant_id as "tenantId", at, caller_name as "callerName", caller_phone as "callerPhone", organization, summary,
       outcome, ticket_id as "ticketId", agent
     from phone_call where id = $1 for update`,
    [id],
  );
  return rows[0] ?? null;
}

export async function linkCallToTicket(client: PgClient, callId: string, ticketId: string): Promise<void> {
  await client.query(`update phone_call set outcome = 'ticket', ticket_id = $2 where id = $1`, [callId, ticketId]);
}
