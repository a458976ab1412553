/**
 * `npm run bench`: ticket events applied per second through the full path (HTTP → Apollo →
 * type-graphql → TicketService.sendEvent → pg → PostgreSQL) against the same
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
import { eventPoolSize } from '../server/src/db/pg-pool.js';
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
// The raw baseline gets as many connections as the server's event path has (db/pg-pool.ts).
const enginePoolSize = eventPoolSize;
const settings = {
  quick,
  tickets: intEnv('BENCH_TICKETS', quick ? 10_000 : 100_000),
  clients: intEnv('BENCH_CLIENTS', 32),
  warmupS: numEnv('BENCH_WARMUP_S', quick ? 1 : 3),
  durationS: numEnv('BENCH_DURATION_S', quick ? 3 : 20),
  rawPoolSize: intEnv('BENCH_RAW_POOL', enginePoolSize),
  ormPoolSize,
  breakdownEvents: intEnv('BENCH_BREAKDOWN_EVENTS', quick ? 100 : 400),
  profile: env.BENCH_PROFILE === '1',
  profileS: numEnv('BENCH_PROFILE_S', quick ? 2 : 8),
  rounds: intEnv('BENCH_ROUNDS', 1),
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
  /** Each ticket's state after the setup, in ticketIds' order. */
  initiallyWaiting: boolean[];
  plan: RawPlan;
  versionId: string;
}

async function prepareTickets(server: RunningServer, db: pg.Client, token: string, actor: string): Promise<Fixture> {
  const send = (id: string, type: string, data: Record<string, unknown>) =>
    gql<{ sendTicketEvent: { state: string } }>(server, sendEventMutation, { id, type, data }, token);
  const row = async (id: string) => (await db.query<TicketRow>('select * from ticket where id = $1', [id])).rows[0]!;
  const latestLetter = async (id: string) =>
    (await db.query<{ recipient: string; subject: string; body: string }>('select * from outbox where ticket_id = $1 order by id desc limit 1', [id])).rows[0]!;

  // The template goes through the API exactly as an agent's ticket would: created, taken
  // (open), asked for information (waiting_customer), given it (open again).
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
  const taken = await row(createTicket.id);
  if (taken.state !== 'open') throw new Error(`TAKE led to ${taken.state}, not open: has workflows/tomsk.yaml changed?`);
  await send(createTicket.id, 'REQUEST_INFO', requestData);
  const waiting = await row(createTicket.id);
  const letter = await latestLetter(createTicket.id);
  await send(createTicket.id, 'PROVIDE_INFO', provideData);
  const reopened = await row(createTicket.id);
  if (waiting.state !== 'waiting_customer' || !letter) throw new Error('REQUEST_INFO did not lead to waiting_customer with a letter to the requester');
  if (JSON.stringify(reopened.snapshot) !== JSON.stringify(taken.snapshot)) {
    throw new Error('PROVIDE_INFO did not bring the snapshot back to the one after TAKE: the bench cannot alternate forever');
  }
  const template = reopened;
  const numberMatch = /^(.*?)(\d+)$/.exec(template.number);
  if (!numberMatch) throw new Error(`ticket number ${template.number} does not end in a sequence`);
  const [, numberPrefix, digits] = numberMatch as unknown as [string, string, string];
  if (settings.tickets >= 10 ** digits.length) throw new Error(`BENCH_TICKETS must stay below ${10 ** digits.length} (numbering ${template.number})`);

  // The copies: even-numbered ones as the template was after TAKE (open, version 2),
  // odd-numbered ones as after REQUEST_INFO (waiting_customer, version 3), each with what the
  // server wrote beside it up to then: history rows, the "registered" letter and, for the
  // waiting ones, the info request, in outbox and message. Half and half keeps the mix of
  // REQUEST_INFO (which writes a letter) and PROVIDE_INFO steady from the first second.
  const began = performance.now();
  await db.query('begin');
  await db.query(
    `insert into ticket (id, tenant_id, workflow_version_id, number, kind, priority, channel, audience, subject, state,
       status_category, close_reason, fields, snapshot, organization_id, requester, version, created_at, updated_at)
     select gen_random_uuid(), tenant_id, workflow_version_id, $2 || lpad(g::text, $3, '0'), kind, priority, channel, audience, subject,
       case when g % 2 = 0 then $5 else $6 end, case when g % 2 = 0 then $7 else $8 end, close_reason, fields,
       case when g % 2 = 0 then $9::jsonb else $10::jsonb end, organization_id, requester,
       case when g % 2 = 0 then $11::int else $12::int end, created_at, updated_at
     from ticket, generate_series(2, $4::int) g where id = $1`,
    [
      template.id,
      numberPrefix,
      digits.length,
      settings.tickets,
      taken.state,
      waiting.state,
      taken.status_category,
      waiting.status_category,
      JSON.stringify(taken.snapshot),
      JSON.stringify(waiting.snapshot),
      taken.version,
      waiting.version,
    ],
  );
  await db.query(
    `insert into ticket_history (tenant_id, ticket_id, version, event, data, from_state, to_state, actor, at)
     select h.tenant_id, t.id, h.version, h.event, h.data, h.from_state, h.to_state, h.actor, h.at
     from ticket t join (select * from ticket_history where ticket_id = $1) h on h.version <= t.version
     where t.tenant_id = $2 and t.id <> $1 order by t.number, h.id`,
    [template.id, tenantId],
  );
  for (const table of ['outbox', 'message']) {
    const columns =
      table === 'outbox'
        ? ['tenant_id', 'kind', 'recipient', 'status', 'attempts', 'last_error', 'created_at', 'delivered_at']
        : ['tenant_id', 'direction', 'channel', 'sender', 'recipient', 'at'];
    // The template's letters in order: "registered" (CREATE), then the info request.
    await db.query(
      `insert into ${table} (ticket_id, subject, body, ${columns.join(', ')})
       select t.id, replace(x.subject, $3, t.number), replace(x.body, $3, t.number), ${columns.map((c) => `x.${c}`).join(', ')}
       from ticket t join (select *, row_number() over (order by id) as n from ${table} where ticket_id = $1) x
         on x.n <= case when t.state = $4 then 2 else 1 end
       where t.tenant_id = $2 and t.id <> $1 order by t.number, x.id`,
      [template.id, tenantId, template.number, waiting.state],
    );
  }
  await db.query(`update ticket_counter set value = greatest(value, $2) where tenant_id = $1`, [tenantId, settings.tickets]);
  await db.query('commit');
  await db.query('vacuum analyze ticket, ticket_history, outbox, message');
  say(`  ${settings.tickets.toLocaleString('en')} tickets in ${fmt((performance.now() - began) / 1000)} s (1 through the API, the rest copied with SQL; half open, half waiting_customer)`);

  const notice: RawNotice = {
    recipient: letter.recipient,
    subjectParts: letter.subject.split(template.number),
    bodyParts: letter.body.split(template.number),
  };
  const transitions: Record<string, RawTransition> = {
    REQUEST_INFO: {
      type: 'REQUEST_INFO',
      from: taken.state,
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
  const tickets = (await db.query<{ id: string; state: string }>('select id, state from ticket where tenant_id = $1 order by number', [tenantId])).rows;
  return {
    ticketIds: tickets.map((t) => t.id),
    initiallyWaiting: tickets.map((t) => t.state === waiting.state),
    plan: { tenantIds: [tenantId], actor, at: new Date(clockStart), transitions },
    versionId: String(template.workflow_version_id),
  };
}

// ---------------------------------------------------------------------------------------------
// Self-check: the raw transaction writes what the server writes

interface SelfCheck {
  ok: boolean;
  differences: string[];
  /** Statements per event of each way, in the same two events. */
  statementsPerEvent: Record<string, number>;
}

/**
 * Sends REQUEST_INFO then PROVIDE_INFO to one open ticket through the server and to another
 * through each alternative, then compares everything written: ticket row, history, outbox,
 * message and NOTIFY payload (ids and numbers aside).
 */
async function selfCheck(
  server: RunningServer,
  db: pg.Client,
  databaseUrl: string,
  token: string,
  fixture: Fixture,
  alternatives: Array<{ name: string; apply(client: pg.Client, ticketId: string, type: 'REQUEST_INFO' | 'PROVIDE_INFO'): Promise<unknown> }>,
): Promise<SelfCheck> {
  const open = fixture.ticketIds.filter((_, i) => i > 0 && !fixture.initiallyWaiting[i]);
  const viaServer = open[0]!;
  const differences: string[] = [];
  const notices: string[] = [];
  const listener = new pg.Client({ connectionString: databaseUrl });
  await listener.connect();
  listener.on('notification', (n) => notices.push(n.payload ?? ''));
  await listener.query('listen ticket_changed');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const statements: Record<string, number> = {};
  const count = async (name: string, run: () => Promise<unknown>) => {
    queryLog.start();
    try {
      await run();
    } finally {
      statements[name] = (statements[name] ?? 0) + queryLog.stop().reduce((n, s) => n + s.count, 0) / 2;
    }
  };

  const normalize = (value: unknown, ticket: { id: string; number: string }): unknown =>
    JSON.parse(
      JSON.stringify(value)
        .split(ticket.id).join('<id>')
        .split(ticket.number).join('<number>')
        .replace(/\/portal\/t\/[A-Za-z0-9_-]+/g, '/portal/t/<token>'),
    );
  const latest = async (table: string, ticketId: string) =>
    (await db.query(`select * from ${table} where ticket_id = $1 order by id desc limit 1`, [ticketId])).rows[0] as Record<string, unknown>;
  const omit = (row: Record<string, unknown>, ...keys: string[]) => Object.fromEntries(Object.entries(row).filter(([k]) => !keys.includes(k)));
  const written = async (ticketId: string) => {
    const ticket = (await db.query<TicketRow>('select * from ticket where id = $1', [ticketId])).rows[0]!;
    const rows: Record<string, unknown> = { ticket: normalize(omit(ticket, 'id', 'number'), ticket) };
    for (const table of ['ticket_history', 'outbox', 'message']) rows[table] = normalize(omit(await latest(table, ticketId), 'id', 'ticket_id'), ticket);
    rows.notify = notices.filter((n) => n.includes(ticketId)).map((n) => normalize(JSON.parse(n), ticket));
    return rows;
  };

  for (const [type, data] of [
    ['REQUEST_INFO', requestData],
    ['PROVIDE_INFO', provideData],
  ] as const) {
    notices.length = 0;
    // Refreshes the server's principal cache, so its session lookup is not counted below.
    await gql(server, '{ __typename }', {}, token);
    await count('server', () => gql(server, sendEventMutation, { id: viaServer, type, data }, token));
    for (const [i, alternative] of alternatives.entries()) await count(alternative.name, () => alternative.apply(client, open[i + 1]!, type));
    await new Promise((r) => setTimeout(r, 100)); // let every NOTIFY arrive
    const expected = await written(viaServer);
    for (const [i, alternative] of alternatives.entries()) {
      const actual = await written(open[i + 1]!);
      for (const [what, value] of Object.entries(expected)) {
        const [left, right] = [JSON.stringify(value), JSON.stringify(actual[what])];
        if (left !== right) differences.push(`${alternative.name}, ${type}, ${what}: server ${left} ≠ ${alternative.name} ${right}`);
      }
    }
  }
  await listener.end();
  await client.end();
  return { ok: differences.length === 0, differences, statementsPerEvent: statements };
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
  /** Cores busy with anything but this bench and its PostgreSQL: noise (null with DATABASE_URL). */
  otherProcessesCores: number | null;
}

const clockTicksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime + stime of the postmaster and each of its children (the backends), in ms, by pid. */
function postgresCpuMs(postmasterPid: number): Map<number, number> | null {
  if (process.platform !== 'linux') return null;
  const byPid = new Map<number, number>();
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
    byPid.set(Number(entry), ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicksPerSecond);
  }
  return byPid;
}

/** CPU used between two readings: processes that ended in between are lost (their share is small). */
function postgresCpuDelta(before: Map<number, number> | null, after: Map<number, number> | null): number | null {
  if (!before || !after) return null;
  let ms = 0;
  for (const [pid, now] of after) ms += now - (before.get(pid) ?? 0);
  return ms;
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
  let start: {
    at: number;
    elu: ReturnType<typeof performance.eventLoopUtilization>;
    cpu: ReturnType<typeof cpuTimes>;
    node: NodeJS.CpuUsage;
    pg: Map<number, number> | null;
  } | null = null;
  let end: { seconds: number; elu: number; machine: number; nodeMs: number; pgMs: number | null } | null = null;
  const pgNow = () => (database.embedded ? postgresCpuMs(database.embedded.pid) : null);
  return {
    begin() {
      start = { at: performance.now(), elu: performance.eventLoopUtilization(), cpu: cpuTimes(), node: process.cpuUsage(), pg: pgNow() };
    },
    end() {
      if (!start) return;
      const cpu = cpuTimes();
      const node = process.cpuUsage(start.node);
      const pgMs = pgNow();
      end = {
        seconds: (performance.now() - start.at) / 1000,
        elu: performance.eventLoopUtilization(start.elu).utilization,
        machine: (cpu.busy - start.cpu.busy) / Math.max(1, cpu.total - start.cpu.total),
        nodeMs: (node.user + node.system) / 1000,
        pgMs: postgresCpuDelta(start.pg, pgMs),
      };
    },
    usage(events: number): Usage {
      if (!end) return { serverEventLoopUtilization: Number.NaN, machineCpuBusy: Number.NaN, nodeCpuMsPerEvent: Number.NaN, postgresCpuMsPerEvent: null, otherProcessesCores: null };
      const cores = os.cpus().length;
      const oursMs = end.nodeMs + (end.pgMs ?? 0);
      return {
        serverEventLoopUtilization: end.elu,
        machineCpuBusy: end.machine,
        nodeCpuMsPerEvent: end.nodeMs / Math.max(1, events),
        postgresCpuMsPerEvent: end.pgMs === null ? null : end.pgMs / Math.max(1, events),
        otherProcessesCores: end.pgMs === null ? null : Math.max(0, end.machine * cores - oursMs / 1000 / end.seconds),
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
      const ticket = await services.tickets.sendEvent(scope, fixture.ticketIds[index]!, { type, data: type === 'REQUEST_INFO' ? requestData : provideData }, fixture.plan.actor);
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
    /** The raw transaction, one client: the database's floor for one event. */
    rawRoundTrip: number;
    clientRoundTrip: number;
    authenticate: number;
    sendEvent: number;
    databaseRoundTrips: number;
    xstate: number;
    /** sendEvent minus database round trips minus XState: the engine's own code and pg. */
    serviceCpu: number;
    /** client round trip minus sendEvent minus authenticate: HTTP, express, Apollo, type-graphql. */
    httpAndGraphql: number;
  };
}


async function timeBreakdown(server: RunningServer, worker: Worker, fixture: Fixture, meter: ReturnType<typeof usageMeter>): Promise<Breakdown> {
  const { services } = server;
  const totals = new Map<string, number>();
  const add = (key: string, ms: number) => {
    totals.set(key, (totals.get(key) ?? 0) + ms);
  };
  const restore: Array<() => void> = [];
  // Wrappers are own properties for the duration of the run only (on instances, or on the
  // ORM's prototypes, whose own methods are put back afterwards).
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
  const raw = await runWorkerPhase(
    worker,
    { phase: 'raw', clients: 1, rawPoolSize: settings.rawPoolSize, warmupMs: 0, durationMs: 120_000, maxEventsPerClient: settings.breakdownEvents },
    meter,
  );
  const events = Math.max(1, result.appliedTotal);
  const per = (key: string) => (totals.get(key) ?? 0) / events;
  const dbMs = statements.reduce((sum, s) => sum + s.totalMs, 0) / events;
  const statementCount = statements.reduce((sum, s) => sum + s.count, 0);
  return {
    events: result.appliedTotal,
    statementsPerEvent: statementCount / events,
    statements: statements.map((s) => ({ ...s, perEvent: s.count / events, meanMs: s.totalMs / s.count })),
    msPerEvent: {
      rawRoundTrip: raw.latencyMs.mean,
      clientRoundTrip: result.latencyMs.mean,
      authenticate: per('authenticate'),
      sendEvent: per('sendEvent'),
      databaseRoundTrips: dbMs,
      xstate: per('xstate'),
      serviceCpu: per('sendEvent') - dbMs - per('xstate'),
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
  say(
    `  ${'resources in the window'.padEnd(30)}${'server loop'.padStart(12)}${'server ms/ev'.padStart(13)}${'load gen'.padStart(10)}${'machine CPU'.padStart(13)}` +
      `${'node CPU ms/ev'.padStart(16)}${'PG CPU ms/ev'.padStart(14)}${'other procs'.padStart(13)}${'rows h/o/m per ev'.padStart(20)}`,
  );
  for (const p of phases) {
    const u = p.usage;
    const rows = `${fmt(p.rowsPerEvent.ticket_history, 2)}/${fmt(p.rowsPerEvent.outbox, 2)}/${fmt(p.rowsPerEvent.message, 2)}`;
    // The raw tier does not use the server: its main thread only waits.
    const serverMs = p.name.startsWith('raw') ? Number.NaN : (u.serverEventLoopUtilization * p.windowS * 1000) / Math.max(1, p.events);
    const loadGen = 'workerEventLoopUtilization' in p ? pct((p as Measured & { workerEventLoopUtilization: number }).workerEventLoopUtilization) : 'main';
    say(
      `  ${p.name.padEnd(30)}${pct(u.serverEventLoopUtilization).padStart(12)}${fmt(serverMs, 2).padStart(13)}${loadGen.padStart(10)}${pct(u.machineCpuBusy).padStart(13)}${fmt(u.nodeCpuMsPerEvent, 2).padStart(16)}` +
        `${(u.postgresCpuMsPerEvent === null ? '—' : fmt(u.postgresCpuMsPerEvent, 2)).padStart(14)}` +
        `${(u.otherProcessesCores === null ? '—' : `${fmt(u.otherProcessesCores, 2)} cores`).padStart(13)}${rows.padStart(20)}`,
    );
  }
  for (const p of phases) for (const e of p.errorSamples) say(`  ! ${p.name}: ${e}`);
}

function printBreakdown(b: Breakdown) {
  const m = b.msPerEvent;
  say();
  say(`  One client, ${b.events} events through the full path, mean ms per event:`);
  say(`    raw pg transaction (floor)   ${fmt(m.rawRoundTrip, 2).padStart(7)}`);
  say(`    client round trip            ${fmt(m.clientRoundTrip, 2).padStart(7)}`);
  say(`    HTTP + express + Apollo + GQL ${fmt(m.httpAndGraphql, 2).padStart(6)}   (round trip − sendEvent − authenticate)`);
  say(`    authenticate                 ${fmt(m.authenticate, 2).padStart(7)}`);
  say(`    TicketService.sendEvent      ${fmt(m.sendEvent, 2).padStart(7)}`);
  say(`      database round trips       ${fmt(m.databaseRoundTrips, 2).padStart(7)}   (${fmt(b.statementsPerEvent, 1)} statements per event)`);
  say(`      XState (applyEvent)        ${fmt(m.xstate, 2).padStart(7)}`);
  say(`      engine code and pg         ${fmt(m.serviceCpu, 2).padStart(7)}`);
  say(`    statements per event (server, with mean round trip):`);
  for (const s of b.statements) say(`      ${fmt(s.perEvent, 2).padStart(5)} × ${fmt(s.meanMs, 2).padStart(5)} ms  ${s.shape.slice(0, 110)}`);
}

function printProfile(p: ProfileSummary) {
  say();
  say(`  CPU profile of the server thread under load: ${fmt(p.busyMs / 1000)} s busy of ${fmt(p.wallMs / 1000)} s`);
  say('    self time by area, node internals charged to their caller    self time by area');
  for (let i = 0; i < 14; i++) {
    const s = p.selfByResponsibleArea[i];
    const n = p.selfByArea[i];
    const left = s ? `${pct(s.share).padStart(5)}  ${s.name}` : '';
    const right = n ? `${pct(n.share).padStart(5)}  ${n.name}` : '';
    say(`    ${left.padEnd(62)}${right}`);
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
    loadAverageAtStart: os.loadavg().map((l) => Number(l.toFixed(2))),
  };
  say(`Reglament event bench${quick ? ' (BENCH_QUICK)' : ''}: ${startedAt.toISOString()}`);
  say(`  ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGB} GB, Node ${machine.node}, load average ${machine.loadAverageAtStart.join(' ')}`);
  if (machine.loadAverageAtStart[0]! > machine.cores / 2) {
    say(`  ! the machine is already busy (1-minute load ${machine.loadAverageAtStart[0]} on ${machine.cores} cores): figures will be low and noisy`);
  }

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
    machine.postgres = (await db.query<{ v: string }>(`select current_setting('server_version') as v`)).rows[0]!.v;
    say(`  PostgreSQL ${machine.postgres} (${settings.database}); server on ${server.url}`);
    say(
      `  ${settings.tickets.toLocaleString('en')} tickets, ${settings.clients} clients, ${settings.warmupS} s warm-up + ${settings.durationS} s per tier, ` +
        `raw pool ${settings.rawPoolSize} (server event pool ${enginePoolSize}, ORM pool ${settings.ormPoolSize})`,
    );

    const { login: adminLogin } = await gql<{ login: { token: string } }>(server, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: admin.email, p: admin.password });
    await gql(server, 'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', { i: { ...agentUser, role: 'agent', tenantIds: [tenantId] } }, adminLogin.token);
    const { login } = await gql<{ login: { token: string } }>(server, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: agentUser.email, p: agentUser.password });
    const token = login.token;
    const actor = `agent:${agentUser.email}`;

    say('Setup');
    const fixture = await prepareTickets(server, db, token, actor);
    const check = await selfCheck(server, db, database.url, token, fixture, [
      { name: 'raw', apply: (client, id, type) => applyRawEvent(client, fixture.plan, id, type) },
    ]);
    const perEvent = Object.entries(check.statementsPerEvent).map(([name, n]) => `${name} ${n}`).join(', ');
    say(
      check.ok
        ? `  self-check: the raw transaction writes the same rows and NOTIFY as the server (statements per event: ${perEvent})`
        : `  self-check FAILED, the comparison is not like for like:\n    ${check.differences.join('\n    ')}`,
    );

    const stateBuffer = new SharedArrayBuffer(fixture.ticketIds.length);
    const ticketState = new Uint8Array(stateBuffer);
    fixture.initiallyWaiting.forEach((waiting, i) => (ticketState[i] = waiting ? WAITING : OPEN));
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
    const s = server;
    const tiers: Array<{ key: string; name: string; run(meter: ReturnType<typeof usageMeter>): Promise<LoopResult> }> = [
      { key: 'raw', name: 'raw pg (same transaction)', run: (meter) => runWorkerPhase(w, phaseRequest('raw'), meter) },
      { key: 'full', name: 'full path (HTTP + GraphQL)', run: (meter) => runWorkerPhase(w, phaseRequest('full'), meter) },
    ];
    if (settings.profile) {
      tiers.push({
        key: 'service',
        name: 'service (sendEvent, no HTTP)',
        run: (meter) => runServiceTier(s, fixture, ticketState, meter, settings.clients, settings.warmupS * 1000, settings.durationS * 1000),
      });
    }
    const rounds = new Map<string, Measured[]>(tiers.map((t) => [t.key, []]));
    for (let round = 1; round <= settings.rounds; round++) {
      if (settings.rounds > 1) say(`  round ${round} of ${settings.rounds}`);
      for (const tier of tiers) rounds.get(tier.key)!.push(await measure(tier.name, db, database, tier.run));
    }
    // With several rounds, each tier is represented by its median round (by throughput).
    const median = (list: Measured[]) => [...list].sort((a, b) => a.eventsPerSecond - b.eventsPerSecond)[Math.floor((list.length - 1) / 2)]!;
    const raw = median(rounds.get('raw')!);
    const full = median(rounds.get('full')!);
    const service = rounds.get('service')?.length ? median(rounds.get('service')!) : null;
    const phases = [raw, full, ...(service ? [service] : [])];
    printPhases(phases);
    if (settings.rounds > 1) {
      say();
      say(`  events/s by round (the median round is shown above):`);
      for (const tier of tiers) say(`    ${tier.name.padEnd(30)}${rounds.get(tier.key)!.map((m) => fmt(m.eventsPerSecond).padStart(9)).join('')}`);
    }

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
      command: [...Object.entries(env).filter(([k]) => k.startsWith('BENCH_')).map(([k, v]) => `${k}=${v}`), 'npm run bench'].join(' '),
      machine,
      settings,
      selfCheck: check,
      raw,
      full,
      service,
      rounds: settings.rounds > 1 ? Object.fromEntries(rounds) : undefined,
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
