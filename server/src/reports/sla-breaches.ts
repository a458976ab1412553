/**
 * SLA breaches of a desk in a period, per clock, as the engine recorded them: each breach is
 * the history row its timer wrote (actor `system`, `data.clock` naming the clock; see
 * `#breach` in tickets/ticket.service.ts), at the instant the clock fell due. History rows
 * never change, so a week's figure stays what it was when the clock later pauses or is met.
 * The dashboard's period is the desk's own week: Monday 00:00 to Monday 00:00 in its zone.
 */
import { DateTime } from 'luxon';
import { toLuxonZone } from '../clock/zones.js';
import type { PgPool } from '../db/pg-pool.js';

export interface SlaBreaches {
  total: number;
  byClock: Array<{ clock: string; breaches: number }>;
}

/** The week (Monday to Monday, in `timezone`) that holds `now`. */
export function weekOf(now: Date, timezone: string): { from: Date; to: Date } {
  const monday = DateTime.fromJSDate(now, { zone: toLuxonZone(timezone) }).startOf('week');
  return { from: monday.toJSDate(), to: monday.plus({ weeks: 1 }).toJSDate() };
}

export async function slaBreaches(pool: PgPool, tenantId: string, period: { from: Date; to: Date }): Promise<SlaBreaches> {
  const { rows } = await pool.query<{ clock: string; breaches: number }>(
    `select h.data->>'clock' as clock, count(*)::int as breaches
       from ticket_history h
      where h.tenant_id = $1 and h.actor = 'system' and h.data->>'clock' is not null and h.at >= $2 and h.at < $3
      group by 1 order by 1`,
    [tenantId, period.from, period.to],
  );
  return { total: rows.reduce((sum, r) => sum + r.breaches, 0), byClock: rows };
}
