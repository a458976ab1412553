import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { requireAdmin, requirePrincipal, mayAccessTenant } from '../auth/principal.js';
import { TenantSchema, type Tenant } from './tenant.entity.js';
import { INTAKE_FIELDS, type WorkflowDefinition } from '../workflow/index.js';
import { fieldLabels as sharedFieldLabels } from '../workflow/field-labels.js';
import { WorkflowVersionSchema } from './workflow-version.entity.js';
import { TenantType, WorkflowVersionType } from './tenant.types.js';

@Resolver()
export class TenantResolver {
  @Query(() => [TenantType])
  async tenants(@Ctx() ctx: GraphQLContext): Promise<TenantType[]> {
    const principal = requirePrincipal(ctx.principal);
    const em = ctx.services.orm.em.fork();
    const tenants = (await em.find(TenantSchema, {}, { orderBy: { id: 'asc' } })).filter((t) => mayAccessTenant(principal, t.id));
    const versions = await em.find(WorkflowVersionSchema, { id: { $in: tenants.map((t) => t.currentWorkflowVersionId) } });
    const numberOf = new Map(versions.map((v) => [v.id, v.version]));
    return Promise.all(
      tenants.map(async (tenant) => tenantView(tenant, (await ctx.services.registry.forVersion(tenant.currentWorkflowVersionId)).definition, numberOf.get(tenant.currentWorkflowVersionId) ?? 0)),
    );
  }

  /**
   * What a tenant's public web form shows (no token: requesters have no accounts): request
   * kinds with their required fields, channels with hours. Null for an unknown tenant.
   */
  @Query(() => TenantType, { nullable: true })
  async portalTenant(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<TenantType | null> {
    const tenant = await ctx.services.orm.em.fork().findOne(TenantSchema, { id });
    if (!tenant) return null;
    const version = await ctx.services.orm.em.fork().findOne(WorkflowVersionSchema, { id: tenant.currentWorkflowVersionId });
    return tenantView(tenant, (await ctx.services.registry.forVersion(tenant.currentWorkflowVersionId)).definition, version?.version ?? 0);
  }

  @Mutation(() => WorkflowVersionType)
  async publishWorkflow(
    @Ctx() ctx: GraphQLContext,
    @Arg('tenantId', () => ID) tenantId: string,
    @Arg('source', () => String) source: string,
  ): Promise<WorkflowVersionType> {
    requireAdmin(ctx.principal);
    const { version, created } = await ctx.services.workflows.publish(tenantId, source);
    return { ...version, created, inForce: true };
  }
}

function tenantView(tenant: Tenant, definition: WorkflowDefinition, workflowVersion: number): TenantType {
  return {
    id: tenant.id,
    title: tenant.title,
    timezone: tenant.timezone,
    workflowVersion,
    kinds: Object.entries(definition.kinds).map(([id, kind]) => ({ id, title: kind.title, requiredFields: kind.requiredFields })),
    events: Object.entries(definition.events).map(([type, event]) => ({
      type,
      title: event.title,
      actors: event.actors,
      data: Object.entries(event.data ?? {}).map(([key, rule]) => ({
        key,
        required: rule.required === true,
        type: rule.type ?? null,
        enum: rule.enum ?? null,
        future: rule.future === true,
      })),
    })),
    fieldLabels: intakeFieldLabels(definition),
    channels: definition.channels.map((c) => ({
      kind: c.kind,
      address: c.address ?? null,
      audience: c.audience ?? null,
      official: c.official !== false,
      hours: c.hours ?? null,
      extension: c.extension ?? null,
      timezone: definition.tenant.timezone,
      note: c.note ?? null,
    })),
  };
}

/** The contract's intake fields and the file's own (`fieldLabels:`), each with its words. */
function intakeFieldLabels(definition: WorkflowDefinition): { field: string; label: string }[] {
  const own = definition.fieldLabels ?? {};
  const fields = [...new Set([...INTAKE_FIELDS, ...Object.keys(own)])];
  return fields.map((field) => ({ field, label: own[field] ?? sharedFieldLabels[field] ?? field }));
}
