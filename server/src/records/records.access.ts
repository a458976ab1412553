/**
 * Who may do what with a tenant's records, shared by announcements, phone calls and contact
 * changes. Writes are desk work: admins and the tenant's agents; an integration token reads
 * but does not speak for the desk. The order of the checks follows the other resolvers:
 * no token, then an unknown tenant (malformed input), then a tenant not the caller's.
 */
import type { EntityName } from '@mikro-orm/core';
import type { GraphQLContext } from '../graphql/context.js';
import { mayAccessTenant, requirePrincipal, requireTenant, type Principal } from '../auth/principal.js';
import { badInput, forbidden, notFound } from '../graphql/errors.js';
import { TenantSchema } from '../tenants/tenant.entity.js';
import { allTenants, scopedEntityManager } from '../db/tenant-filter.js';
import { isUuid } from '../tickets/ticket.service.js';

/** An admin, or an agent; the tenant is checked apart. */
export function requireStaff(principal: Principal | null): Principal {
  const p = requirePrincipal(principal);
  if (p.role !== 'admin' && p.role !== 'agent') throw forbidden('Only administrators and agents may do this');
  return p;
}

/** BAD_USER_INPUT for a tenant that does not exist: asked unscoped, so the answer is the same for everyone. */
export async function requireKnownTenant(ctx: GraphQLContext, tenantId: string): Promise<void> {
  if (!(await ctx.services.orm.em.fork().count(TenantSchema, { id: tenantId }))) {
    throw badInput(`Unknown tenant "${tenantId}"`, ['tenantId']);
  }
}

/** A staff member of an existing tenant they were given. */
export async function requireTenantStaff(ctx: GraphQLContext, tenantId: string): Promise<Principal> {
  const principal = requireStaff(ctx.principal);
  await requireKnownTenant(ctx, tenantId);
  requireTenant(principal, tenantId);
  return principal;
}

/** Any caller given this existing tenant (reads). */
export async function requireTenantReader(ctx: GraphQLContext, tenantId: string): Promise<Principal> {
  const principal = requirePrincipal(ctx.principal);
  await requireKnownTenant(ctx, tenantId);
  requireTenant(principal, tenantId);
  return principal;
}

/**
 * A tenant-owned row by id for the caller: NOT_FOUND if it does not exist, FORBIDDEN if it
 * is another tenant's (CONTRACT: a direct read or write outside the caller's tenants). The
 * row comes from the caller's scoped EntityManager, so changes flush through `ctx.em`.
 */
export async function findOwnedRow<T extends { tenantId: string }>(ctx: GraphQLContext, entity: EntityName<T>, id: string, what: string): Promise<T> {
  const principal = requirePrincipal(ctx.principal);
  if (!isUuid(id)) throw notFound(`${what} ${id}`);
  // The filter's condition is typed for any entity; every records entity has `tenantId`.
  const row = (await ctx.em.findOne(entity, { id } as never)) as T | null;
  if (row) return row;
  const elsewhere = (await scopedEntityManager(ctx.services.orm, allTenants).findOne(entity, { id } as never)) as T | null;
  if (elsewhere && !mayAccessTenant(principal, elsewhere.tenantId)) throw forbidden(`${what} ${id} belongs to another tenant`);
  throw notFound(`${what} ${id}`);
}

/** Trimmed text, or null when blank; `max` guards the columns the public portal shows. */
export function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  const text = value?.trim() ?? '';
  if (text.length > max) throw badInput(`${field} is longer than ${max} characters`, [field]);
  return text || null;
}

export function requiredText(value: string | null | undefined, field: string, max: number): string {
  const text = optionalText(value, field, max);
  if (!text) throw badInput(`${field} is required`, [field]);
  return text;
}
