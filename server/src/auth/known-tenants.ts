import type { Orm } from '../db/orm.js';
import { badInput } from '../graphql/errors.js';
import { TenantSchema } from '../tenants/tenant.entity.js';

/** Users and tokens are given existing tenants only: a typo would silently grant nothing. */
export async function requireKnownTenants(orm: Orm, tenantIds: string[]): Promise<void> {
  if (!tenantIds.length) return;
  const rows = await orm.em.fork().find(TenantSchema, { id: { $in: tenantIds } }, { fields: ['id'] });
  const known = new Set(rows.map((r) => r.id));
  const unknown = tenantIds.filter((id) => !known.has(id));
  if (unknown.length) throw badInput(`unknown tenants: ${unknown.join(', ')}`, ['tenantIds']);
}
