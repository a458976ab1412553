/**
 * The load generator, in a worker thread so its own work does not sit on the event loop of
 * the server it measures (the server runs in the main thread). It keeps, for the whole run,
 * each ticket's current state, so every event it sends is one the ticket takes:
 * REQUEST_INFO from `open`, PROVIDE_INFO from `waiting_customer`. Tickets are partitioned
 * among the clients (ticket i belongs to client i mod clients), so no two clients ever
 * touch one ticket at the same time and the state kept here stays true.
 *
 * Each client loops until the phase's deadline: pick one of its tickets at random, send the
 * event, wait for the answer. Nothing is read first. Loopback only.
 */
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { applyRawEvent, type RawPlan } from './raw-event.js';

export interface WorkerSetup {
  /** Port of the server under test, on 127.0.0.1. */
  port: number;
  token: string;
  databaseUrl: string;
  ticketIds: string[];
  /** Every ticket starts in `open`. */
  plan: RawPlan;
  requestData: Record<string, unknown>;
  provideData: Record<string, unknown>;
}

export interface PhaseRequest {
  phase: 'full' | 'raw';
  clients: number;
  rawPoolSize: number;
  warmupMs: number;
  durationMs: number;
  /** Stop each client after this many events (for short profiling runs). */
  maxEventsPerClient?: number;
}

export interface PhaseResult {
  phase: 'full' | 'raw';
  clients: number;
  /** Events completed inside the measured window. */
  events: number;
  /** Every event applied in the phase, warm-up included (to relate row counts to events). */
  appliedTotal: number;
  windowS: number;
  eventsPerSecond: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  errors: number;
  errorSamples: string[];
  /** Share of the worker's own event loop that was busy in the window. */
  workerEventLoopUtilization: number;
}

export type WorkerMessage = { type: 'window-start' } | { type: 'window-end' } | { type: 'result'; result: PhaseResult } | { type: 'failed'; message: string };

const OPEN = 0;
const WAITING = 1;
const setup = workerData as WorkerSetup;
const ticketCount = setup.ticketIds.length;
const ticketState = new Uint8Array(ticketCount); // all OPEN
const mutation =
  'mutation Event($id: ID!, $type: String!, $data: JSON) { sendTicketEvent(ticketId: $id, type: $type, data: $data) { id version state } }';

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
let pool: pg.Pool | null = null;
let poolSize = 0;

function rawPool(size: number): pg.Pool {
  if (pool && poolSize === size) return pool;
  void pool?.end();
  poolSize = size;
  pool = new pg.Pool({ connectionString: setup.databaseUrl, max: size });
  pool.on('error', () => undefined); // an idle client dropped; the next connect makes a new one
  return pool;
}

function post(body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        agent,
        host: '127.0.0.1',
        port: setup.port,
        path: '/graphql',
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${setup.token}`,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (response.statusCode !== 200) reject(new Error(`HTTP ${response.statusCode}: ${text.slice(0, 300)}`));
          else resolve(text);
        });
      },
    );
    request.setTimeout(60_000, () => request.destroy(new Error('no answer in 60 s')));
    request.on('error', reject);
    request.end(body);
  });
}

async function sendFull(ticketId: string, type: string): Promise<string> {
  const data = type === 'REQUEST_INFO' ? setup.requestData : setup.provideData;
  const text = await post(JSON.stringify({ query: mutation, variables: { id: ticketId, type, data } }));
  const answer = JSON.parse(text) as { data?: { sendTicketEvent?: { state: string } } | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  if (answer.errors?.length) throw new Error(`${answer.errors[0]!.extensions?.code ?? ''} ${answer.errors[0]!.message}`);
  const state = answer.data?.sendTicketEvent?.state;
  if (!state) throw new Error(`unexpected answer: ${text.slice(0, 300)}`);
  return state;
}

async function sendRaw(db: pg.Pool, ticketId: string, type: string): Promise<string> {
  const client = await db.connect();
  try {
    return await applyRawEvent(client, setup.plan, ticketId, type);
  } finally {
    client.release();
  }
}

/** After a failed event the kept state may be wrong: read the truth. */
async function resync(index: number): Promise<void> {
  const { rows } = await rawPool(poolSize || 4).query<{ state: string }>('select state from ticket where id = $1', [setup.ticketIds[index]]);
  ticketState[index] = rows[0]?.state === 'waiting_customer' ? WAITING : OPEN;
}

function percentile(sorted: Float64Array, p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

async function runPhase(request: PhaseRequest): Promise<PhaseResult> {
  const { phase, clients, warmupMs, durationMs } = request;
  const db = rawPool(request.rawPoolSize);
  const began = performance.now();
  const windowStart = began + warmupMs;
  const deadline = windowStart + durationMs;
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let appliedTotal = 0;
  let eluAtStart = performance.eventLoopUtilization();
  let eluInWindow = 0;
  const startTimer = setTimeout(() => {
    eluAtStart = performance.eventLoopUtilization();
    parentPort!.postMessage({ type: 'window-start' } satisfies WorkerMessage);
  }, warmupMs);
  const endTimer = setTimeout(() => {
    eluInWindow = performance.eventLoopUtilization(eluAtStart).utilization;
    parentPort!.postMessage({ type: 'window-end' } satisfies WorkerMessage);
  }, warmupMs + durationMs);

  const client = async (c: number) => {
    const owned = Math.floor((ticketCount - 1 - c) / clients) + 1;
    if (owned <= 0) return;
    for (let sent = 0; performance.now() < deadline && sent < (request.maxEventsPerClient ?? Infinity); sent++) {
      const index = c + clients * Math.floor(Math.random() * owned);
      const id = setup.ticketIds[index]!;
      const type = ticketState[index] === OPEN ? 'REQUEST_INFO' : 'PROVIDE_INFO';
      const t0 = performance.now();
      try {
        const state = phase === 'full' ? await sendFull(id, type) : await sendRaw(db, id, type);
        ticketState[index] = state === 'waiting_customer' ? WAITING : OPEN;
        appliedTotal++;
        const t1 = performance.now();
        if (t1 >= windowStart && t1 <= deadline) latencies.push(t1 - t0);
      } catch (error) {
        errors++;
        if (errorSamples.length < 5) errorSamples.push(`${type} ${id}: ${error instanceof Error ? error.message : String(error)}`);
        await resync(index).catch(() => undefined);
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, c) => client(c)));
  clearTimeout(startTimer);
  clearTimeout(endTimer);
  if (!eluInWindow) eluInWindow = performance.eventLoopUtilization(eluAtStart).utilization;

  const sorted = Float64Array.from(latencies).sort();
  const windowS = durationMs / 1000;
  const sum = latencies.reduce((a, b) => a + b, 0);
  return {
    phase,
    clients,
    events: latencies.length,
    appliedTotal,
    windowS,
    eventsPerSecond: latencies.length / windowS,
    latencyMs: {
      mean: sum / (latencies.length || 1),
      p50: percentile(sorted, 50),
      p90: percentile(sorted, 90),
      p99: percentile(sorted, 99),
      max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
    },
    errors,
    errorSamples,
    workerEventLoopUtilization: eluInWindow,
  };
}

parentPort!.on('message', (message: PhaseRequest | { type: 'close' }) => {
  if ('type' in message) {
    agent.destroy();
    void (pool?.end() ?? Promise.resolve()).finally(() => process.exit(0));
    return;
  }
  runPhase(message).then(
    (result) => parentPort!.postMessage({ type: 'result', result } satisfies WorkerMessage),
    (error: unknown) => parentPort!.postMessage({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies WorkerMessage),
  );
});
