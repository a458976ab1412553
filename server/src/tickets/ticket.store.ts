/**
 * The SQL of the ticket engine's transaction (DESIGN principle 3): lock a ticket row, insert
 * a new one, and write everything one machine step produced in a single statement: the
 * ticket row, its history row, cancelled and new timer rows, outbox letters with their copies
 * in the thread, and the NOTIFY that PostgreSQL delivers to every instance on commit.
 */
import type { PgClient } from '../db/pg-pool.js';
import type { Ticket } from './ticket.entity.js';
import { ticketChangedChannel } from '../live/ticket-change.js';

const ticketColumns = `id, tenant_id as "tenantId", workflow_version_id as "workflowVersionId", number, kind, priority,
  channel, audience, subject, state, status_category as "statusCategory", close_reason as "closeReason", fields, snapshot, deadlines,
  organization_id as "organizationId", requester, version, created_at as "createdAt", updated_at as "updatedAt"`;

// The engine's statements are named, so each connection parses and plans them once.
const lockTicketSql = `select ${ticketColumns} from ticket where id = $1 for update`;

/** Reads the ticket and holds its row lock until the transaction ends. */
export async function lockTicket(client: PgClient, ticketId: string): Promise<Ticket | null> {
  const { rows } = await client.query<Ticket>({ name: 'lock-ticket', text: lockTicketSql, values: [ticketId] });
  return rows[0] ?? null;
}

export async function insertTicket(client: PgClient, t: Ticket): Promise<void> {
  await client.query(
    `insert into ticket (id, tenant_id, workflow_version_id, number, kind, priority, channel, audience, subject, state,
       status_category, close_reason, fields, snapshot, organization_id, requester, version, created_at, updated_at, deadlines, queue_rank)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)`,
    [t.id, t.tenantId, t.workflowVersionId, t.number, t.kind, t.priority, t.channel, t.audience, t.subject, t.state,
      t.statusCategory, t.closeReason, JSON.stringify(t.fields), JSON.stringify(t.snapshot), t.organizationId, t.requester,
      t.version, t.createdAt, t.updatedAt, JSON.stringify(t.deadlines), t.queueRank ?? 0],
  );
}

export async function nextCounterValue(client: PgClient, tenantId: string, scope: string): Promise<number> {
  const { rows } = await client.query<{ value: number }>(
    `insert into ticket_counter (tenant_id, scope, value) values ($1, $2, 1)
     on conflict (tenant_id, scope) do update set value = ticket_counter.value + 1
     returning value`,
    [tenantId, scope],
  );
  return rows[0]!.value;
}

/** The tenant's ticket with this number, if any (not locked: a link only names it). */
export async function findTicketIdByNumber(client: PgClient, tenantId: string, number: string): Promise<string | null> {
  const { rows } = await client.query<{ id: string }>(`select id from ticket where tenant_id = $1 and number = $2`, [tenantId, number]);
  return rows[0]?.id ?? null;
}

/** NSO-8: `ticketId` repeats `previousId`; both directions, in the caller's transaction. */
export async function insertRepeatLinks(client: PgClient, tenantId: string, ticketId: string, previousId: string, at: Date): Promise<void> {
  await client.query(
    `insert into ticket_link (tenant_id, ticket_id, linked_ticket_id, relation, created_at)
     values ($1, $2, $3, 'repeats', $4), ($1, $3, $2, 'repeated_by', $4)
     on conflict (ticket_id, linked_ticket_id, relation) do nothing`,
    [tenantId, ticketId, previousId, at],
  );
}

export interface Letter {
  to: string;
  subject: string;
  body: string;
}

export interface StepRecord {
  /** The ticket after the step; its row is updated unless it was just inserted. */
  ticket: Ticket;
  updateTicket: boolean;
  event: string;
  data: Record<string, unknown> | null;
  fromState: string | null;
  actor: string;
  at: Date;
  cancelledTimers: string[];
  timers: Array<{ key: string; event: unknown; dueAt: Date }>;
  letters: Letter[];
}

/**
 * One statement for the whole step. Its sub-statements see the table as it was before the
 * statement, so a timer re-armed under the id it had is not cancelled by the same step. A
 * timer row the scheduler holds is skipped (SKIP LOCKED) rather than waited for: the
 * scheduler waits for this ticket's lock, and once we commit it finds the ticket no longer
 * takes that timer's event.
 */
const recordStep = `
with updated as (
  update ticket set state = $3, status_category = $4, close_reason = $5, fields = $6, snapshot = $7, version = $8, updated_at = $13,
    deadlines = $23
  where id = $1 and $21::boolean
  returning id
), history as (
  insert into ticket_history (tenant_id, ticket_id, version, event, data, from_state, to_state, actor, at)
  values ($2, $1, $8, $9, $10::jsonb, $11, $3, $12, $13)
), cancelled as (
  update timer set status = 'cancelled' where id in (
    select id from timer where ticket_id = $1 and status = 'pending' and key = any($14::text[]) for update skip locked)
), armed as (
  insert into timer (tenant_id, ticket_id, key, event, due_at, status, created_at)
  select $2, $1, k.key, k.event, k.due_at, 'pending', $13
  from unnest($15::text[], $16::jsonb[], $17::timestamptz[]) as k(key, event, due_at)
), letters as (
  select * from unnest($18::text[], $19::text[], $20::text[]) with ordinality as l("to", subject, body, i)
), outboxed as (
  insert into outbox (tenant_id, ticket_id, kind, recipient, subject, body, status, attempts, created_at)
  select $2, $1, 'mail', l."to", l.subject, l.body, 'pending', 0, $13 from letters l order by l.i
), threaded as (
  insert into message (tenant_id, ticket_id, direction, channel, recipient, subject, body, at)
  select $2, $1, 'out', 'email', l."to", l.subject, l.body, $13 from letters l order by l.i
)
select pg_notify('${ticketChangedChannel}', $22)`;

export async function writeStep(client: PgClient, r: StepRecord): Promise<void> {
  const t = r.ticket;
  const notice = JSON.stringify({ tenantId: t.tenantId, ticketId: t.id, version: t.version, event: r.event });
  await client.query({ name: 'record-step', text: recordStep, values: [
    t.id, t.tenantId, t.state, t.statusCategory, t.closeReason, JSON.stringify(t.fields), JSON.stringify(t.snapshot), t.version,
    r.event, r.data && Object.keys(r.data).length ? JSON.stringify(r.data) : null, r.fromState, r.actor, r.at,
    r.cancelledTimers, r.timers.map((x) => x.key), r.timers.map((x) => JSON.stringify(x.event)), r.timers.map((x) => x.dueAt),
    r.letters.map((l) => l.to), r.letters.map((l) => l.subject), r.letters.map((l) => l.body), r.updateTicket, notice,
    JSON.stringify(t.deadlines),
  ] });
}
