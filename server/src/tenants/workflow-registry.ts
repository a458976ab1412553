/**
 * Compiled workflows by version, each with the tenant's business calendar. A version is
 * immutable, so its compiled machine is cached for the life of the process; a version
 * published on another server instance is loaded from the database the first time a ticket
 * of it is touched here.
 */
import type { Orm } from '../db/orm.js';
import type { Clock } from '../clock/clock.js';
import { parseWorkflowSource, compileWorkflow, type CompiledWorkflow, type WorkflowProblem } from '../workflow/index.js';
import { businessCalendarOf, businessDelayResolver, CalendarError, type BusinessCalendar, type ProductionCalendar } from '../calendar/index.js';
import { WorkflowVersionSchema } from './workflow-version.entity.js';
import { TenantSchema } from './tenant.entity.js';
import { notFound } from '../graphql/errors.js';

/** A workflow ready to run: its machine and the calendar its delays and deadlines count on. */
export interface TenantWorkflow {
  workflow: CompiledWorkflow;
  calendar: BusinessCalendar;
}

export type CompileResult = ({ ok: true; hash: string } & TenantWorkflow) | { ok: false; problems: WorkflowProblem[] };

export class WorkflowRegistry {
  readonly #byVersion = new Map<string, Promise<TenantWorkflow>>();

  constructor(
    private readonly orm: Orm,
    private readonly clock: Clock,
    private readonly productionCalendars: ReadonlyMap<string, ProductionCalendar>,
  ) {}

  compile(source: string, fileName: string): CompileResult {
    const parsed = parseWorkflowSource(source, fileName);
    if (!parsed.ok) return { ok: false, problems: parsed.problems };
    const { definition } = parsed;
    const production = this.productionCalendars.get(definition.calendar.production);
    const problem = (message: string): CompileResult => ({
      ok: false,
      problems: [{ file: fileName, line: 1, column: 1, path: 'calendar.production', message }],
    });
    if (!production) {
      return problem(`unknown production calendar "${definition.calendar.production}"; known: ${[...this.productionCalendars.keys()].join(', ')}`);
    }
    let calendar: BusinessCalendar;
    try {
      calendar = businessCalendarOf(definition.calendar, definition.tenant.timezone, production);
    } catch (error) {
      if (error instanceof CalendarError) return problem(error.message);
      throw error;
    }
    const workflow = compileWorkflow(definition, { resolveDelay: businessDelayResolver(calendar), now: () => this.clock.now().getTime() });
    return { ok: true, hash: parsed.hash, workflow, calendar };
  }

  async forVersion(versionId: string): Promise<CompiledWorkflow> {
    return (await this.#entry(versionId)).workflow;
  }

  /** The business calendar of a version (its file's `calendar:` and time zone). */
  async calendarOf(versionId: string): Promise<BusinessCalendar> {
    return (await this.#entry(versionId)).calendar;
  }

  #entry(versionId: string): Promise<TenantWorkflow> {
    let compiled = this.#byVersion.get(versionId);
    if (!compiled) {
      compiled = this.#load(versionId);
      compiled.catch(() => this.#byVersion.delete(versionId));
      this.#byVersion.set(versionId, compiled);
    }
    return compiled;
  }

  /** The version new tickets of the tenant start on. */
  async current(tenantId: string): Promise<({ versionId: string } & TenantWorkflow) | null> {
    const tenant = await this.orm.em.fork().findOne(TenantSchema, { id: tenantId });
    if (!tenant) return null;
    return { versionId: tenant.currentWorkflowVersionId, ...(await this.#entry(tenant.currentWorkflowVersionId)) };
  }

  remember(versionId: string, compiled: TenantWorkflow): void {
    this.#byVersion.set(versionId, Promise.resolve(compiled));
  }

  async #load(versionId: string): Promise<TenantWorkflow> {
    const version = await this.orm.em.fork().findOne(WorkflowVersionSchema, { id: versionId });
    if (!version) throw notFound(`Workflow version ${versionId}`);
    const result = this.compile(version.source, version.fileName);
    if (!result.ok) throw new Error(`stored workflow version ${versionId} no longer compiles: ${result.problems[0]?.message}`);
    return result;
  }
}
