// A tenant's business calendar: its zone, its working hours per weekday, the production
// calendar and whether shortened days end an hour early, built from the workflow file's
// `calendar:` section and `tenant.timezone`. Business-time arithmetic works on its days:
// each local date is computed once (wall-clock hours turned into instants with the zone's
// rules of that very date, so DST changes need no special cases downstream) and cached.

import { WEEKDAYS, type CalendarSection, type Weekday } from '../workflow/workflow.types.js';
import { CalendarConfigError } from './calendar.errors.js';
import { civilDateOf, DAY_MS, MINUTE_MS, weekdayIndexOf } from './local-date.js';
import { missingYear, productionRuleOf, type ProductionCalendar, type ProductionDayRule } from './production-calendar.js';
import { zoneClockOf, type ZoneClock } from './zone-clock.js';

/** Labour Code art. 95: the working day before a holiday is one hour shorter. */
const SHORTENED_BY_MINUTES = 60;

/** One local date of the calendar, as the arithmetic needs it. */
export interface CalendarDay {
  /** Local date as days since 1970-01-01 (local-date.ts). */
  readonly dayNumber: number;
  readonly year: number;
  /** First instant of the local date and first instant of the next one (epoch ms). */
  readonly start: number;
  readonly end: number;
  /** Working intervals as instants, flattened `[start0, end0, start1, end1, …]`, ascending. */
  readonly bounds: readonly number[];
  /** Working ms in the day: the sum of its intervals. 0 = not a business day. */
  readonly workingMs: number;
  /** null while the production calendar lacks the year: such a day only has bounds. */
  readonly rule: ProductionDayRule | null;
  /** The weekday whose hours the day works (its own, or the replaced one on a working weekend day). */
  readonly hoursOf: Weekday;
  /** The following date once looked up: walking days then costs no cache lookup. */
  next: CalendarDay | null;
}

const NO_BOUNDS: readonly number[] = Object.freeze([]);
/** Days cached per calendar; far more than the years a production calendar holds. */
const MAX_CACHED_DAYS = 20_000;

export class BusinessCalendar {
  private readonly days = new Map<number, CalendarDay>();
  /** Any offset of the zone: finds an instant's local date to within a day, then bounds fix it. */
  private readonly guessOffset: number;

  constructor(
    readonly timezone: string,
    readonly zone: ZoneClock,
    /** Per weekday (0 = Monday), wall-clock minutes since midnight, `[start0, end0, …]`. */
    readonly weeklyMinutes: readonly (readonly number[])[],
    readonly production: ProductionCalendar,
    readonly shortenedDaysEndEarly: boolean,
  ) {
    const years = [...production.years.keys()];
    const firstYear = years.length > 0 ? Math.min(...years) : 2000;
    this.guessOffset = zone.offsetAt(Date.UTC(firstYear, 0, 1));
  }

  /** The day an instant falls in; throws MissingCalendarYearError for a year without data. */
  dayAt(t: number): CalendarDay {
    let n = Math.floor((t + this.guessOffset) / DAY_MS);
    let day = this.day(n);
    while (t < day.start) day = this.day(--n);
    while (t >= day.end) day = this.day(++n);
    if (day.rule === null) throw missingYear(this.production, day.year);
    return day;
  }

  /** The next local date; throws MissingCalendarYearError for a year without data. */
  dayAfter(day: CalendarDay): CalendarDay {
    const next = day.next ?? (day.next = this.day(day.dayNumber + 1));
    if (next.rule === null) throw missingYear(this.production, next.year);
    return next;
  }

  /** A local date by day number; throws MissingCalendarYearError for a year without data. */
  dayOf(dayNumber: number): CalendarDay {
    const day = this.day(dayNumber);
    if (day.rule === null) throw missingYear(this.production, day.year);
    return day;
  }

  private day(n: number): CalendarDay {
    const cached = this.days.get(n);
    if (cached) return cached;
    const day = this.build(n);
    if (this.days.size >= MAX_CACHED_DAYS) this.days.clear();
    this.days.set(n, day);
    return day;
  }

  private build(n: number): CalendarDay {
    const midnight = n * DAY_MS;
    const start = this.zone.instantOfWall(midnight);
    const end = this.zone.instantOfWall(midnight + DAY_MS);
    const { year } = civilDateOf(n);
    const ownWeekday = WEEKDAYS[weekdayIndexOf(n)]!;
    if (!this.production.years.has(year)) {
      return { dayNumber: n, year, start, end, bounds: NO_BOUNDS, workingMs: 0, rule: null, hoursOf: ownWeekday, next: null };
    }
    const rule = productionRuleOf(this.production, year, n);
    const hoursOf = rule.worksAs ?? ownWeekday;
    let minutes = rule.dayOff ? NO_BOUNDS : this.weeklyMinutes[WEEKDAYS.indexOf(hoursOf)]!;
    if (rule.shortened && this.shortenedDaysEndEarly) minutes = shortened(minutes, SHORTENED_BY_MINUTES);

    const bounds: number[] = [];
    let workingMs = 0;
    for (let i = 0; i < minutes.length; i += 2) {
      // Each boundary is the first moment the wall clock shows that time on this date; an
      // interval the clocks skip (02:00–03:00 on a spring-forward night) comes out empty.
      const from = Math.min(Math.max(this.zone.instantOfWall(midnight + minutes[i]! * MINUTE_MS), start), end);
      const to = Math.min(Math.max(this.zone.instantOfWall(midnight + minutes[i + 1]! * MINUTE_MS), start), end);
      if (to <= from) continue;
      bounds.push(from, to);
      workingMs += to - from;
    }
    return { dayNumber: n, year, start, end, bounds: bounds.length > 0 ? bounds : NO_BOUNDS, workingMs, rule, hoursOf, next: null };
  }
}

/** Cuts `cut` minutes off the end of a day's wall-clock intervals (across breaks if need be). */
function shortened(minutes: readonly number[], cut: number): readonly number[] {
  const out = [...minutes];
  let left = cut;
  while (left > 0 && out.length > 0) {
    const length = out[out.length - 1]! - out[out.length - 2]!;
    if (length > left) {
      out[out.length - 1]! -= left;
      left = 0;
    } else {
      out.length -= 2;
      left -= length;
    }
  }
  return out;
}

const INTERVAL = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/;

/** `["09:00-13:00", "14:00-18:00"]` to `[540, 780, 840, 1080]`, checked like the workflow loader does. */
function parseDayIntervals(day: Weekday, intervals: readonly string[], problems: string[]): number[] {
  const out: number[] = [];
  for (const interval of intervals) {
    const match = INTERVAL.exec(interval);
    const [sh, sm, eh, em] = match ? match.slice(1).map(Number) : [];
    const valid = match && sh! <= 23 && sm! <= 59 && em! <= 59 && (eh! <= 23 || (eh === 24 && em === 0));
    if (!valid) {
      problems.push(`workingHours.${day}: "${interval}" is not an interval HH:MM-HH:MM (end may be 24:00)`);
      continue;
    }
    const from = sh! * 60 + sm!;
    const to = eh! * 60 + em!;
    if (to <= from) problems.push(`workingHours.${day}: "${interval}" must end after it starts`);
    else if (out.length > 0 && from < out[out.length - 1]!) {
      problems.push(`workingHours.${day}: "${interval}" overlaps or precedes the interval before it`);
    } else out.push(from, to);
  }
  return out;
}

/**
 * The business calendar of a tenant: its workflow file's `calendar:` section, its
 * `tenant.timezone` (IANA name or fixed offset like "+06:00") and the production calendar
 * the section names (workflows/calendars/<calendar.production>.yaml).
 */
export function businessCalendarOf(calendar: CalendarSection, timezone: string, productionCalendar: ProductionCalendar): BusinessCalendar {
  const problems: string[] = [];
  if (calendar.production !== productionCalendar.id) {
    problems.push(`the calendar names production calendar "${calendar.production}" but was given "${productionCalendar.id}"`);
  }
  const weeklyMinutes = WEEKDAYS.map((day) => parseDayIntervals(day, calendar.workingHours[day] ?? [], problems));
  if (problems.length === 0 && weeklyMinutes.every((minutes) => minutes.length === 0)) {
    problems.push('workingHours has no working interval on any weekday, so no business time would ever pass');
  }
  if (typeof calendar.shortenedDaysEndEarly !== 'boolean') problems.push('shortenedDaysEndEarly must be true or false');
  if (problems.length > 0) throw new CalendarConfigError(`calendar: ${problems.join('; ')}`);
  return new BusinessCalendar(timezone, zoneClockOf(timezone), weeklyMinutes, productionCalendar, calendar.shortenedDaysEndEarly);
}
