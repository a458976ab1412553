// Duration expressions of workflow files and SLA clocks: `90m 48h 3d` (elapsed time),
// `90bm 8bh 3bd` (working minutes, hours, business days of the tenant's calendar), `eobd` and
// `eobd+N` (end of business day). The grammar is the one of the workflow's delay keys
// (server/src/workflow/delay.expression.ts); a test holds the two parsers to it.

import { BusinessDurationError } from './calendar.errors.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './local-date.js';

export type BusinessDuration =
  /** `90m`, `48h`, `3d`: elapsed time whatever the calendar says; `3d` is 72 hours. */
  | { readonly kind: 'calendar'; readonly ms: number; readonly expression: string }
  /** `90bm`, `8bh`: working time of the tenant's calendar, in ms. */
  | { readonly kind: 'working'; readonly ms: number; readonly expression: string }
  /** `3bd`: the same working moment N business days later (see business-time.ts). */
  | { readonly kind: 'businessDays'; readonly days: number; readonly expression: string }
  /** `eobd`: the close of the current business day; `eobd+N`: of the Nth one after it. */
  | { readonly kind: 'endOfBusinessDay'; readonly plusDays: number; readonly expression: string };

/** The same bound as workflow delays: enough for any regulation, small enough to catch `4800000h`. */
export const MAX_DURATION_AMOUNT = 10_000;

export const DURATION_FORMS_HELP =
  'Nm, Nh, Nd (calendar minutes, hours, days), Nbm, Nbh, Nbd (working minutes, hours, business days), eobd or eobd+N (end of business day)';

const UNIT_MS = { m: MINUTE_MS, h: HOUR_MS, d: DAY_MS } as const;

function fail(expression: string, reason: string): never {
  throw new BusinessDurationError(expression, `"${expression}" is not a duration: ${reason}`);
}

function amountOf(expression: string, digits: string): number {
  const amount = Number(digits);
  if (amount < 1 || amount > MAX_DURATION_AMOUNT) fail(expression, `the amount must be between 1 and ${MAX_DURATION_AMOUNT}`);
  return amount;
}

export function parseBusinessDuration(expression: string): BusinessDuration {
  if (typeof expression !== 'string') fail(String(expression), `expected text such as 3bd; allowed: ${DURATION_FORMS_HELP}`);
  let match = /^(\d+)([mhd])$/.exec(expression);
  if (match) {
    const amount = amountOf(expression, match[1]!);
    return { kind: 'calendar', ms: amount * UNIT_MS[match[2] as keyof typeof UNIT_MS], expression };
  }
  match = /^(\d+)b([mhd])$/.exec(expression);
  if (match) {
    const amount = amountOf(expression, match[1]!);
    return match[2] === 'd'
      ? { kind: 'businessDays', days: amount, expression }
      : { kind: 'working', ms: amount * UNIT_MS[match[2] as 'm' | 'h'], expression };
  }
  match = /^eobd(?:\+(\d+))?$/.exec(expression);
  if (match) {
    if (match[1] === undefined) return { kind: 'endOfBusinessDay', plusDays: 0, expression };
    const plusDays = Number(match[1]);
    if (plusDays < 1 || plusDays > MAX_DURATION_AMOUNT) fail(expression, `N in eobd+N must be between 1 and ${MAX_DURATION_AMOUNT}`);
    return { kind: 'endOfBusinessDay', plusDays, expression };
  }
  fail(expression, `${hint(expression)}allowed: ${DURATION_FORMS_HELP}`);
}

/** The usual slips, named, so an administrator sees what to change rather than only the grammar. */
function hint(expression: string): string {
  if (expression.trim() === '') return 'it is empty; ';
  if (/\s/.test(expression)) return 'remove the spaces; ';
  if (expression !== expression.toLowerCase()) return 'units are lowercase; ';
  if (/^-/.test(expression)) return 'durations cannot be negative; ';
  if (/^\d+[.,]\d/.test(expression)) return 'amounts are whole numbers (write 90bm, not 1.5bh); ';
  if (/^\d+b?[a-z]+$/.test(expression)) return 'unknown unit (m, h, d, with b for business time); ';
  if (/^eobd[-+]/.test(expression)) return 'write eobd+N with N a whole number of days; ';
  return '';
}
