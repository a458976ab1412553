/**
 * What the engine knows of a new ticket's organisation (CONTRACT: named by `organizationId`,
 * else matched by `fields.inn`) and where the ticket stands in its desk's service order.
 * Fixed at registration: a contract that ends later does not undo a ticket taken in time.
 */
import type { PgPool } from '../db/pg-pool.js';
import { badInput } from '../graphql/errors.js';
import type { OrganizationFacts, QueueCriterion } from '../workflow/index.js';

interface OrganizationRow {
  id: string;
  name: string;
  service_level: string | null;
  contract_from: string | null;
  contract_until: string | null;
  sla_targets: Record<string, string> | null;
}

const columns = `id, name, service_level, to_char(contract_from, 'YYYY-MM-DD') as contract_from,
  to_char(contract_until, 'YYYY-MM-DD') as contract_until, sla_targets`;

/**
 * The organisation a ticket names (refused if it is not the tenant's) or whose INN its fields
 * carry; `localDate` (YYYY-MM-DD, the tenant's today) decides whether its contract is valid.
 */
export async function organizationFacts(
  pool: PgPool,
  tenantId: string,
  organizationId: string | null | undefined,
  inn: unknown,
  localDate: string,
): Promise<OrganizationFacts | null> {
  let row: OrganizationRow | undefined;
  if (organizationId) {
    const valid = /^[0-9a-f-]{36}$/i.test(organizationId);
    row = valid ? (await pool.query<OrganizationRow>(`select ${columns} from organization where id = $1 and tenant_id = $2`, [organizationId, tenantId])).rows[0] : undefined;
    if (!row) throw badInput(`Organization ${organizationId} is not one of this tenant's`, ['organizationId']);
  } else if (typeof inn === 'string' && /^(\d{10}|\d{12})$/.test(inn.trim())) {
    row = (await pool.query<OrganizationRow>(`select ${columns} from organization where tenant_id = $1 and inn = $2 order by created_at limit 1`, [tenantId, inn.trim()])).rows[0];
  }
  if (!row) return null;
  return { id: row.id, name: row.name, serviceLevel: row.service_level, contract: contractOn(row, localDate), slaTargets: row.sla_targets };
}

/** RBT-1: a contract is valid on the days from its first to its last; no dates, no contract. */
function contractOn(row: OrganizationRow, localDate: string): OrganizationFacts['contract'] {
  if (!row.contract_from && !row.contract_until) return 'none';
  if (row.contract_from && localDate < row.contract_from) return 'expired';
  if (row.contract_until && localDate > row.contract_until) return 'expired';
  return 'valid';
}

/**
 * The ticket's place in the service order (RBT-8: criticality first; SIN-6: extended support
 * first): each criterion in turn, values listed earlier first and anything unlisted after
 * them. Ties are served first come, first served (the list sorts by creation then).
 */
export function queueRank(queue: QueueCriterion[] | undefined, ticket: { priority: string | null; serviceLevel: string | null }): number {
  let rank = 0;
  for (const criterion of queue ?? []) {
    const [key, values] = Object.entries(criterion)[0] as ['priority' | 'serviceLevel', string[]];
    const value = ticket[key];
    const index = value === null ? -1 : values.indexOf(value);
    rank = rank * (values.length + 1) + (index === -1 ? values.length : index);
  }
  return rank;
}
