import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { requirePrincipal, requireTenant } from '../auth/principal.js';
import { CreateOrganizationInput, OrganizationType } from './organization.types.js';
import { OrganizationSchema } from './organization.entity.js';
import { TenantSchema } from '../tenants/tenant.entity.js';
import { badInput, forbidden } from '../graphql/errors.js';

@Resolver()
export class OrganizationResolver {
  @Query(() => [OrganizationType])
  async organizations(
    @Ctx() ctx: GraphQLContext,
    @Arg('tenantId', () => ID, { nullable: true }) tenantId?: string,
  ): Promise<OrganizationType[]> {
    requirePrincipal(ctx.principal);
    return ctx.em.find(OrganizationSchema, tenantId ? { tenantId } : {}, { orderBy: { name: 'asc' } });
  }

  @Mutation(() => OrganizationType)
  async createOrganization(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => CreateOrganizationInput) input: CreateOrganizationInput,
  ): Promise<OrganizationType> {
    const principal = requirePrincipal(ctx.principal);
    if (principal.role === 'integration') throw forbidden('Organisations are created by admins and agents');
    if (!(await ctx.services.orm.em.fork().count(TenantSchema, { id: input.tenantId }))) {
      throw badInput(`Unknown tenant "${input.tenantId}"`, ['tenantId']);
    }
    requireTenant(principal, input.tenantId);
    return ctx.services.organizations.create(ctx.em, input);
  }
}
