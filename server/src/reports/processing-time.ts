/**
 * RBT-3: "the average processing time of a request is 2–3 business days" is a figure the
 * desk reports. A ticket's processing time runs from its registration to the first moment
 * it reached a solution (a state of category `resolved`, or `closed` with close reason
 * `resolved`), counted in the tenant's working time and expressed in its working days.
 */
import type { BusinessCalendar } from '../calendar/index.js';
import { businessTimeBetween } from '../calendar/index.js';
import type { PgPool } from '../db/pg-pool.js';
import type { StateNodeDefinition, WorkflowDefinition } from '../workflow/index.js';

export interface ProcessingTime {
  solved: number;
  averageBusinessDays: number | null;
  medianBusinessDays: number | null;
}

/** Dotted names of the states tagged with `category` (`open.working`). */
export function statesTagged(definition: WorkflowDefinition, category: string): string[] {
  const out: string[] = [];
  const walk = (states: Record<string, StateNodeDefinition>, prefix: string) => {
    for (const [key, node] of Object.entries(states)) {
      const name = prefix ? `${prefix}.${key}` : key;
      if (node.tags?.includes(category)) out.push(name);
      if (node.states) walk(node.states, name);
    }
  };
  walk(definition.machine.states, '');
  return out;
}

/** Length of the calendar's usual working day (the longest weekday), for "N business days". */
export function workingDayMs(calendar: BusinessCalendar): number {
  const lengths = calendar.weeklyMinutes.map((m) => m.reduce((sum, v, i) => sum + (i % 2 ? v : -v), 0));
  return Math.max(...lengths, 0) * 60_000;
}

export async function processingTime(
  pool: PgPool,
  tenantId: string,
  definition: WorkflowDefinition,
  calendar: BusinessCalendar,
  period: { from: Date; to: Date },
): Promise<ProcessingTime> {
  const { rows } = await pool.query<{ created_at: Date; solved_at: Date }>(
    `select t.created_at, min(h.at) as solved_at
       from ticket t join ticket_history h on h.ticket_id = t.id
      where t.tenant_id = $1 and (h.to_state = any($2::text[]) or (h.to_state = any($3::text[]) and t.close_reason = 'resolved'))
      group by t.id, t.created_at
     having min(h.at) >= $4 and min(h.at) < $5`,
    [tenantId, statesTagged(definition, 'resolved'), statesTagged(definition, 'closed'), period.from, period.to],
  );
  const day = workingDayMs(calendar);
  if (!rows.length || day === 0) return { solved: rows.length, averageBusinessDays: null, medianBusinessDays: null };
  const days = rows.map((r) => businessTimeBetween(calendar, r.created_at.getTime(), r.solved_at.getTime()) / day).sort((a, b) => a - b);
  const round = (v: number) => Math.round(v * 100) / 100;
  const middle = days.length / 2;
  const median = days.length % 2 ? days[Math.floor(middle)]! : (days[middle - 1]! + days[middle]!) / 2;
  return { solved: rows.length, averageBusinessDays: round(days.reduce((a, b) => a + b, 0) / days.length), medianBusinessDays: round(median) };
}
