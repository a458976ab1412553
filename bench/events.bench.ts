/**
 * `npm run bench`: ticket events applied per second through the full path (HTTP → Apollo →
 * type-graphql → TicketService.sendEvent → MikroORM → PostgreSQL) against the same
 * transaction issued directly with `pg` (raw-event.ts), in the same run, on the same
 * database. It reports and never gates: the exit code is 0 whenever figures were produced.
 * See bench/README.md for what is measured, the knobs, and the latest findings.
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../server/src/config/config.js';
import { startServer, type RunningServer } from '../server/src/app/server.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../server/src/db/embedded-postgres.js';
import { ormOptions } from '../server/src/db/orm.js';
import { scopedEntityManager } from '../server/src/db/tenant-filter.js';
import type { CompiledWorkflow } from '../server/src/workflow/index.js';
import { queryLog, type StatementStats } from './query-log.js';
import { applyRawEvent, type RawNotice, type RawPlan, type RawTransition } from './raw-event.js';
import { OPEN, WAITING, runClients, type LoopResult } from './load-loop.js';
import type { PhaseRequest, PhaseResult, WorkerMessage, WorkerSetup } from './load-worker.js';
import { startCpuProfile, summarizeCpuProfile, type ProfileSummary } from './cpu-profile.js';

// ---------------------------------------------------------------------------------------------
// Settings

const env = process.env;
const quick = env.BENCH_QUICK === '1';
const ormPoolSize = ormOptions('postgresql://unused').pool?.max ?? 10;
const settings = {
  quick,
  tickets: intEnv('BENCH_TICKETS', quick ? 10_000 : 100_000),
  clients: intEnv('BENCH_CLIENTS', 32),
  warmupS: numEnv('BENCH_WARMUP_S', quick ? 1 : 3),
  durationS: numEnv('BENCH_DURATION_S', quick ? 3 : 20),
  rawPoolSize: intEnv('BENCH_RAW_POOL', ormPoolSize),
  ormPoolSize,
  breakdownEvents: intEnv('BENCH_BREAKDOWN_EVENTS', quick ? 100 : 400),
  profile: env.BENCH_PROFILE === '1',
  profileS: numEnv('BENCH_PROFILE_S', quick ? 2 : 8),
  database: env.DATABASE_URL ? 'DATABASE_URL (a fresh database on it)' : 'embedded PostgreSQL in a temp dir',
};
const targets = { ratio: 0.5, p99Ms: 150 };

const tenantId = 'tomsk';
const clockStart = '2026-11-23T03:00:00Z';
const admin = { email: 'bench-admin@example.org', password: 'bench-admin-password' };
const agentUser = { email: 'bench-agent@example.org', password: 'bench-agent-password' };
const requestData = { missing: 'скриншоты ошибки и шаги воспроизведения' };
const provideData = { comment: 'Скриншоты приложены, шаги описаны в письме' };
const intakeFields = {
  fullName: 'Петрова Анна Сергеевна',
  organization: 'ОГКУ «Центр бухгалтерского обслуживания Томской области»',
  phone: '+7 (3822) 00-00-00',
  email: 'a.petrova@example.org',
  description: 'Не формируется отчёт об исполнении бюджета за октябрь: программа выдаёт ошибку.',
  steps: 'Отчёты → Исполнение бюджета → Сформировать за период 01.10–31.10.',
  screenshots: 'приложены к письму',
};

function intEnv(name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

function numEnv(name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return value;
}

const say = (line = '') => console.log(line);
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
const pct = (n: number) => (Number.isFinite(n) ? `${(n * 100).toFixed(0)}%` : '—');

// ---------------------------------------------------------------------------------------------
// The database and the server

interface Database {
  url: string;
  embedded: EmbeddedPostgres | null;
  drop(): Promise<void>;
}

async function openBenchDatabase(): Promise<Database> {
  if (env.DATABASE_URL) {
    // A database of its own on the given server, dropped afterwards: the bench writes
    // 100,000 tickets and must not mix them with anything else.
    const name = `reglament_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: env.DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(env.DATABASE_URL);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      embedded: null,
      drop: async () => {
        const c = new pg.Client({ connectionString: env.DATABASE_URL });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reglament-bench-pg-'));
  fs.chmodSync(dataDir, 0o755); // the postgres user must enter it when we run as root
  const embedded = await startEmbeddedPostgres({ dataDir });
  return {
    url: embedded.url,
    embedded,
    drop: async () => {
      await embedded.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function gql<T>(server: RunningServer, query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL: ${JSON.stringify(body.errors)}`);
  return body.data;
}

const sendEventMutation = `mutation($id: ID!, $type: String!, $data: JSON) {
  sendTicketEvent(ticketId: $id, type: $type, data: $data) { id version state } }`;

// ---------------------------------------------------------------------------------------------
// Data: one ticket through the API, 99,999 copies of it with SQL

interface TicketRow {
  id: string;
  number: string;
  state: string;
  status_category: string;
  version: number;
  snapshot: Record<string, unknown>;
  [column: string]: unknown;
}

interface Fixture {
  ticketIds: string[];
  plan: RawPlan;
  versionId: string;
}

function splitAt(text: string, number: string): string[] {
  return text.split(number);
}

async function prepareTickets(server: RunningServer, db: pg.Client, token: string, actor: string): Promise<Fixture> {
  const send = (id: string, type: string, data: Record<string, unknown>) =>
    gql<{ sendTicketEvent: { state: string } }>(server, sendEventMutation, { id, type, data }, token);
  const row = async (id: string) => (await db.query<TicketRow>('select * from ticket where id = $1', [id])).rows[0]!;

  // The template: created and taken through the API, exactly as an agent would.
  const { createTicket } = await gql<{ createTicket: { id: string; number: string } }>(
    server,
    `mutation($i: CreateTicketInput!) { createTicket(input: $i) { id number } }`,
    {
      i: {
        tenantId,
        channel: 'email',
        kind: 'consultation',
        subject: 'Томская область: не формируется отчёт об исполнении бюджета',
        from: intakeFields.email,
        fields: intakeFields,
      },
    },
    token,
  );
  await send(createTicket.id, 'TAKE', {});
  const template = await row(createTicket.id);
  if (template.state !== 'open') throw new Error(`TAKE led to ${template.state}, not open: has workflows/tomsk.yaml changed?`);
  const numberMatch = /^(.*?)(\d+)$/.exec(template.number);
  if (!numberMatch) throw new Error(`ticket number ${template.number} does not end in a sequence`);
  const [, numberPrefix, digits] = numberMatch as unknown as [string, string, string];
  if (settings.tickets >= 10 ** digits.length) throw new Error(`BENCH_TICKETS must stay below ${10 ** digits.length} (numbering ${template.number})`);

  // The copies: the ticket row (state open, version 2) and what createTicket and TAKE wrote
  // beside it (history rows CREATE and TAKE, the "registered" letter in outbox and message).
  const began = performance.now();
  await db.query('begin');
  await db.query(
    `insert into ticket (id, tenant_id, workflow_version_id, number, kind, priority, channel, audience, subject, state,
       status_category, close_reason, fields, snapshot, organization_id, requester, version, created_at, updated_at)
     select gen_random_uuid(), tenant_id, workflow_version_id, $2 || lpad(g::text, $3, '0'), kind, priority, channel, audience,
       subject, state, status_category, close_reason, fields, snapshot, organization_id, requester, version, created_at, updated_at
     from ticket, generate_series(2, $4::int) g where id = $1`,
    [template.id, numberPrefix, digits.length, settings.tickets],
  );
  await db.query(
    `insert into ticket_history (tenant_id, ticket_id, version, event, data, from_state, to_state, actor, at)
     select h.tenant_id, t.id, h.version, h.event, h.data, h.from_state, h.to_state, h.actor, h.at
     from ticket t cross join (select * from ticket_history where ticket_id = $1) h
     where t.tenant_id = $2 and t.id <> $1 order by t.number, h.id`,
    [template.id, tenantId],
  );
  for (const table of ['outbox', 'message']) {
    const columns =
      table === 'outbox'
        ? ['tenant_id', 'kind', 'recipient', 'status', 'attempts', 'last_error', 'created_at', 'delivered_at']
        : ['tenant_id', 'direction', 'channel', 'sender', 'recipient', 'at'];
    await db.query(
      `insert into ${table} (ticket_id, subject, body, ${columns.join(', ')})
       select t.id, replace(x.subject, $3, t.number), replace(x.body, $3, t.number), ${columns.map((c) => `x.${c}`).join(', ')}
       from ticket t cross join (select * from ${table} where ticket_id = $1) x
       where t.tenant_id = $2 and t.id <> $1 order by t.number, x.id`,
      [template.id, tenantId, template.number],
    );
  }
  await db.query(`update ticket_counter set value = greatest(value, $2) where tenant_id = $1`, [tenantId, settings.tickets]);
  await db.query('commit');
  await db.query('vacuum analyze ticket, ticket_history, outbox, message');
  say(`  ${settings.tickets.toLocaleString('en')} tickets in ${fmt((performance.now() - began) / 1000)} s (1 through the API, the rest copied with SQL)`);

  // The two transitions the load alternates, taken from the template going through the server.
  await send(template.id, 'REQUEST_INFO', requestData);
  const waiting = await row(template.id);
  const [letter] = (await db.query(`select * from outbox where ticket_id = $1 order by id desc limit 1`, [template.id])).rows as Array<{
    recipient: string;
    subject: string;
    body: string;
  }>;
  await send(template.id, 'PROVIDE_INFO', provideData);
  const reopened = await row(template.id);
  if (JSON.stringify(reopened.snapshot) !== JSON.stringify(template.snapshot)) {
    throw new Error('PROVIDE_INFO did not bring the snapshot back to the one after TAKE: the bench cannot alternate forever');
  }
  const notice: RawNotice = {
    recipient: letter!.recipient,
    subjectParts: splitAt(letter!.subject, template.number),
    bodyParts: splitAt(letter!.body, template.number),
  };
  const transitions: Record<string, RawTransition> = {
    REQUEST_INFO: {
      type: 'REQUEST_INFO',
      from: 'open',
      to: waiting.state,
      statusCategory: waiting.status_category,
      snapshot: JSON.stringify(waiting.snapshot),
      data: requestData,
      notice,
    },
    PROVIDE_INFO: {
      type: 'PROVIDE_INFO',
      from: waiting.state,
      to: reopened.state,
      statusCategory: reopened.status_category,
      snapshot: JSON.stringify(reopened.snapshot),
      data: provideData,
      notice: null,
    },
  };
  const ids = (await db.query<{ id: string }>('select id from ticket where tenant_id = $1 order by number', [tenantId])).rows.map((r) => r.id);
  return {
    ticketIds: ids,
    plan: { tenantIds: [tenantId], actor, at: new Date(clockStart), transitions },
    versionId: String(template.workflow_version_id),
  };
}

// ---------------------------------------------------------------------------------------------
// Self-check: the raw transaction writes what the server writes

async function selfCheck(server: RunningServer, db: pg.Client, databaseUrl: string, token: string, fixture: Fixture): Promise<{ ok: boolean; differences: string[]; statements: { full: number; raw: number } }> {
  const [viaServer, viaRaw] = [fixture.ticketIds[1]!, fixture.ticketIds[2]!];
  const differences: string[] = [];
  const notices: string[] = [];
  const listener = new pg.Client({ connectionString: databaseUrl });
  await listener.connect();
  listener.on('notification', (n) => notices.push(n.payload ?? ''));
  await listener.query('listen ticket_changed');
  const rawClient = new pg.Client({ connectionString: databaseUrl });
  await rawClient.connect();
  const statements = { full: 0, raw: 0 };

  const normalize = (value: unknown, ticket: { id: string; number: string }): unknown =>
    JSON.parse(JSON.stringify(value).split(ticket.id).join('<id>').split(ticket.number).join('<number>'));
  const compare = (what: string, a: unknown, b: unknown) => {
    const [left, right] = [JSON.stringify(a), JSON.stringify(b)];
    if (left !== right) differences.push(`${what}: server ${left} ≠ raw ${right}`);
  };
  const latest = async (table: string, ticketId: string) =>
    (await db.query(`select * from ${table} where ticket_id = $1 order by id desc limit 1`, [ticketId])).rows[0] as Record<string, unknown>;
  const omit = (row: Record<string, unknown>, ...keys: string[]) => Object.fromEntries(Object.entries(row).filter(([k]) => !keys.includes(k)));

  for (const [type, data] of [
    ['REQUEST_INFO', requestData],
    ['PROVIDE_INFO', provideData],
  ] as const) {
    notices.length = 0;
    queryLog.start();
    await gql(server, sendEventMutation, { id: viaServer, type, data }, token);
    statements.full += queryLog.stop().reduce((n, s) => n + s.count, 0);
    queryLog.start();
    await applyRawEvent(rawClient, fixture.plan, viaRaw, type);
    statements.raw += queryLog.stop().reduce((n, s) => n + s.count, 0);
    await new Promise((r) => setTimeout(r, 100)); // let both NOTIFYs arrive
    const tickets = (await db.query<TicketRow>('select * from ticket where id = any($1)', [[viaServer, viaRaw]])).rows;
    const a = tickets.find((t) => t.id === viaServer)!;
    const b = tickets.find((t) => t.id === viaRaw)!;
    compare(`${type} ticket row`, normalize(omit(a, 'id', 'number'), a), normalize(omit(b, 'id', 'number'), b));
    for (const table of ['ticket_history', 'outbox', 'message']) {
      const [ra, rb] = [await latest(table, viaServer), await latest(table, viaRaw)];
      compare(`${type} ${table} row`, normalize(omit(ra, 'id', 'ticket_id'), a), normalize(omit(rb, 'id', 'ticket_id'), b));
    }
    const byTicket = (t: TicketRow) => notices.filter((n) => n.includes(t.id)).map((n) => normalize(JSON.parse(n), t));
    compare(`${type} NOTIFY payload`, byTicket(a), byTicket(b));
  }
  await listener.end();
  await rawClient.end();
  return { ok: differences.length === 0, differences, statements };
}

// ---------------------------------------------------------------------------------------------
// Measuring a phase's resources

interface Usage {
  /** Share of the main thread's event loop (the server's) that was busy. */
  serverEventLoopUtilization: number;
  /** Share of all cores busy, whatever the process. */
  machineCpuBusy: number;
  /** CPU time of this node process (server and load worker) per event. */
  nodeCpuMsPerEvent: number;
  /** CPU time of the embedded PostgreSQL's processes per event (null with DATABASE_URL). */
  postgresCpuMsPerEvent: number | null;
}

const clockTicksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime + stime of the postmaster and its children (the backends), in ms. */
function postgresCpuMs(postmasterPid: number): number | null {
  if (process.platform !== 'linux') return null;
  let ticks = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(fields[1]);
    if (Number(entry) !== postmasterPid && ppid !== postmasterPid) continue;
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / clockTicksPerSecond;
}

function cpuTimes() {
  let busy = 0;
  let total = 0;
  for (const cpu of os.cpus()) {
    const t = cpu.times;
    busy += t.user + t.nice + t.sys + t.irq;
    total += t.user + t.nice + t.sys + t.irq + t.idle;
  }
  return { busy, total };
}

function usageMeter(database: Database) {
  let start: { elu: ReturnType<typeof performance.eventLoopUtilization>; cpu: ReturnType<typeof cpuTimes>; node: NodeJS.CpuUsage; pg: number | null } | null = null;
  let end: { elu: number; machine: number; nodeMs: number; pgMs: number | null } | null = null;
  const pgNow = () => (database.embedded ? postgresCpuMs(database.embedded.pid) : null);
  return {
    begin() {
      start = { elu: performance.eventLoopUtilization(), cpu: cpuTimes(), node: process.cpuUsage(), pg: pgNow() };
    },
    end() {
      if (!start) return;
      const cpu = cpuTimes();
      const node = process.cpuUsage(start.node);
      const pgMs = pgNow();
      end = {
        elu: performance.eventLoopUtilization(start.elu).utilization,
        machine: (cpu.busy - start.cpu.busy) / Math.max(1, cpu.total - start.cpu.total),
        nodeMs: (node.user + node.system) / 1000,
        pgMs: pgMs !== null && start.pg !== null ? pgMs - start.pg : null,
      };
    },
    usage(events: number): Usage {
      if (!end) return { serverEventLoopUtilization: Number.NaN, machineCpuBusy: Number.NaN, nodeCpuMsPerEvent: Number.NaN, postgresCpuMsPerEvent: null };
      return {
        serverEventLoopUtilization: end.elu,
        machineCpuBusy: end.machine,
        nodeCpuMsPerEvent: end.nodeMs / Math.max(1, events),
        postgresCpuMsPerEvent: end.pgMs === null ? null : end.pgMs / Math.max(1, events),
      };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Phases

interface Measured extends LoopResult {
  name: string;
  usage: Usage;
  rowsPerEvent: { ticket_history: number; outbox: number; message: number };
}

async function rowCounts(db: pg.Client) {
  const { rows } = await db.query<{ h: string; o: string; m: string }>(
    'select (select count(*) from ticket_history) h, (select count(*) from outbox) o, (select count(*) from message) m',
  );
  return { ticket_history: Number(rows[0]!.h), outbox: Number(rows[0]!.o), message: Number(rows[0]!.m) };
}

async function settle(db: pg.Client) {
  // Each phase starts from the same footing: dead tuples of the last one vacuumed, dirty
  // pages written out.
  await db.query('vacuum analyze ticket, ticket_history, outbox, message');
  await db.query('checkpoint');
}

function runWorkerPhase(worker: Worker, request: PhaseRequest, meter: ReturnType<typeof usageMeter>): Promise<PhaseResult> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: WorkerMessage) => {
      if (message.type === 'window-start') meter.begin();
      else if (message.type === 'window-end') meter.end();
      else {
        worker.off('message', onMessage);
        worker.off('error', onError);
        if (message.type === 'result') resolve(message.result);
        else reject(new Error(`load worker: ${message.message}`));
      }
    };
    const onError = (error: Error) => {
      worker.off('message', onMessage);
      reject(error);
    };
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.postMessage(request);
  });
}

async function measure(name: string, db: pg.Client, database: Database, run: (meter: ReturnType<typeof usageMeter>) => Promise<LoopResult>): Promise<Measured> {
  await settle(db);
  const before = await rowCounts(db);
  const meter = usageMeter(database);
  say(`  ${name}: ${settings.warmupS} s warm-up + ${settings.durationS} s …`);
  const result = await run(meter);
  const after = await rowCounts(db);
  const applied = Math.max(1, result.appliedTotal);
  return {
    ...result,
    name,
    usage: meter.usage(result.events),
    rowsPerEvent: {
      ticket_history: (after.ticket_history - before.ticket_history) / applied,
      outbox: (after.outbox - before.outbox) / applied,
      message: (after.message - before.message) / applied,
    },
  };
}

/** The service tier: TicketService.sendEvent called in-process, no HTTP and no GraphQL. */
function runServiceTier(server: RunningServer, fixture: Fixture, ticketState: Uint8Array, meter: ReturnType<typeof usageMeter>, clients: number, warmupMs: number, durationMs: number) {
  const { services } = server;
  const scope = { tenantIds: [tenantId] };
  return runClients({
    ticketCount: fixture.ticketIds.length,
    ticketState,
    clients,
    warmupMs,
    durationMs,
    send: async (index, type) => {
      const em = scopedEntityManager(services.orm, scope);
      const ticket = await services.tickets.sendEvent(em, fixture.ticketIds[index]!, { type, data: type === 'REQUEST_INFO' ? requestData : provideData }, fixture.plan.actor);
      return ticket.state;
    },
    resync: async (index) => {
      const em = scopedEntityManager(services.orm, { all: true });
      const row = await em.getConnection().execute<Array<{ state: string }>>('select state from ticket where id = ?', [fixture.ticketIds[index]!]);
      ticketState[index] = row[0]?.state === 'waiting_customer' ? WAITING : OPEN;
    },
    onWindowStart: () => meter.begin(),
    onWindowEnd: () => meter.end(),
  });
}

// ---------------------------------------------------------------------------------------------
// Where one event's time goes, one client at a time

interface Breakdown {
  events: number;
  statementsPerEvent: number;
  statements: Array<StatementStats & { perEvent: number; meanMs: number }>;
  msPerEvent: {
    clientRoundTrip: number;
    authenticate: number;
    sendEvent: number;
    databaseRoundTrips: number;
    xstate: number;
    /** sendEvent minus database round trips minus XState: MikroORM and service code. */
    ormAndServiceCpu: number;
    /** client round trip minus sendEvent minus authenticate: HTTP, express, Apollo, type-graphql. */
    httpAndGraphql: number;
  };
}

async function timeBreakdown(server: RunningServer, worker: Worker, fixture: Fixture, meter: ReturnType<typeof usageMeter>): Promise<Breakdown> {
  const { services } = server;
  const totals = new Map<string, number>();
  const add = (key: string, ms: number) => totals.set(key, (totals.get(key) ?? 0) + ms);
  const restore: Array<() => void> = [];
  // Instance properties shadow the prototype methods for the duration of the run only.
  const time = <T extends object, K extends keyof T>(target: T, key: K, label: string) => {
    const original = target[key] as unknown as (...args: unknown[]) => unknown;
    const hadOwn = Object.prototype.hasOwnProperty.call(target, key);
    (target as Record<K, unknown>)[key] = function (this: unknown, ...args: unknown[]) {
      const began = performance.now();
      const result = original.apply(this, args);
      if (result instanceof Promise) return result.finally(() => add(label, performance.now() - began));
      add(label, performance.now() - began);
      return result;
    };
    restore.push(() => {
      if (hadOwn) (target as Record<K, unknown>)[key] = original as T[K];
      else delete (target as Record<K, unknown>)[key];
    });
  };
  const workflow: CompiledWorkflow = await services.registry.forVersion(fixture.versionId);
  time(services.auth, 'authenticate', 'authenticate');
  time(services.tickets, 'sendEvent', 'sendEvent');
  time(workflow, 'applyEvent', 'xstate');
  time(workflow, 'stateName', 'xstate');
  time(workflow, 'statusCategory', 'xstate');
  queryLog.start();
  let result: PhaseResult;
  let statements: StatementStats[];
  try {
    result = await runWorkerPhase(
      worker,
      { phase: 'full', clients: 1, rawPoolSize: settings.rawPoolSize, warmupMs: 0, durationMs: 120_000, maxEventsPerClient: settings.breakdownEvents },
      meter,
    );
  } finally {
    statements = queryLog.stop();
    for (const undo of restore.reverse()) undo();
  }
  const events = Math.max(1, result.appliedTotal);
  const per = (key: string) => (totals.get(key) ?? 0) / events;
  const dbMs = statements.reduce((sum, s) => sum + s.totalMs, 0) / events;
  const statementCount = statements.reduce((sum, s) => sum + s.count, 0);
  return {
    events: result.appliedTotal,
    statementsPerEvent: statementCount / events,
    statements: statements.map((s) => ({ ...s, perEvent: s.count / events, meanMs: s.totalMs / s.count })),
    msPerEvent: {
      clientRoundTrip: result.latencyMs.mean,
      authenticate: per('authenticate'),
      sendEvent: per('sendEvent'),
      databaseRoundTrips: dbMs,
      xstate: per('xstate'),
      ormAndServiceCpu: per('sendEvent') - dbMs - per('xstate'),
      httpAndGraphql: result.latencyMs.mean - per('sendEvent') - per('authenticate'),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Output

function printPhases(phases: Measured[]) {
  say();
  say(`  ${'tier'.padEnd(30)}${'events/s'.padStart(10)}${'p50 ms'.padStart(9)}${'p90 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'max ms'.padStart(9)}${'errors'.padStart(8)}`);
  for (const p of phases) {
    const l = p.latencyMs;
    say(`  ${p.name.padEnd(30)}${fmt(p.eventsPerSecond).padStart(10)}${fmt(l.p50).padStart(9)}${fmt(l.p90).padStart(9)}${fmt(l.p99).padStart(9)}${fmt(l.max).padStart(9)}${String(p.errors).padStart(8)}`);
  }
  say();
  say(`  ${'resources in the window'.padEnd(30)}${'server loop'.padStart(12)}${'machine CPU'.padStart(13)}${'node CPU ms/ev'.padStart(16)}${'PG CPU ms/ev'.padStart(14)}${'rows h/o/m per ev'.padStart(20)}`);
  for (const p of phases) {
    const u = p.usage;
    const rows = `${fmt(p.rowsPerEvent.ticket_history, 2)}/${fmt(p.rowsPerEvent.outbox, 2)}/${fmt(p.rowsPerEvent.message, 2)}`;
    say(
      `  ${p.name.padEnd(30)}${pct(u.serverEventLoopUtilization).padStart(12)}${pct(u.machineCpuBusy).padStart(13)}${fmt(u.nodeCpuMsPerEvent, 2).padStart(16)}${(u.postgresCpuMsPerEvent === null ? '—' : fmt(u.postgresCpuMsPerEvent, 2)).padStart(14)}${rows.padStart(20)}`,
    );
  }
  for (const p of phases) for (const e of p.errorSamples) say(`  ! ${p.name}: ${e}`);
}

function printBreakdown(b: Breakdown) {
  const m = b.msPerEvent;
  say();
  say(`  One client, ${b.events} events through the full path, mean ms per event:`);
  say(`    client round trip            ${fmt(m.clientRoundTrip, 2).padStart(7)}`);
  say(`    HTTP + express + Apollo + GQL ${fmt(m.httpAndGraphql, 2).padStart(6)}   (round trip − sendEvent − authenticate)`);
  say(`    authenticate                 ${fmt(m.authenticate, 2).padStart(7)}`);
  say(`    TicketService.sendEvent      ${fmt(m.sendEvent, 2).padStart(7)}`);
  say(`      database round trips       ${fmt(m.databaseRoundTrips, 2).padStart(7)}   (${fmt(b.statementsPerEvent, 1)} statements per event)`);
  say(`      XState (apply, stateName, statusCategory) ${fmt(m.xstate, 2)}`);
  say(`      MikroORM + service code    ${fmt(m.ormAndServiceCpu, 2).padStart(7)}`);
  say(`    statements per event (server, with mean round trip):`);
  for (const s of b.statements) say(`      ${fmt(s.perEvent, 2).padStart(5)} × ${fmt(s.meanMs, 2).padStart(5)} ms  ${s.shape.slice(0, 110)}`);
}

function printProfile(p: ProfileSummary) {
  say();
  say(`  CPU profile of the server thread under load: ${fmt(p.busyMs / 1000)} s busy of ${fmt(p.wallMs / 1000)} s`);
  say('    self time by area                          inclusive time by area');
  for (let i = 0; i < 14; i++) {
    const s = p.selfByArea[i];
    const n = p.inclusiveByArea[i];
    const left = s ? `${pct(s.share).padStart(5)}  ${s.name}` : '';
    const right = n ? `${pct(n.share).padStart(5)}  ${n.name}` : '';
    say(`    ${left.padEnd(45)}${right}`);
  }
  say('    hottest functions (self):');
  for (const f of p.selfByFunction.slice(0, 15)) say(`      ${pct(f.share).padStart(5)}  ${f.name}`);
  say('    server functions (inclusive):');
  for (const f of p.inclusiveServerFunctions.slice(0, 12)) say(`      ${pct(f.share).padStart(5)}  ${f.name}`);
}

// ---------------------------------------------------------------------------------------------
// Main

async function main(): Promise<number> {
  const startedAt = new Date();
  const cpus = os.cpus();
  const machine = {
    cores: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    postgres: '',
  };
  say(`Reglament event bench${quick ? ' (BENCH_QUICK)' : ''}: ${startedAt.toISOString()}`);
  say(`  ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGB} GB, Node ${machine.node}`);

  const database = await openBenchDatabase();
  let server: RunningServer | null = null;
  let worker: Worker | null = null;
  const db = new pg.Client({ connectionString: database.url });
  try {
    server = await startServer(
      loadConfig({
        DATABASE_URL: database.url,
        PORT: '0',
        HOST: '127.0.0.1',
        SMTP_PORT: '0',
        SEED_DEMO: '0',
        CLOCK: 'manual',
        CLOCK_START: clockStart,
        ADMIN_EMAIL: admin.email,
        ADMIN_PASSWORD: admin.password,
        // Under the manual clock no timer comes due; an hourly sweep keeps its queries out of the counts.
        SCHEDULER_INTERVAL_MS: '3600000',
        LOG_LEVEL: 'silent',
      }),
      (line) => {
        if (line.startsWith('internal error')) console.error(`  server: ${line}`);
      },
    );
    await db.connect();
    machine.postgres = (await db.query<{ v: string }>('show server_version')).rows[0]!.v;
    say(`  PostgreSQL ${machine.postgres} (${settings.database}); server on ${server.url}`);
    say(
      `  ${settings.tickets.toLocaleString('en')} tickets, ${settings.clients} clients, ${settings.warmupS} s warm-up + ${settings.durationS} s per tier, ` +
        `raw pool ${settings.rawPoolSize} (server ORM pool ${settings.ormPoolSize})`,
    );

    const { login: adminLogin } = await gql<{ login: { token: string } }>(server, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: admin.email, p: admin.password });
    await gql(server, 'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', { i: { ...agentUser, role: 'agent', tenantIds: [tenantId] } }, adminLogin.token);
    const { login } = await gql<{ login: { token: string } }>(server, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: agentUser.email, p: agentUser.password });
    const token = login.token;
    const actor = `agent:${agentUser.email}`;

    say('Setup');
    const fixture = await prepareTickets(server, db, token, actor);
    const check = await selfCheck(server, db, database.url, token, fixture);
    say(
      check.ok
        ? `  self-check: the raw transaction writes the same rows and NOTIFY as the server (${check.statements.full / 2} vs ${check.statements.raw / 2} statements per event)`
        : `  self-check FAILED, the comparison is not like for like:\n    ${check.differences.join('\n    ')}`,
    );

    const stateBuffer = new SharedArrayBuffer(fixture.ticketIds.length);
    const ticketState = new Uint8Array(stateBuffer); // every ticket is open after the setup
    worker = new Worker(new URL('./load-worker.mjs', import.meta.url), {
      workerData: {
        port: server.port,
        token,
        databaseUrl: database.url,
        ticketIds: fixture.ticketIds,
        ticketState: stateBuffer,
        plan: fixture.plan,
        requestData,
        provideData,
      } satisfies WorkerSetup,
    });
    const w = worker;
    const phaseRequest = (phase: 'full' | 'raw'): PhaseRequest => ({
      phase,
      clients: settings.clients,
      rawPoolSize: settings.rawPoolSize,
      warmupMs: settings.warmupS * 1000,
      durationMs: settings.durationS * 1000,
    });

    say('Load');
    // Raw first: whatever the first phase leaves behind (table growth) then weighs on the
    // full path, so the ratio errs on the unflattering side.
    const raw = await measure('raw pg (same transaction)', db, database, (meter) => runWorkerPhase(w, phaseRequest('raw'), meter));
    const full = await measure('full path (HTTP + GraphQL)', db, database, (meter) => runWorkerPhase(w, phaseRequest('full'), meter));
    const phases = [raw, full];
    let service: Measured | null = null;
    if (settings.profile) {
      const s = server;
      service = await measure('service (sendEvent, no HTTP)', db, database, (meter) =>
        runServiceTier(s, fixture, ticketState, meter, settings.clients, settings.warmupS * 1000, settings.durationS * 1000),
      );
      phases.push(service);
    }
    printPhases(phases);

    const ratio = full.eventsPerSecond / raw.eventsPerSecond;
    const ratioMet = ratio >= targets.ratio;
    const p99Met = full.latencyMs.p99 <= targets.p99Ms;
    say();
    say(`  full / raw = ${fmt(ratio, 2)}            target ≥ ${targets.ratio}      ${ratioMet ? 'MET' : 'NOT MET'}`);
    say(`  full path p99 = ${fmt(full.latencyMs.p99)} ms     target ≤ ${targets.p99Ms} ms   ${p99Met ? 'MET' : 'NOT MET'}   (at ${settings.clients} clients)`);

    say('Profile');
    await settle(db);
    const breakdown = await timeBreakdown(server, w, fixture, usageMeter(database));
    printBreakdown(breakdown);

    let cpuProfile: ProfileSummary | null = null;
    let cpuProfileFile: string | null = null;
    if (settings.profile) {
      await settle(db);
      const stop = await startCpuProfile();
      await runWorkerPhase(w, { ...phaseRequest('full'), warmupMs: 0, durationMs: settings.profileS * 1000 }, usageMeter(database));
      const profile = await stop();
      cpuProfile = summarizeCpuProfile(profile);
      printProfile(cpuProfile);
      cpuProfileFile = path.join(import.meta.dirname, 'results', `${startedAt.toISOString().replace(/[:.]/g, '-')}.cpuprofile`);
      fs.mkdirSync(path.dirname(cpuProfileFile), { recursive: true });
      fs.writeFileSync(cpuProfileFile, JSON.stringify(profile));
      say(`    full profile (open in Chrome DevTools): ${path.relative(process.cwd(), cpuProfileFile)}`);
    }

    const report = {
      date: startedAt.toISOString(),
      command: `${quick ? 'BENCH_QUICK=1 ' : ''}${settings.profile ? 'BENCH_PROFILE=1 ' : ''}npm run bench`,
      machine,
      settings,
      selfCheck: check,
      raw,
      full,
      service,
      ratio,
      targets: {
        ratio: { target: `>= ${targets.ratio}`, value: ratio, met: ratioMet },
        fullP99Ms: { target: `<= ${targets.p99Ms}`, value: full.latencyMs.p99, met: p99Met, clients: settings.clients },
      },
      breakdown,
      cpuProfile,
      cpuProfileFile: cpuProfileFile && path.relative(path.resolve(import.meta.dirname, '..'), cpuProfileFile),
    };
    const dir = path.join(import.meta.dirname, 'results');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
    fs.writeFileSync(path.join(dir, 'latest.json'), JSON.stringify(report, null, 2) + '\n');
    say();
    say(`Saved ${path.relative(process.cwd(), file)} and bench/results/latest.json`);
    say(`Targets: ${ratioMet && p99Met ? 'all met' : 'NOT all met'} (this bench reports; it does not fail the build)`);
    return 0;
  } finally {
    if (worker) {
      const exited = new Promise((r) => worker!.once('exit', r));
      worker.postMessage({ type: 'close' });
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
      await worker.terminate();
    }
    await db.end().catch(() => undefined);
    await server?.stop().catch((e: unknown) => console.error(`stopping the server: ${String(e)}`));
    await database.drop().catch((e: unknown) => console.error(`removing the bench database: ${String(e)}`));
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('The bench could not run:', error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
