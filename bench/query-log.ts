/**
 * Counts and times every statement the server sends to PostgreSQL, without touching server
 * code: MikroORM (through knex) and the notification listener use the `pg` package hoisted at
 * node_modules/pg, the same module instance this file imports, so wrapping
 * `pg.Client.prototype.query` sees all of it. Only active between start() and stop().
 */
import pg from 'pg';

export interface StatementStats {
  /** The statement with literals and parameter numbers folded, so shapes group together. */
  shape: string;
  count: number;
  totalMs: number;
}

type Callback = (err: unknown, res: unknown) => void;
type QueryFn = (this: pg.Client, ...args: unknown[]) => unknown;

const original = pg.Client.prototype.query as unknown as QueryFn;
let active: Map<string, StatementStats> | null = null;

function textOf(config: unknown): string {
  if (typeof config === 'string') return config;
  if (config && typeof config === 'object' && 'text' in config && typeof config.text === 'string') return config.text;
  return '<unknown>';
}

/** Folds what varies between two executions of one statement. */
export function statementShape(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/\$\d+/g, '?')
    .replace(/\b\d+\b/g, '?')
    .replace(/'[^']*'/g, "'…'")
    .replace(/\(\?(, \?)*\)/g, '(…)')
    .trim();
}

function record(text: string, ms: number): void {
  if (!active) return;
  const shape = statementShape(text);
  let stats = active.get(shape);
  if (!stats) active.set(shape, (stats = { shape, count: 0, totalMs: 0 }));
  stats.count++;
  stats.totalMs += ms;
}

function wrapped(this: pg.Client, ...args: unknown[]): unknown {
  if (!active) return original.apply(this, args);
  const text = textOf(args[0]);
  const began = performance.now();
  const done = () => record(text, performance.now() - began);
  // knex passes (config, callback); pg's own callers may pass (text, values, callback) or
  // nothing and await the promise. A Submittable config carries its callback on itself.
  const last = args.length - 1;
  if (typeof args[last] === 'function') {
    const callback = args[last] as Callback;
    args[last] = (err: unknown, res: unknown) => {
      done();
      callback(err, res);
    };
    return original.apply(this, args);
  }
  const result = original.apply(this, args);
  if (result && typeof (result as Promise<unknown>).then === 'function') {
    (result as Promise<unknown>).then(done, done);
  } else {
    done();
  }
  return result;
}

export const queryLog = {
  start(): void {
    active = new Map();
    pg.Client.prototype.query = wrapped as unknown as typeof pg.Client.prototype.query;
  },
  stop(): StatementStats[] {
    const stats = [...(active?.values() ?? [])];
    active = null;
    pg.Client.prototype.query = original as unknown as typeof pg.Client.prototype.query;
    return stats; // in the order first seen
  },
};
