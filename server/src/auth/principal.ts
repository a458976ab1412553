/**
 * Who is calling. The tenant set comes from here and never from a request's arguments
 * (DESIGN principle 6).
 */
import type { Role } from './user.entity.js';
import { forbidden, unauthenticated } from '../graphql/errors.js';
import { allTenants, type TenantScope } from '../db/tenant-filter.js';

export interface Principal {
  kind: 'user' | 'token';
  id: string;
  role: Role;
  /** 'all' for admins; otherwise the tenants this principal was given. */
  tenantIds: string[] | 'all';
  /** How history rows name the actor: `agent:ivanov@example.org`, `integration:1C`. */
  actor: string;
}

export function requirePrincipal(principal: Principal | null): Principal {
  if (!principal) throw unauthenticated();
  return principal;
}

export function requireAdmin(principal: Principal | null): Principal {
  const p = requirePrincipal(principal);
  if (p.role !== 'admin') throw forbidden('Only an administrator may do this');
  return p;
}

export function mayAccessTenant(principal: Principal, tenantId: string): boolean {
  return principal.tenantIds === 'all' || principal.tenantIds.includes(tenantId);
}

export function requireTenant(principal: Principal, tenantId: string): void {
  if (!mayAccessTenant(principal, tenantId)) throw forbidden(`No access to tenant ${tenantId}`);
}

/** The tenants this principal's queries are scoped to: admins see every tenant. */
export function tenantScopeOf(principal: Principal | null): TenantScope {
  if (principal?.tenantIds === 'all') return allTenants;
  return { tenantIds: principal ? principal.tenantIds : [] };
}
