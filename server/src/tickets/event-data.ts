/**
 * The data an event must carry, as its workflow file declares it (`events.<E>.data`): a
 * postponement names one of the regulation's reasons (SIN-5), a preliminary answer names a
 * final date no later than 5 bd after all information arrived (NSO-9). Refused data is
 * BAD_USER_INPUT naming `data.<key>`, before the machine sees the event.
 */
import { addBusinessTime, type BusinessCalendar } from '../calendar/index.js';
import { badInput } from '../graphql/errors.js';
import { isFieldPresent, type EventDataRule } from '../workflow/index.js';

export interface EventDataScope {
  /** The ticket's machine context (instants named by `notLaterThan.after`). */
  context: Record<string, unknown>;
  /** Used when the context has no such instant yet. */
  createdAt: Date;
  calendar: BusinessCalendar;
  now: number;
}

/** Checks `data` against the rules; answers it with datetimes written as ISO instants. */
export function validatedEventData(rules: Record<string, EventDataRule>, data: Record<string, unknown>, scope: EventDataScope): Record<string, unknown> {
  const out = { ...data };
  for (const [key, rule] of Object.entries(rules)) {
    const value = data[key];
    const field = `data.${key}`;
    if (!isFieldPresent(value)) {
      if (rule.required) throw badInput(`${field} is required`, [field]);
      continue;
    }
    if (rule.type === 'string' && typeof value !== 'string') throw badInput(`${field} must be text`, [field]);
    if (rule.type === 'number' && typeof value !== 'number') throw badInput(`${field} must be a number`, [field]);
    if (rule.type === 'list' && !Array.isArray(value)) throw badInput(`${field} must be a list`, [field]);
    if (rule.enum && !rule.enum.includes(String(value))) throw badInput(`${field} must be one of: ${rule.enum.join(', ')}`, [field]);
    if (rule.type === 'datetime') out[key] = checkedInstant(value, rule, field, scope);
  }
  return out;
}

function checkedInstant(value: unknown, rule: EventDataRule, field: string, scope: EventDataScope): string {
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms)) throw badInput(`${field} must be an ISO-8601 date and time`, [field]);
  if (rule.future && ms < scope.now) throw badInput(`${field} must not be in the past`, [field]);
  if (rule.notLaterThan) {
    const { after, delay } = rule.notLaterThan;
    const fromContext = Date.parse(String(scope.context[after] ?? ''));
    const from = Number.isFinite(fromContext) ? fromContext : scope.createdAt.getTime();
    const latest = addBusinessTime(scope.calendar, from, delay);
    if (ms > latest) {
      throw badInput(`${field} must be no later than ${new Date(latest).toISOString()} (${delay} after ${new Date(from).toISOString()})`, [field]);
    }
  }
  return new Date(ms).toISOString();
}
