// Delay expressions: the keys of `after` in a workflow file. Calendar forms are plain
// durations and are resolved here; business forms depend on the tenant's calendar (working
// hours, holidays), which is a separate feature, so they are only checked for syntax here and
// resolved through an injected resolver.

import { BusinessTimeUnavailableError, WorkflowArgumentError } from './workflow.errors.js';

export type DelayUnit = 'm' | 'h' | 'd';

export type DelayExpression =
  /** `30m`, `48h`, `3d`: elapsed time, whatever the calendar says. */
  | { form: 'calendar'; amount: number; unit: DelayUnit; ms: number }
  /** `90bm`, `4bh`, `3bd`: working minutes, hours or days of the tenant's calendar. */
  | { form: 'business'; amount: number; unit: DelayUnit }
  /** `eobd`: the end of the current business day; `eobd+N`: of the Nth business day after it. */
  | { form: 'endOfBusinessDay'; plusDays: number };

/**
 * Resolves a delay expression to a delay in milliseconds counted from `nowMs`.
 * The compiler calls it for business forms only (calendar forms need no calendar).
 */
export type DelayResolver = (expression: string, nowMs: number) => number;

const UNIT_MS: Record<DelayUnit, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Large enough for any regulation, small enough to catch a typo like `4800000h`. */
export const MAX_DELAY_AMOUNT = 10_000;

export const DELAY_FORMS_HELP =
  'Nm, Nh, Nd (calendar minutes, hours, days), Nbm, Nbh, Nbd (business minutes, hours, days), eobd or eobd+N (end of business day)';

export type DelayParseResult = { ok: true; delay: DelayExpression } | { ok: false; message: string };

export function parseDelayExpression(expression: string): DelayParseResult {
  const amountMessage = (amount: number): string | null =>
    amount < 1 || amount > MAX_DELAY_AMOUNT
      ? `delay "${expression}" must have an amount between 1 and ${MAX_DELAY_AMOUNT}`
      : null;

  let match = /^(\d+)([mhd])$/.exec(expression);
  if (match) {
    const amount = Number(match[1]);
    const unit = match[2] as DelayUnit;
    const problem = amountMessage(amount);
    if (problem) return { ok: false, message: problem };
    return { ok: true, delay: { form: 'calendar', amount, unit, ms: amount * UNIT_MS[unit] } };
  }
  match = /^(\d+)b([mhd])$/.exec(expression);
  if (match) {
    const amount = Number(match[1]);
    const problem = amountMessage(amount);
    if (problem) return { ok: false, message: problem };
    return { ok: true, delay: { form: 'business', amount, unit: match[2] as DelayUnit } };
  }
  match = /^eobd(?:\+(\d+))?$/.exec(expression);
  if (match) {
    const plusDays = match[1] === undefined ? 0 : Number(match[1]);
    if (match[1] !== undefined && (plusDays < 1 || plusDays > MAX_DELAY_AMOUNT)) {
      return { ok: false, message: `delay "${expression}": N in eobd+N must be between 1 and ${MAX_DELAY_AMOUNT}` };
    }
    return { ok: true, delay: { form: 'endOfBusinessDay', plusDays } };
  }
  return { ok: false, message: `"${expression}" is not a delay expression; allowed: ${DELAY_FORMS_HELP}` };
}

export function isBusinessDelay(delay: DelayExpression): boolean {
  return delay.form !== 'calendar';
}

/**
 * The resolver used until the business-time calendar exists: calendar forms resolve to
 * their duration, business forms fail loudly rather than being approximated by calendar time.
 */
export const defaultResolveDelay: DelayResolver = (expression) => {
  const parsed = parseDelayExpression(expression);
  if (!parsed.ok) throw new WorkflowArgumentError(parsed.message);
  if (parsed.delay.form === 'calendar') return parsed.delay.ms;
  throw new BusinessTimeUnavailableError(expression);
};
