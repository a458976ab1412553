/**
 * Reading tickets for lists: filters, text search, sort and pages. The tenant filter of the
 * caller's EntityManager already hides other tenants' tickets.
 */
import { raw, type EntityManager, type FilterQuery, type QueryOrderMap } from '@mikro-orm/postgresql';
import { TicketSchema, type Ticket } from './ticket.entity.js';
import { badInput } from '../graphql/errors.js';
import { isUuid } from './ticket.service.js';
import { SLA_AT_RISK_WITHIN_MS } from '../sla/sla.risk.js';

export interface TicketListQuery {
  filter?: {
    tenantId?: string;
    statusCategory?: string;
    state?: string;
    priority?: string;
    kind?: string;
    channel?: string;
    q?: string;
    ids?: string[];
    slaAtRisk?: boolean;
    serviceLevel?: string;
  };
  sortField?: string | null;
  sortOrder?: 'ASC' | 'DESC' | null;
  page?: number | null;
  perPage?: number | null;
}

const sortable = ['createdAt', 'updatedAt', 'number', 'priority', 'state', 'statusCategory', 'subject', 'kind', 'tenantId', 'id'];
const maxPerPage = 500;

/** `now` is the server's clock (the manual one in tests): "at risk" is counted from it. */
export async function listTickets(em: EntityManager, query: TicketListQuery, now: Date): Promise<{ items: Ticket[]; total: number }> {
  const where = buildWhere(query.filter ?? {}, now);
  const perPage = query.perPage ?? 25;
  const page = query.page ?? 0;
  if (perPage < 1 || perPage > maxPerPage) throw badInput(`perPage must be between 1 and ${maxPerPage}`, ['perPage']);
  if (page < 0) throw badInput('page counts from 0', ['page']);
  const [items, total] = await em.findAndCount(TicketSchema, where, {
    orderBy: orderBy(query.sortField ?? 'createdAt', query.sortOrder ?? 'DESC'),
    limit: perPage,
    offset: page * perPage,
  });
  return { items, total };
}

function buildWhere(filter: NonNullable<TicketListQuery['filter']>, now: Date): FilterQuery<Ticket> {
  const where: Record<string, unknown> = {};
  for (const key of ['tenantId', 'statusCategory', 'state', 'priority', 'kind', 'channel'] as const) {
    if (filter[key] != null) where[key] = filter[key];
  }
  if (filter.ids) where.id = { $in: filter.ids.filter(isUuid) };
  if (filter.q?.trim()) {
    const like = `%${filter.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.$or = [{ number: { $ilike: like } }, { subject: { $ilike: like } }, { [raw('fields::text')]: { $ilike: like } }];
  }
  if (filter.slaAtRisk != null) where[slaAtRiskCondition(now)] = filter.slaAtRisk;
  // The level the ticket was registered with (its organisation's facts in the snapshot): the
  // one its queue rank was fixed by (SIN-6), even if the contract changed since.
  if (filter.serviceLevel != null) where[raw((alias) => `${alias}.snapshot->'context'->'organization'->>'serviceLevel'`)] = filter.serviceLevel;
  return where as FilterQuery<Ticket>;
}

/**
 * Whether one of the ticket's clocks is at risk (sla/sla.risk.ts): running (not met, not
 * paused) and breached or due within the window. In SQL, on the `deadlines` column as the
 * engine stores it (epoch ms), so paging and the total count only such tickets.
 */
function slaAtRiskCondition(now: Date): string {
  return raw(
    (alias) => `exists (select 1 from jsonb_array_elements(${alias}.deadlines) as clock(d)
      where d->>'metAt' is null and d->>'pausedAt' is null
        and ((d->>'breached')::boolean or (d->>'dueAt')::double precision <= ?))`,
    [now.getTime() + SLA_AT_RISK_WITHIN_MS],
  );
}

/**
 * `queue` is the tenant's service order: its rank by the workflow's `queue:` criteria
 * (RBT-8 criticality, SIN-6 service level), then first come, first served within a rank.
 */
function orderBy(field: string, order: 'ASC' | 'DESC'): QueryOrderMap<Ticket>[] {
  const direction = order === 'ASC' ? 'asc' : 'desc';
  // Ticket numbers grow within a tenant, so they order tickets registered in the same instant.
  if (field === 'queue') return [{ queueRank: 'asc' }, { createdAt: 'asc' }, { number: 'asc' }, { id: 'asc' }];
  if (!sortable.includes(field)) throw badInput(`sortField must be one of: queue, ${sortable.join(', ')}`, ['sortField']);
  return [{ [field]: direction } as QueryOrderMap<Ticket>, { number: direction }, { id: direction }];
}
