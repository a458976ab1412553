/**
 * The bounded client loop every tier of the bench shares. The state of each ticket lives in
 * one byte of a SharedArrayBuffer (main thread and load worker see the same bytes; phases
 * never overlap), so every event sent is one the ticket takes: REQUEST_INFO from `open`,
 * PROVIDE_INFO from `waiting_customer`. Tickets are partitioned among the clients (ticket i
 * belongs to client i mod clients): no two clients touch one ticket at the same time, so
 * the kept state stays true and no event waits on another's row lock.
 */
export const OPEN = 0;
export const WAITING = 1;

export interface LoopOptions {
  ticketCount: number;
  ticketState: Uint8Array;
  clients: number;
  warmupMs: number;
  durationMs: number;
  /** Stop each client after this many events (short diagnostic runs). */
  maxEventsPerClient?: number;
  /** Sends the event; resolves with the ticket's state afterwards. */
  send(index: number, type: 'REQUEST_INFO' | 'PROVIDE_INFO'): Promise<string>;
  /** After a failed event the kept state may be wrong: reads the truth. */
  resync(index: number): Promise<void>;
  onWindowStart?(): void;
  onWindowEnd?(): void;
}

export interface LoopResult {
  clients: number;
  /** Events completed inside the measured window. */
  events: number;
  /** Every event applied, warm-up included (to relate row counts to events). */
  appliedTotal: number;
  windowS: number;
  eventsPerSecond: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  errors: number;
  errorSamples: string[];
}

function percentile(sorted: Float64Array, p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export async function runClients(options: LoopOptions): Promise<LoopResult> {
  const { ticketCount, ticketState, clients, warmupMs, durationMs } = options;
  const limit = options.maxEventsPerClient ?? Number.POSITIVE_INFINITY;
  const began = performance.now();
  const windowStart = began + warmupMs;
  const deadline = windowStart + durationMs;
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let appliedTotal = 0;
  const startTimer = setTimeout(() => options.onWindowStart?.(), warmupMs);
  let windowEnded = false;
  const endWindow = () => {
    if (windowEnded) return;
    windowEnded = true;
    options.onWindowEnd?.();
  };
  const endTimer = setTimeout(endWindow, warmupMs + durationMs);

  const client = async (c: number) => {
    const owned = c < ticketCount ? Math.floor((ticketCount - 1 - c) / clients) + 1 : 0;
    for (let sent = 0; owned > 0 && sent < limit && performance.now() < deadline; sent++) {
      const index = c + clients * Math.floor(Math.random() * owned);
      const type = ticketState[index] === OPEN ? 'REQUEST_INFO' : 'PROVIDE_INFO';
      const t0 = performance.now();
      try {
        const state = await options.send(index, type);
        ticketState[index] = state === 'waiting_customer' ? WAITING : OPEN;
        appliedTotal++;
        const t1 = performance.now();
        if (t1 >= windowStart && t1 <= deadline) latencies.push(t1 - t0);
      } catch (error) {
        errors++;
        if (errorSamples.length < 5) errorSamples.push(`${type} #${index}: ${error instanceof Error ? error.message : String(error)}`);
        await options.resync(index).catch(() => undefined);
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, c) => client(c)));
  clearTimeout(startTimer);
  clearTimeout(endTimer);
  endWindow();

  const sorted = Float64Array.from(latencies).sort();
  // A run cut short by maxEventsPerClient is measured over the time it took.
  const windowS = Math.min(durationMs, Math.max(1, performance.now() - windowStart)) / 1000;
  const sum = latencies.reduce((a, b) => a + b, 0);
  return {
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
  };
}
