// The calendar as a UI draws it: per local date, its working intervals and why it is what it
// is. It backs a GraphQL `businessCalendar(tenantId, from, to)` query; the resolver only maps
// these plain objects (instants are epoch ms) to its types.

import type { Weekday } from '../workflow/workflow.types.js';
import type { BusinessCalendar } from './business-calendar.js';
import { CalendarArgumentError } from './calendar.errors.js';
import { formatDayNumber, parseIsoDate, weekdayOf } from './local-date.js';

export interface CalendarViewInterval {
  /** Epoch ms. */
  start: number;
  /** Epoch ms; exclusive. */
  end: number;
}

export interface CalendarViewDay {
  /** The local date, `YYYY-MM-DD`. */
  date: string;
  weekday: Weekday;
  /** True when the tenant works at all on this date (after hours, decree and shortening). */
  businessDay: boolean;
  /** The opposite of businessDay: a weekend, a holiday, a transferred day off or a day without hours. */
  dayOff: boolean;
  /** Listed as a day off by the production calendar (a holiday or a transferred day off). */
  holiday: boolean;
  /** A Saturday or Sunday made a working day by the decree. */
  transferredWorkingDay: boolean;
  /** The weekday whose working hours a transferred working day keeps; null otherwise. */
  worksAs: Weekday | null;
  /** A pre-holiday day of the production calendar. */
  shortened: boolean;
  /** The tenant's hours were cut by an hour on this date (shortened and `shortenedDaysEndEarly`). */
  endsEarly: boolean;
  /** The production calendar marks this year's data as provisional (decree not yet checked). */
  provisional: boolean;
  intervals: CalendarViewInterval[];
  workingMinutes: number;
}

export interface CalendarView {
  timezone: string;
  productionCalendar: string;
  from: string;
  to: string;
  days: CalendarViewDay[];
}

/** A view is for drawing a month or a year, not for dumping the calendar: bounded per request. */
export const MAX_VIEW_DAYS = 400;

/**
 * Every local date from `from` to `to` (both `YYYY-MM-DD`, inclusive) in the calendar's zone.
 * Throws CalendarArgumentError for bad dates or a range over MAX_VIEW_DAYS, and
 * MissingCalendarYearError for a date of a year without production calendar data.
 */
export function businessCalendarView(calendar: BusinessCalendar, from: string, to: string): CalendarView {
  const first = parseIsoDate(from);
  const last = parseIsoDate(to);
  if (first === null) throw new CalendarArgumentError(`from: "${from}" is not a date YYYY-MM-DD`);
  if (last === null) throw new CalendarArgumentError(`to: "${to}" is not a date YYYY-MM-DD`);
  if (last < first) throw new CalendarArgumentError(`to (${to}) is before from (${from})`);
  if (last - first + 1 > MAX_VIEW_DAYS) {
    throw new CalendarArgumentError(`at most ${MAX_VIEW_DAYS} days per view; ${from}..${to} has ${last - first + 1}`);
  }

  const days: CalendarViewDay[] = [];
  for (let n = first; n <= last; n++) {
    const day = calendar.dayOf(n);
    const rule = day.rule!; // dayOf throws for a day without data
    const intervals: CalendarViewInterval[] = [];
    for (let i = 0; i < day.bounds.length; i += 2) intervals.push({ start: day.bounds[i]!, end: day.bounds[i + 1]! });
    const businessDay = day.workingMs > 0;
    days.push({
      date: formatDayNumber(n),
      weekday: weekdayOf(n),
      businessDay,
      dayOff: !businessDay,
      holiday: rule.dayOff,
      transferredWorkingDay: rule.worksAs !== null,
      worksAs: rule.worksAs,
      shortened: rule.shortened,
      endsEarly: rule.shortened && calendar.shortenedDaysEndEarly && businessDay,
      provisional: rule.provisional,
      intervals,
      workingMinutes: Math.round(day.workingMs / 60_000),
    });
  }
  return { timezone: calendar.timezone, productionCalendar: calendar.production.id, from, to, days };
}
