/**
 * Tenants and their workflow versions. A tenant exists because a workflow file for it was
 * published; every publish that changes the file makes a new immutable version, which new
 * tickets start on while open tickets stay on theirs.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Orm } from '../db/orm.js';
import type { Clock } from '../clock/clock.js';
import { TenantSchema } from './tenant.entity.js';
import { WorkflowVersionSchema, type WorkflowVersion } from './workflow-version.entity.js';
import type { CompileResult, WorkflowRegistry } from './workflow-registry.js';

type CompiledSource = Extract<CompileResult, { ok: true }>;
import { AppError, badInput } from '../graphql/errors.js';
import { formatProblems, type WorkflowProblem } from '../workflow/index.js';

/** A workflow file that cannot be published, with its problems (contract code WORKFLOW_INVALID). */
export class PublishRefusedError extends AppError {
  constructor(readonly problems: WorkflowProblem[]) {
    super('WORKFLOW_INVALID', `The workflow file is invalid:\n${formatProblems(problems)}`, { problems });
  }
}

export class WorkflowService {
  constructor(
    private readonly orm: Orm,
    private readonly clock: Clock,
    private readonly registry: WorkflowRegistry,
    private readonly log: (line: string) => void,
  ) {}

  /**
   * What publishing `source` for `tenantId` would say, publishing nothing: the file's
   * problems at their line and column, or the compiled workflow. The editor checks drafts
   * with it, and publish refuses exactly what it refuses.
   */
  check(tenantId: string, source: string, fileName = `${tenantId}.yaml`): { ok: true; compiled: CompiledSource } | { ok: false; problems: WorkflowProblem[] } {
    if (!/^[a-z][a-z0-9-]{1,62}$/.test(tenantId)) {
      throw badInput('tenantId is lowercase latin letters, digits and dashes, e.g. novosibirsk', ['tenantId']);
    }
    const compiled = this.registry.compile(source, fileName);
    if (!compiled.ok) return compiled;
    const fileTenant = compiled.workflow.definition.tenant.id;
    if (fileTenant !== tenantId) {
      return {
        ok: false,
        problems: [{ file: fileName, line: 1, column: 1, path: '/tenant/id', message: `the file is for tenant "${fileTenant}", not "${tenantId}"` }],
      };
    }
    return { ok: true, compiled };
  }

  /**
   * Publishes `source` for `tenantId`. An unchanged file returns the version in force; a new
   * tenant id onboards a new region.
   */
  async publish(tenantId: string, source: string, fileName = `${tenantId}.yaml`): Promise<{ version: WorkflowVersion; created: boolean }> {
    const checked = this.check(tenantId, source, fileName);
    if (!checked.ok) throw new PublishRefusedError(checked.problems);
    const compiled = checked.compiled;
    const definition = compiled.workflow.definition;
    const result = await this.orm.em.fork().transactional(async (em) => {
      // One publisher per tenant at a time, so version numbers never collide.
      await em.getConnection().execute('select pg_advisory_xact_lock(hashtext(?))', [`workflow:${tenantId}`]);
      const tenant = await em.findOne(TenantSchema, { id: tenantId });
      const latest = await em.findOne(WorkflowVersionSchema, { tenantId }, { orderBy: { version: 'desc' } });
      if (tenant && latest && latest.id === tenant.currentWorkflowVersionId && latest.sourceHash === compiled.hash) {
        return { version: latest, created: false };
      }
      const now = this.clock.now();
      const version = em.create(WorkflowVersionSchema, {
        id: randomUUID(),
        tenantId,
        version: (latest?.version ?? 0) + 1,
        source,
        sourceHash: compiled.hash,
        fileName,
        createdAt: now,
      });
      if (tenant) {
        tenant.title = definition.tenant.title;
        tenant.timezone = definition.tenant.timezone;
        tenant.currentWorkflowVersionId = version.id;
      } else {
        em.create(TenantSchema, {
          id: tenantId,
          title: definition.tenant.title,
          timezone: definition.tenant.timezone,
          currentWorkflowVersionId: version.id,
          createdAt: now,
        });
      }
      return { version, created: true };
    });
    if (result.created) this.registry.remember(result.version.id, compiled);
    return result;
  }

  /**
   * Boot: publishes every file of the workflows folder. An invalid file is reported and
   * skipped, so the version in force stays and the desk keeps working.
   */
  async loadDirectory(dir: string): Promise<{ published: string[]; invalid: string[] }> {
    const names = (await fs.readdir(dir)).filter((n) => n.endsWith('.yaml') || n.endsWith('.yml')).sort();
    const published: string[] = [];
    const invalid: string[] = [];
    for (const name of names) {
      const source = await fs.readFile(path.join(dir, name), 'utf8');
      const tenantId = name.replace(/\.ya?ml$/, '');
      try {
        const { version, created } = await this.publish(tenantId, source, name);
        published.push(tenantId);
        if (created) this.log(`workflow ${name}: version ${version.version} in force`);
      } catch (error) {
        if (!(error instanceof PublishRefusedError)) throw error;
        invalid.push(tenantId);
        this.log(`workflow ${name} is invalid and was not published; the previous version stays in force:\n${formatProblems(error.problems)}`);
      }
    }
    return { published, invalid };
  }
}
