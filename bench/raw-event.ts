/**
 * The raw baseline: the transaction `TicketService.sendEvent` produces for one event of the
 * bench's workflow, issued directly with `pg` and nothing else (no HTTP, no GraphQL, no ORM,
 * no XState). The statements and rows mirror what the server writes, in its order (checked
 * against the server at every run, see `selfCheck` in events.bench.ts):
 *
 *   BEGIN
 *   select the ticket row FOR UPDATE (with the caller's tenant filter)
 *   insert ticket_history                         (always)
 *   insert requester_token, outbox, message       (where the transition has a notify effect)
 *   update ticket set state, status_category, snapshot, version
 *   select pg_notify('ticket_changed', …)
 *   COMMIT
 *
 * The next snapshot is not computed: both snapshots the bench alternates between are taken
 * from a ticket that went through the server, so the baseline is the database's floor.
 */
import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';

/** A notify effect's letter: its text split at the ticket number, so any ticket can fill it. */
export interface RawNotice {
  recipient: string;
  subjectParts: string[];
  bodyParts: string[];
}

export interface RawTransition {
  type: string;
  from: string;
  to: string;
  statusCategory: string;
  /** The persisted snapshot after the event, as JSON text. */
  snapshot: string;
  /** What the history row's `data` holds (the server stores null for an empty object). */
  data: Record<string, unknown> | null;
  notice: RawNotice | null;
}

export interface RawPlan {
  /** The caller's tenant filter; null for an admin, whose queries have none. */
  tenantIds: string[] | null;
  actor: string;
  /** The manual clock's instant, which every row of the run carries. */
  at: Date;
  transitions: Record<string, RawTransition>;
}

export class RawEventError extends Error {}

const selectForUpdate = {
  filtered: 'select * from ticket where id = $1 and tenant_id = any($2::text[]) limit 1 for update',
  all: 'select * from ticket where id = $1 limit 1 for update',
};

/** Applies `type` to the ticket in one transaction on `client`; returns the new state. */
export async function applyRawEvent(client: pg.ClientBase, plan: RawPlan, ticketId: string, type: string): Promise<string> {
  const transition = plan.transitions[type];
  if (!transition) throw new RawEventError(`no raw transition for ${type}`);
  await client.query('begin');
  try {
    const { rows } = plan.tenantIds
      ? await client.query(selectForUpdate.filtered, [ticketId, plan.tenantIds])
      : await client.query(selectForUpdate.all, [ticketId]);
    const ticket = rows[0] as { id: string; tenant_id: string; number: string; state: string; version: number } | undefined;
    if (!ticket) throw new RawEventError(`ticket ${ticketId} not found`);
    if (ticket.state !== transition.from) throw new RawEventError(`${type} not allowed in ${ticket.state}`);
    const version = ticket.version + 1;
    await client.query(
      `insert into ticket_history (tenant_id, ticket_id, version, event, data, from_state, to_state, actor, at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
      [ticket.tenant_id, ticket.id, version, type, transition.data ? JSON.stringify(transition.data) : null, ticket.state, transition.to, plan.actor, plan.at],
    );
    if (transition.notice) {
      const { recipient, subjectParts, bodyParts } = transition.notice;
      const subject = subjectParts.join(ticket.number);
      // The server's letter carries a personal link with a token of its own: the baseline
      // makes one too and stores its hash, as the server does.
      const token = randomBytes(32).toString('base64url');
      const body = bodyParts.join(ticket.number).replace(/\/portal\/t\/[A-Za-z0-9_-]+/, `/portal/t/${token}`);
      await client.query(`insert into requester_token (tenant_id, ticket_id, token_hash, created_at) values ($1, $2, $3, $4)`, [
        ticket.tenant_id,
        ticket.id,
        createHash('sha256').update(token, 'utf8').digest('hex'),
        plan.at,
      ]);
      await client.query(
        `insert into outbox (tenant_id, ticket_id, kind, recipient, subject, body, status, attempts, last_error, created_at, delivered_at)
         values ($1, $2, 'mail', $3, $4, $5, 'pending', 0, null, $6, null) returning id`,
        [ticket.tenant_id, ticket.id, recipient, subject, body, plan.at],
      );
      await client.query(
        `insert into message (tenant_id, ticket_id, direction, channel, sender, recipient, subject, body, at)
         values ($1, $2, 'out', 'email', null, $3, $4, $5, $6) returning id`,
        [ticket.tenant_id, ticket.id, recipient, subject, body, plan.at],
      );
    }
    await client.query('update ticket set state = $1, status_category = $2, snapshot = $3, version = $4 where id = $5', [
      transition.to,
      transition.statusCategory,
      transition.snapshot,
      version,
      ticket.id,
    ]);
    await client.query('select pg_notify($1, $2)', [
      'ticket_changed',
      JSON.stringify({ tenantId: ticket.tenant_id, ticketId: ticket.id, version, event: type }),
    ]);
    await client.query('commit');
    return transition.to;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
}
