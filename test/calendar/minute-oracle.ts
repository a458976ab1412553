// A brute-force business-time oracle that steps minute by minute, written independently of
// server/src/calendar (it shares only the parsed production calendar data) to check it:
// the property tests and the benchmark compare the real functions with it.
//
// It reads the definitions literally. A minute is working when its local wall-clock minute
// lies in one of the day's intervals, where "local wall clock" never goes back: in the
// repeated hour after clocks go back it keeps showing the last minute it reached (the rule
// the calendar uses to place interval boundaries: the first moment the clock shows a time).
// Only minute-aligned instants, and only zones whose offsets are whole minutes.

import { Info } from 'luxon';
import type { ProductionCalendar } from '../../server/src/calendar/index.js';
import type { CalendarSection } from '../../server/src/workflow/workflow.types.js';

const MIN = 60_000;
const DAY = 86_400_000;
const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** Bound on minutes stepped per call: a few weeks, more than any tested duration needs. */
const MAX_STEPS = 40 * 1440;

export class OracleMissingYear extends Error {}

interface Transition {
  at: number;
  offset: number;
}

/** Offsets of a zone from luxon, sampled daily over 2024–2028 and bisected to the minute where they change. */
function transitionsOf(zoneName: string): { base: number; transitions: Transition[] } {
  const zone = Info.normalizeZone(zoneName)!;
  const offset = (t: number): number => zone.offset(t) * MIN;
  const from = Date.UTC(2024, 0, 1);
  const to = Date.UTC(2029, 0, 1);
  const base = offset(from);
  const transitions: Transition[] = [];
  let previous = base;
  for (let t = from + DAY; t <= to; t += DAY) {
    const current = offset(t);
    if (current === previous) continue;
    let lo = t - DAY;
    let hi = t;
    while (hi - lo > MIN) {
      const mid = lo + Math.floor((hi - lo) / MIN / 2) * MIN;
      if (offset(mid) === previous) lo = mid;
      else hi = mid;
    }
    transitions.push({ at: hi, offset: current });
    previous = current;
  }
  return { base, transitions };
}

export class MinuteOracle {
  private readonly base: number;
  private readonly transitions: Transition[];
  private readonly weekMinutes: boolean[][];
  private readonly dayCache = new Map<number, boolean[]>();
  private readonly shortens: boolean;

  constructor(
    section: CalendarSection,
    timezone: string,
    private readonly production: ProductionCalendar,
  ) {
    const zoneName = /^[+-]\d{2}:\d{2}$/.test(timezone) ? `UTC${timezone.replace(/:00$/, '')}` : timezone;
    ({ base: this.base, transitions: this.transitions } = transitionsOf(zoneName));
    this.weekMinutes = WEEKDAY_KEYS.map((key) => {
      const minutes = new Array<boolean>(1440).fill(false);
      for (const interval of section.workingHours[key] ?? []) {
        const [from, to] = interval.split('-').map((hhmm) => {
          const [h, m] = hhmm.split(':').map(Number);
          return h! * 60 + m!;
        });
        for (let m = from!; m < to!; m++) minutes[m] = true;
      }
      return minutes;
    });
    this.shortens = section.shortenedDaysEndEarly;
  }

  private offsetAt(t: number): number {
    let offset = this.base;
    for (const transition of this.transitions) {
      if (transition.at > t) break;
      offset = transition.offset;
    }
    return offset;
  }

  private wall(t: number): number {
    return t + this.offsetAt(t);
  }

  /** Working minutes of a local date (index = minute of the day), after the decree and shortening. */
  private minutesOf(localDay: number): boolean[] {
    const cached = this.dayCache.get(localDay);
    if (cached) return cached;
    const date = new Date(localDay * DAY);
    const year = date.getUTCFullYear();
    const data = this.production.years.get(year);
    if (!data) throw new OracleMissingYear(String(year));
    const weekday = (date.getUTCDay() + 6) % 7;
    let minutes: boolean[];
    if (data.daysOff.has(localDay)) minutes = new Array<boolean>(1440).fill(false);
    else {
      const worksAs = data.workingDays.get(localDay);
      minutes = [...this.weekMinutes[worksAs ? WEEKDAY_KEYS.indexOf(worksAs) : weekday]!];
    }
    if (this.shortens && data.shortenedDays.has(localDay)) {
      let cut = 60;
      for (let m = 1439; m >= 0 && cut > 0; m--) {
        if (minutes[m]) {
          minutes[m] = false;
          cut--;
        }
      }
    }
    this.dayCache.set(localDay, minutes);
    return minutes;
  }

  /**
   * A cursor over minutes from `t`: the never-going-back wall clock needs the last two hours
   * of history at the start, then one step at a time.
   */
  private cursor(t: number) {
    let shown = Number.NEGATIVE_INFINITY;
    for (let x = t - 120 * MIN; x <= t; x += MIN) shown = Math.max(shown, this.wall(x));
    let minute = t;
    const self = this;
    return {
      get minute() {
        return minute;
      },
      get localDay() {
        return Math.floor(shown / DAY);
      },
      get working() {
        const minuteOfDay = Math.floor((((shown % DAY) + DAY) % DAY) / MIN);
        return self.minutesOf(Math.floor(shown / DAY))[minuteOfDay]!;
      },
      next() {
        minute += MIN;
        shown = Math.max(shown, self.wall(minute));
      },
    };
  }

  isWorkingTime(t: number): boolean {
    return this.cursor(t).working;
  }

  nextOpening(t: number): number {
    const c = this.cursor(t);
    for (let i = 0; i < MAX_STEPS; i++, c.next()) if (c.working) return c.minute;
    throw new Error('oracle: no opening within the step bound');
  }

  addWorkingMinutes(t: number, minutes: number): number {
    if (minutes === 0) return t;
    const c = this.cursor(t);
    let counted = 0;
    for (let i = 0; i < MAX_STEPS; i++, c.next()) {
      if (c.working && ++counted === minutes) return c.minute + MIN;
    }
    throw new Error('oracle: step bound reached');
  }

  workingMinutesBetween(a: number, b: number): number {
    const c = this.cursor(a);
    let counted = 0;
    for (; c.minute < b; c.next()) if (c.working) counted++;
    return counted;
  }

  /** Working minutes of `t`'s local date before t. */
  private passedBefore(t: number): number {
    const day = this.cursor(t).localDay;
    const c = this.cursor(t - 26 * 60 * MIN);
    let passed = 0;
    for (; c.minute < t; c.next()) if (c.localDay === day && c.working) passed++;
    return passed;
  }

  /** `Nbd`: s = next opening; the moment of the Nth business day after s's date with as much work passed, else its close. */
  addBusinessDays(t: number, days: number): number {
    const start = this.nextOpening(t);
    if (days === 0) return start;
    const passed = this.passedBefore(start);
    const c = this.cursor(start);
    const startDay = c.localDay;
    let day = startDay;
    let countedDay = startDay;
    let businessDays = 0;
    let passedInTarget = 0;
    let close = Number.NaN;
    for (let i = 0; i < MAX_STEPS; i++, c.next()) {
      if (c.localDay !== day) {
        if (businessDays === days) return close; // the target day is shorter than `passed`
        day = c.localDay;
      }
      if (!c.working || day === startDay) continue;
      if (countedDay !== day) {
        countedDay = day;
        businessDays++;
      }
      if (businessDays === days) {
        if (passedInTarget === passed) return c.minute;
        passedInTarget++;
        close = c.minute + MIN;
      }
    }
    throw new Error('oracle: step bound reached');
  }

  /** `eobd+N`: the close of the Nth business day after the date of the next opening. */
  endOfBusinessDay(t: number, plusDays: number): number {
    const c = this.cursor(this.nextOpening(t));
    let day = c.localDay;
    let countedDay = day;
    let businessDays = 0;
    let close = Number.NaN;
    for (let i = 0; i < MAX_STEPS; i++, c.next()) {
      if (c.localDay !== day) {
        if (businessDays === plusDays) return close;
        day = c.localDay;
      }
      if (!c.working) continue;
      if (countedDay !== day) {
        countedDay = day;
        businessDays++;
      }
      if (businessDays === plusDays) close = c.minute + MIN;
    }
    throw new Error('oracle: step bound reached');
  }
}
