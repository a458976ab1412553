/**
 * The load generator for the HTTP and raw tiers, in a worker thread so its own work does not
 * sit on the event loop of the server it measures (the server runs in the main thread).
 * Started through load-worker.mjs, because worker threads do not inherit tsx's loader.
 *
 * full: `sendTicketEvent` over HTTP (keep-alive, loopback) with the agent's Bearer token.
 * raw:  the same transaction with `pg` (raw-event.ts) through a pg.Pool.
 */
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { applyRawEvent, type RawPlan } from './raw-event.js';
import { OPEN, WAITING, runClients, type LoopResult } from './load-loop.js';

export interface WorkerSetup {
  /** Port of the server under test, on 127.0.0.1. */
  port: number;
  token: string;
  databaseUrl: string;
  ticketIds: string[];
  /** One byte per ticket (OPEN / WAITING), shared with the main thread. */
  ticketState: SharedArrayBuffer;
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
  maxEventsPerClient?: number;
}

export interface PhaseResult extends LoopResult {
  phase: 'full' | 'raw';
  /** Share of the load worker's own event loop that was busy in the window. */
  workerEventLoopUtilization: number;
}

export type WorkerMessage =
  | { type: 'window-start' }
  | { type: 'window-end' }
  | { type: 'result'; result: PhaseResult }
  | { type: 'failed'; message: string };

const setup = workerData as WorkerSetup;
const ticketState = new Uint8Array(setup.ticketState);
const mutation =
  'mutation Event($id: ID!, $type: String!, $data: JSON) { sendTicketEvent(ticketId: $id, type: $type, data: $data) { id version state } }';
const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });
let pool: pg.Pool | null = null;
let poolSize = 0;

function rawPool(size: number): pg.Pool {
  if (pool && poolSize === size) return pool;
  void pool?.end();
  poolSize = size;
  pool = new pg.Pool({ connectionString: setup.databaseUrl, max: size, idleTimeoutMillis: 0 });
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
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${setup.token}` },
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
  const answer = JSON.parse(text) as {
    data?: { sendTicketEvent?: { state: string } } | null;
    errors?: Array<{ message: string; extensions?: { code?: string } }>;
  };
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

async function runPhase(request: PhaseRequest): Promise<PhaseResult> {
  const db = rawPool(request.rawPoolSize);
  let eluAtStart = performance.eventLoopUtilization();
  let elu = Number.NaN;
  const result = await runClients({
    ticketCount: setup.ticketIds.length,
    ticketState,
    clients: request.clients,
    warmupMs: request.warmupMs,
    durationMs: request.durationMs,
    maxEventsPerClient: request.maxEventsPerClient,
    send: (index, type) => (request.phase === 'full' ? sendFull(setup.ticketIds[index]!, type) : sendRaw(db, setup.ticketIds[index]!, type)),
    resync: async (index) => {
      const { rows } = await db.query<{ state: string }>('select state from ticket where id = $1', [setup.ticketIds[index]]);
      ticketState[index] = rows[0]?.state === 'waiting_customer' ? WAITING : OPEN;
    },
    onWindowStart: () => {
      eluAtStart = performance.eventLoopUtilization();
      parentPort!.postMessage({ type: 'window-start' } satisfies WorkerMessage);
    },
    onWindowEnd: () => {
      elu = performance.eventLoopUtilization(eluAtStart).utilization;
      parentPort!.postMessage({ type: 'window-end' } satisfies WorkerMessage);
    },
  });
  return { ...result, phase: request.phase, workerEventLoopUtilization: elu };
}

parentPort!.on('message', (message: PhaseRequest | { type: 'close' }) => {
  if ('type' in message) {
    agent.destroy();
    void (pool?.end() ?? Promise.resolve()).finally(() => parentPort!.close());
    return;
  }
  runPhase(message).then(
    (result) => parentPort!.postMessage({ type: 'result', result } satisfies WorkerMessage),
    (error: unknown) =>
      parentPort!.postMessage({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies WorkerMessage),
  );
});
