/**
 * A what-if, not server code: `TicketService.sendEvent`'s semantics (lock the row, apply the
 * event with the same compiled workflow, write snapshot + history + letters + NOTIFY in one
 * transaction) with the writes done by hand-written SQL on a plain `pg` client instead of
 * MikroORM's unit of work, and all of them in ONE data-modifying statement:
 *
 *   BEGIN
 *   select … from ticket where id = $1 and tenant_id = any($2) for update
 *   with t as (update ticket … returning …), h as (insert into ticket_history …),
 *        o as (insert into outbox … from unnest(…)), m as (insert into message … from unnest(…))
 *   select pg_notify(…) from t
 *   COMMIT
 *
 * Four round trips instead of six to eight. The bench runs it in-process (BENCH_PROFILE=1,
 * tier "what-if") and checks that it writes the same rows as the server, to size the gain
 * of the suggestion in bench/README.md before anyone changes ticket.service.ts.
 * Workflows with timers are out of its scope (tomsk has none): it refuses them.
 */
import type pg from 'pg';
import type { CompiledWorkflow } from '../server/src/workflow/index.js';
import { renderTemplate } from '../server/src/tickets/template.js';

interface LockedTicket {
  id: string;
  tenant_id: string;
  number: string;
  state: string;
  version: number;
  snapshot: Record<string, unknown>;
  fields: Record<string, unknown>;
  requester: string | null;
  [column: string]: unknown;
}

const combinedWrite = `
with t as (
  update ticket set state = $2, status_category = $3, close_reason = $4, fields = $5, snapshot = $6, version = $7
  where id = $1
  returning id, tenant_id, version
), h as (
  insert into ticket_history (tenant_id, ticket_id, version, event, data, from_state, to_state, actor, at)
  select t.tenant_id, t.id, t.version, $8, $9::jsonb, $10, $2, $11, $12 from t
), o as (
  insert into outbox (tenant_id, ticket_id, kind, recipient, subject, body, status, attempts, last_error, created_at, delivered_at)
  select t.tenant_id, t.id, 'mail', n.recipient, n.subject, n.body, 'pending', 0, null, $12, null
  from t, unnest($13::text[], $14::text[], $15::text[]) with ordinality as n(recipient, subject, body, i) order by n.i
), m as (
  insert into message (tenant_id, ticket_id, direction, channel, sender, recipient, subject, body, at)
  select t.tenant_id, t.id, 'out', 'email', null, n.recipient, n.subject, n.body, $12
  from t, unnest($13::text[], $14::text[], $15::text[]) with ordinality as n(recipient, subject, body, i) order by n.i
)
select pg_notify('ticket_changed', json_build_object('tenantId', t.tenant_id, 'ticketId', t.id, 'version', t.version, 'event', $8::text)::text) from t`;

function requesterAddress(ticket: LockedTicket): string | null {
  const email = ticket.fields.email;
  if (typeof email === 'string' && email.includes('@')) return email;
  return ticket.requester?.includes('@') ? ticket.requester : null;
}

/** Returns the ticket's state after the event. */
export async function applyLeanEvent(
  client: pg.ClientBase,
  workflow: CompiledWorkflow,
  tenantIds: string[],
  ticketId: string,
  event: { type: string; data: Record<string, unknown> },
  actor: string,
  now: Date,
): Promise<string> {
  await client.query('begin');
  try {
    const { rows } = await client.query<LockedTicket>('select * from ticket where id = $1 and tenant_id = any($2::text[]) for update', [ticketId, tenantIds]);
    const ticket = rows[0];
    if (!ticket) throw new Error(`ticket ${ticketId} not found`);
    const step = workflow.eventTypes.includes(event.type) ? workflow.applyEvent(ticket.snapshot, { type: event.type, data: event.data }) : null;
    if (!step?.changed) throw new Error(`${event.type} not allowed in ${ticket.state}`);
    if (step.timers.length || step.cancelledTimers.length) throw new Error('the what-if prototype does not write timer rows');
    const context = (step.snapshot.context ?? {}) as { fields?: Record<string, unknown>; closeReason?: string | null };
    const state = workflow.stateName(step.snapshot);
    const fields = context.fields ?? {};
    const after = { ...ticket, state, fields, version: ticket.version + 1 };
    const letters: Array<{ to: string; subject: string; body: string }> = [];
    const templates = (workflow.definition.templates ?? {}) as Record<string, { subject?: string; body?: string } | undefined>;
    for (const effect of step.effects) {
      if (effect.type !== 'notify') continue;
      const params = effect.params ?? {};
      const template = templates[String(params.template)];
      const to = typeof params.to === 'string' ? params.to : requesterAddress(after);
      if (!template || !to) continue;
      const scope = { ticket: { ...after, tenantId: after.tenant_id }, fields, data: event.data, tenant: workflow.definition.tenant };
      letters.push({ to, subject: renderTemplate(template.subject ?? `[${after.number}]`, scope), body: renderTemplate(template.body ?? '', scope) });
    }
    await client.query(combinedWrite, [
      ticket.id,
      state,
      workflow.statusCategory(step.snapshot),
      context.closeReason ?? null,
      JSON.stringify(fields),
      JSON.stringify(step.snapshot),
      ticket.version + 1,
      event.type,
      Object.keys(event.data).length ? JSON.stringify(event.data) : null,
      ticket.state,
      actor,
      now,
      letters.map((l) => l.to),
      letters.map((l) => l.subject),
      letters.map((l) => l.body),
    ]);
    await client.query('commit');
    return state;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
}
