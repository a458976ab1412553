/**
 * What the back office's workflow pages read: a tenant's published versions with their
 * source (admin), a draft checked without publishing (admin), and any version's machine as
 * a graph (everyone who may see the tenant: a ticket's page highlights its state on it).
 */
import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { notFound } from '../graphql/errors.js';
import { requireAdmin, requirePrincipal, requireTenant } from '../auth/principal.js';
import { workflowGraph } from '../workflow/workflow.graph.js';
import { TenantSchema } from './tenant.entity.js';
import { WorkflowVersionSchema, type WorkflowVersion } from './workflow-version.entity.js';
import { WorkflowVersionType } from './tenant.types.js';
import { WorkflowCheckType, WorkflowGraphType } from './workflow-graph.types.js';

@Resolver()
export class WorkflowVersionResolver {
  @Query(() => [WorkflowVersionType], { description: "A tenant's published versions, newest first (admin)" })
  async workflowVersions(@Ctx() ctx: GraphQLContext, @Arg('tenantId', () => ID) tenantId: string): Promise<WorkflowVersionType[]> {
    requireAdmin(ctx.principal);
    const em = ctx.services.orm.em.fork();
    const tenant = await em.findOne(TenantSchema, { id: tenantId });
    if (!tenant) throw notFound(`Tenant ${tenantId}`);
    const versions = await em.find(WorkflowVersionSchema, { tenantId }, { orderBy: { version: 'desc' } });
    return versions.map((v) => versionView(v, v.id === tenant.currentWorkflowVersionId));
  }

  @Query(() => WorkflowCheckType, { description: 'Checks a draft as publishWorkflow would, publishing nothing (admin)' })
  async checkWorkflow(
    @Ctx() ctx: GraphQLContext,
    @Arg('tenantId', () => ID) tenantId: string,
    @Arg('source', () => String) source: string,
  ): Promise<WorkflowCheckType> {
    requireAdmin(ctx.principal);
    const checked = ctx.services.workflows.check(tenantId, source);
    if (!checked.ok) return { valid: false, problems: checked.problems, graph: null };
    return { valid: true, problems: [], graph: workflowGraph(checked.compiled.workflow.definition) };
  }

  @Query(() => WorkflowGraphType, { description: "A version's machine as a graph; the version in force when `version` is omitted" })
  async workflowGraph(
    @Ctx() ctx: GraphQLContext,
    @Arg('tenantId', () => ID) tenantId: string,
    @Arg('version', () => Int, { nullable: true }) version?: number,
  ): Promise<WorkflowGraphType> {
    requireTenant(requirePrincipal(ctx.principal), tenantId);
    const em = ctx.services.orm.em.fork();
    const tenant = await em.findOne(TenantSchema, { id: tenantId });
    if (!tenant) throw notFound(`Tenant ${tenantId}`);
    const row =
      version == null
        ? await em.findOne(WorkflowVersionSchema, { id: tenant.currentWorkflowVersionId })
        : await em.findOne(WorkflowVersionSchema, { tenantId, version });
    if (!row) throw notFound(`Workflow version ${version} of ${tenantId}`);
    return workflowGraph((await ctx.services.registry.forVersion(row.id)).definition);
  }
}

function versionView(version: WorkflowVersion, inForce: boolean): WorkflowVersionType {
  // `created` answers a publish; a listed version was created by its own.
  return { ...version, created: true, inForce };
}
