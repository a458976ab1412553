/**
 * Rate limits every server instance shares. A limit kept in one process's memory would let
 * a flood through N times over behind a load balancer (DESIGN principle 7: instances are
 * stateless, PostgreSQL is the one source of truth). Each admitted attempt is a row; the
 * rows of one key are counted under an advisory lock, so two instances cannot both admit
 * the last place of a window.
 *
 * Wall time on purpose: a flooding rate is real time, even under the manual clock.
 */
import type { PgPool } from '../db/pg-pool.js';
import { withTransaction } from '../db/pg-pool.js';

export class SharedRateLimit {
  constructor(
    private readonly pool: PgPool,
    private readonly scope: string,
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one attempt of `key`; false when it is over the limit (then it is not counted). */
  async admit(key: string): Promise<boolean> {
    if (this.limit === 0) return true;
    const normalized = key.trim().toLowerCase();
    const now = new Date(this.now());
    const windowStart = new Date(now.getTime() - this.windowMs);
    return withTransaction(this.pool, async (client) => {
      await client.query('select pg_advisory_xact_lock(hashtext($1))', [`rate:${this.scope}:${normalized}`]);
      // Attempts that left the window are forgotten as they are met: the table holds only live ones.
      await client.query('delete from rate_limit_hit where scope = $1 and key = $2 and at <= $3', [this.scope, normalized, windowStart]);
      const { rows } = await client.query<{ n: number }>('select count(*)::int as n from rate_limit_hit where scope = $1 and key = $2', [this.scope, normalized]);
      if (rows[0]!.n >= this.limit) return false;
      await client.query('insert into rate_limit_hit (scope, key, at) values ($1, $2, $3)', [this.scope, normalized, now]);
      return true;
    });
  }
}
