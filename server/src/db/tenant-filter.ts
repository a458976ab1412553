/**
 * The ORM filter that scopes every query of a tenant-owned entity to the caller's tenants
 * (DESIGN principle 6). It is on by default: a query on an EntityManager that was not given
 * the caller's tenant set fails loudly instead of reading everything. Admins and the system
 * get `{ all: true }`.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Orm } from './orm.js';

export type TenantScope = { all: true } | { tenantIds: string[] };

export const tenantFilter = {
  name: 'tenant',
  default: true,
  cond: (args: TenantScope) => ('all' in args ? {} : { tenantId: { $in: args.tenantIds } }),
};

/** A fresh EntityManager that sees only `scope`'s tenants. */
export function scopedEntityManager(orm: Orm, scope: TenantScope): EntityManager {
  const em = orm.em.fork() as EntityManager;
  em.setFilterParams('tenant', scope);
  return em;
}

export const allTenants: TenantScope = { all: true };
