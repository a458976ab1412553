/**
 * Compiled workflows by version. A version is immutable, so its compiled machine is cached
 * for the life of the process; a version published on another server instance is loaded
 * from the database the first time a ticket of it is touched here.
 */
import type { Orm } from '../db/orm.js';
import type { Clock } from '../clock/clock.js';
import { parseWorkflowSource, compileWorkflow, type CompiledWorkflow } from '../workflow/index.js';
import { WorkflowVersionSchema } from './workflow-version.entity.js';
import { TenantSchema } from './tenant.entity.js';
import { notFound } from '../graphql/errors.js';

export class WorkflowRegistry {
  readonly #byVersion = new Map<string, Promise<CompiledWorkflow>>();

  constructor(
    private readonly orm: Orm,
    private readonly clock: Clock,
  ) {}

  compile(source: string, fileName: string): ReturnType<typeof compileSource> {
    return compileSource(source, fileName, this.clock);
  }

  forVersion(versionId: string): Promise<CompiledWorkflow> {
    let compiled = this.#byVersion.get(versionId);
    if (!compiled) {
      compiled = this.#load(versionId);
      compiled.catch(() => this.#byVersion.delete(versionId));
      this.#byVersion.set(versionId, compiled);
    }
    return compiled;
  }

  /** The version new tickets of the tenant start on. */
  async current(tenantId: string): Promise<{ versionId: string; workflow: CompiledWorkflow } | null> {
    const tenant = await this.orm.em.fork().findOne(TenantSchema, { id: tenantId });
    if (!tenant) return null;
    return { versionId: tenant.currentWorkflowVersionId, workflow: await this.forVersion(tenant.currentWorkflowVersionId) };
  }

  remember(versionId: string, workflow: CompiledWorkflow): void {
    this.#byVersion.set(versionId, Promise.resolve(workflow));
  }

  async #load(versionId: string): Promise<CompiledWorkflow> {
    const version = await this.orm.em.fork().findOne(WorkflowVersionSchema, { id: versionId });
    if (!version) throw notFound(`Workflow version ${versionId}`);
    const result = compileSource(version.source, version.fileName, this.clock);
    if (!result.ok) throw new Error(`stored workflow version ${versionId} no longer compiles: ${result.problems[0]?.message}`);
    return result.workflow;
  }
}

export function compileSource(source: string, fileName: string, clock: Clock) {
  const parsed = parseWorkflowSource(source, fileName);
  if (!parsed.ok) return { ok: false as const, problems: parsed.problems };
  const workflow = compileWorkflow(parsed.definition, { now: () => clock.now().getTime() });
  return { ok: true as const, workflow, hash: parsed.hash };
}
