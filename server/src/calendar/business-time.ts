// Business-time arithmetic: pure functions of (calendar, instant, duration). Instants are
// epoch milliseconds (numbers, not Dates: no allocation, and the workflow's clock and timer
// rows already speak ms). The functions jump from working interval to working interval and
// skip whole days by their working total; nothing steps minute by minute.
//
// Semantics (README of workflows/calendars repeats them for administrators):
// - Working time is the half-open union of a day's intervals: 09:00 is working, 18:00 is not.
// - `Nbm`/`Nbh`: the earliest instant by which N minutes/hours of working time have passed
//   since the start; a start outside working time counts from the next opening. So 1bh from
//   17:30 on a 09:00–18:00 day is 09:30 of the next business day, and 9bh from 09:00 is 18:00
//   of the same day (not 09:00 of the next).
// - `Nbd`: the same working moment N business days later. The start s is the instant itself
//   if it is working time, otherwise the next opening; p is the working time of s's day that
//   has passed before s. The result is the moment of the Nth business day after s's day at
//   which p of its working time has passed, or that day's close when it is shorter than p
//   (a shortened day). Mon–Fri 09:00–18:00: Fri 17:00 + 3bd = Wed 17:00; Sat 12:00 counts
//   from Mon 09:00, so + 3bd = Thu 09:00; Fri 18:00 (closed) counts from Mon 09:00 as well.
// - `eobd`: the close (end of the last working interval) of s's business day, s as above:
//   during working time today's close, before opening on a business day that day's close,
//   after closing or on a day off the next business day's close. `eobd+N`: the close of
//   the Nth business day after that one; eobd+N is the close of the day `Nbd` lands on.
// - `Nm`/`Nh`/`Nd`: elapsed time, whatever the calendar; `3d` is 72 hours, also across a DST
//   change, as workflow delays resolve it.
// - A business day is a local date with working time after the tenant's hours, the
//   production calendar and shortening are applied.

import { CalendarArgumentError } from './calendar.errors.js';
import type { BusinessCalendar, CalendarDay } from './business-calendar.js';
import { parseBusinessDuration, type BusinessDuration } from './business-duration.js';

/** An instant as epoch milliseconds (`Date.getTime()`, the clock's `now()`). */
export type EpochMs = number;

/** Years 1000–9999: far beyond any calendar data, and safe for Date arithmetic on day bounds. */
const FIRST_INSTANT = Date.UTC(1000, 0, 1);
const LAST_INSTANT = Date.UTC(9999, 11, 31);

function checkInstant(t: unknown, name = 'instant'): asserts t is number {
  // Written so that NaN fails too.
  if (typeof t !== 'number' || !(t >= FIRST_INSTANT && t <= LAST_INSTANT)) {
    throw new CalendarArgumentError(`${name} must be epoch milliseconds (a number within years 1000–9999), got ${String(t)}`);
  }
}

/** True when `instant` lies in one of its day's working intervals (start included, end not). */
export function isWorkingTime(calendar: BusinessCalendar, instant: EpochMs): boolean {
  checkInstant(instant);
  const b = calendar.dayAt(instant).bounds;
  for (let i = 0; i < b.length; i += 2) {
    if (instant < b[i]!) return false;
    if (instant < b[i + 1]!) return true;
  }
  return false;
}

/** The earliest working instant at or after `instant`: the instant itself during working time. */
export function nextOpening(calendar: BusinessCalendar, instant: EpochMs): EpochMs {
  checkInstant(instant);
  return openingOf(calendar, calendar.dayAt(instant), instant);
}

// The day the last openingOf() landed on: returned through a variable rather than an object
// so the hot paths allocate nothing.
let openingDay: CalendarDay | null = null;

function openingOf(calendar: BusinessCalendar, day: CalendarDay, t: number): number {
  const b = day.bounds;
  for (let i = 0; i < b.length; i += 2) {
    if (t < b[i + 1]!) {
      openingDay = day;
      return t < b[i]! ? b[i]! : t;
    }
  }
  // Terminates: at the latest the first day of a year without data throws.
  for (;;) {
    day = calendar.dayAfter(day);
    if (day.bounds.length > 0) {
      openingDay = day;
      return day.bounds[0]!;
    }
  }
}

/** Working time of `day` that has passed before `t` (t within the day). */
function workingBefore(day: CalendarDay, t: number): number {
  const b = day.bounds;
  let passed = 0;
  for (let i = 0; i < b.length; i += 2) {
    if (t <= b[i]!) break;
    passed += (t < b[i + 1]! ? t : b[i + 1]!) - b[i]!;
  }
  return passed;
}

/** The first working instant of `day` by which `passed` of its working time is over; its close if it has less. */
function atWorkingOffset(day: CalendarDay, passed: number): number {
  const b = day.bounds;
  let left = passed;
  for (let i = 0; i < b.length; i += 2) {
    const length = b[i + 1]! - b[i]!;
    if (left < length) return b[i]! + left;
    left -= length;
  }
  return b[b.length - 1]!;
}

function nthBusinessDayAfter(calendar: BusinessCalendar, day: CalendarDay, n: number): CalendarDay {
  for (let k = 0; k < n; ) {
    day = calendar.dayAfter(day);
    if (day.workingMs > 0) k++;
  }
  return day;
}

function addWorkingMs(calendar: BusinessCalendar, t: number, ms: number): number {
  if (ms === 0) return t;
  let day = calendar.dayAt(t);
  let left = ms;
  let from = t;
  for (;;) {
    if (from <= day.start && left > day.workingMs) {
      left -= day.workingMs; // a whole day that does not finish the count
    } else {
      const b = day.bounds;
      for (let i = 0; i < b.length; i += 2) {
        const start = b[i]! > from ? b[i]! : from;
        const length = b[i + 1]! - start;
        if (length <= 0) continue;
        if (left <= length) return start + left;
        left -= length;
      }
    }
    day = calendar.dayAfter(day);
    from = day.start;
  }
}

function addBusinessDays(calendar: BusinessCalendar, t: number, days: number): number {
  const start = openingOf(calendar, calendar.dayAt(t), t);
  const startDay = openingDay!;
  const passed = workingBefore(startDay, start);
  return days === 0 ? start : atWorkingOffset(nthBusinessDayAfter(calendar, startDay, days), passed);
}

function endOfBusinessDay(calendar: BusinessCalendar, t: number, plusDays: number): number {
  openingOf(calendar, calendar.dayAt(t), t);
  const day = nthBusinessDayAfter(calendar, openingDay!, plusDays);
  return day.bounds[day.bounds.length - 1]!;
}

// Expressions come from a handful of workflow keys; parsing each once keeps the resolver cheap.
const parsed = new Map<string, BusinessDuration>();

function durationOf(duration: BusinessDuration | string): BusinessDuration {
  if (typeof duration !== 'string') return duration;
  let result = parsed.get(duration);
  if (!result) {
    result = parseBusinessDuration(duration);
    if (parsed.size >= 1000) parsed.clear();
    parsed.set(duration, result);
  }
  return result;
}

/**
 * `instant` plus a duration (`3bd`, `8bh`, `eobd+1`, `48h`, or a parsed BusinessDuration) on
 * the calendar; see the top of this file for what each form means. Throws
 * MissingCalendarYearError when the count reaches a year the production calendar lacks.
 */
export function addBusinessTime(calendar: BusinessCalendar, instant: EpochMs, duration: BusinessDuration | string): EpochMs {
  checkInstant(instant);
  const d = durationOf(duration);
  switch (d.kind) {
    case 'calendar':
      return instant + d.ms;
    case 'working':
      if (!(d.ms >= 0)) throw new CalendarArgumentError(`working time to add must not be negative, got ${d.ms} ms`);
      return addWorkingMs(calendar, instant, d.ms);
    case 'businessDays':
      if (!(d.days >= 0)) throw new CalendarArgumentError(`business days to add must not be negative, got ${d.days}`);
      return addBusinessDays(calendar, instant, d.days);
    case 'endOfBusinessDay':
      if (!(d.plusDays >= 0)) throw new CalendarArgumentError(`eobd+N needs N ≥ 0, got ${d.plusDays}`);
      return endOfBusinessDay(calendar, instant, d.plusDays);
  }
}

/**
 * Working time in ms between two instants: of [a, b) when a ≤ b, and minus that of [b, a)
 * when b < a (what is left of a deadline turns negative once it is overdue).
 * `addBusinessTime(cal, a, {kind:'working', ms: businessTimeBetween(cal, a, b)})` is the
 * earliest instant with as much working time behind it as b: b itself when b is working time.
 */
export function businessTimeBetween(calendar: BusinessCalendar, a: EpochMs, b: EpochMs): number {
  checkInstant(a, 'a');
  checkInstant(b, 'b');
  if (b < a) return -businessTimeBetween(calendar, b, a);
  let day = calendar.dayAt(a);
  let total = 0;
  for (;;) {
    if (a <= day.start && b >= day.end) {
      total += day.workingMs;
    } else {
      const bounds = day.bounds;
      for (let i = 0; i < bounds.length; i += 2) {
        const from = bounds[i]! > a ? bounds[i]! : a;
        const to = bounds[i + 1]! < b ? bounds[i + 1]! : b;
        if (to > from) total += to - from;
      }
    }
    // Only step into the next day when [a, b) reaches it: its year may lack data.
    if (day.end >= b) return total;
    day = calendar.dayAfter(day);
  }
}

/**
 * Whole business days from a to b: the largest N with `addBusinessTime(a, N bd) ≤ b`
 * (0 when there is none), and minus that from b to a when b < a.
 */
export function businessDaysBetween(calendar: BusinessCalendar, a: EpochMs, b: EpochMs): number {
  checkInstant(a, 'a');
  checkInstant(b, 'b');
  if (b < a) return -businessDaysBetween(calendar, b, a);
  const start = openingOf(calendar, calendar.dayAt(a), a);
  let day = openingDay!;
  const passed = workingBefore(day, start);
  let count = 0;
  while (day.end <= b) {
    day = calendar.dayAfter(day);
    if (day.workingMs === 0) continue;
    if (atWorkingOffset(day, passed) > b) break;
    count++;
  }
  return count;
}

/**
 * The resolver the workflow compiler takes (`CompileOptions.resolveDelay`): a delay
 * expression and the clock's now (epoch ms) to a delay in ms from now.
 */
export function businessDelayResolver(calendar: BusinessCalendar): (expression: string, nowMs: number) => number {
  return (expression, nowMs) => addBusinessTime(calendar, nowMs, expression) - nowMs;
}
