// Wall-clock time of a tenant's zone, as fast lookups. luxon (through Intl) answers "what is
// the UTC offset at instant t" in ~20 µs, far too slow to ask per operation, so each zone
// remembers its offsets per UTC day, shared by every calendar in that zone (zone rules do
// not change while the process runs). Assumes at most one offset change per UTC day and
// per ~26 hours, which holds for every zone in the IANA database in the years the product
// deals with.

import { Info } from 'luxon';
import { toLuxonZone } from '../clock/zones.js';
import { CalendarConfigError } from './calendar.errors.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './local-date.js';

export interface ZoneClock {
  /** The zone as the workflow file wrote it (`Asia/Novosibirsk`, `+06:00`). */
  readonly timezone: string;
  /** UTC offset in ms at instant `t` (local wall time = t + offset). */
  offsetAt(t: number): number;
  /**
   * The first instant at which the local wall clock reads `wall` (ms of a local date-time
   * counted as if it were UTC) or later. A wall time that occurs twice (clocks going back)
   * gives its first occurrence; one that does not exist (clocks going forward) gives the
   * moment of the jump, when the clock first shows a later time.
   */
  instantOfWall(wall: number): number;
}

const FIXED_OFFSET = /^[+-](?:0\d|1[0-4]):[0-5]\d$/;

class FixedZoneClock implements ZoneClock {
  constructor(
    readonly timezone: string,
    private readonly offset: number,
  ) {}
  offsetAt(): number {
    return this.offset;
  }
  instantOfWall(wall: number): number {
    return wall - this.offset;
  }
}

interface UtcDayOffsets {
  before: number;
  /** The instant the offset changes within this UTC day; +Infinity when it does not. */
  changeAt: number;
  after: number;
}

class IanaZoneClock implements ZoneClock {
  private readonly days = new Map<number, UtcDayOffsets>();

  constructor(
    readonly timezone: string,
    private readonly zoneOffsetMinutes: (t: number) => number,
  ) {}

  private offsetsOfUtcDay(n: number): UtcDayOffsets {
    let entry = this.days.get(n);
    if (entry) return entry;
    const from = n * DAY_MS;
    const before = this.zoneOffsetMinutes(from) * MINUTE_MS;
    const after = this.zoneOffsetMinutes(from + DAY_MS) * MINUTE_MS;
    let changeAt = Number.POSITIVE_INFINITY;
    if (before !== after) {
      // Bisect to the millisecond: only on the few days a year the offset changes.
      let lo = from;
      let hi = from + DAY_MS;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (this.zoneOffsetMinutes(mid) * MINUTE_MS === before) lo = mid;
        else hi = mid;
      }
      changeAt = hi;
    }
    entry = { before, changeAt, after };
    this.days.set(n, entry);
    return entry;
  }

  offsetAt(t: number): number {
    const entry = this.offsetsOfUtcDay(Math.floor(t / DAY_MS));
    return t < entry.changeAt ? entry.before : entry.after;
  }

  instantOfWall(wall: number): number {
    // Any instant showing `wall` lies within [wall − 14 h, wall + 12 h] (offsets span
    // −12…+14 h); the offsets at the two ends are the only candidates.
    const early = this.offsetAt(wall - 14 * HOUR_MS);
    const late = this.offsetAt(wall + 12 * HOUR_MS);
    const first = wall - early;
    const firstValid = this.offsetAt(first) === early;
    if (early === late && firstValid) return first;
    const second = wall - late;
    const secondValid = this.offsetAt(second) === late;
    if (firstValid && secondValid) return Math.min(first, second);
    if (firstValid) return first;
    if (secondValid) return second;
    // Clocks jumped over `wall`: the jump lies between the two candidates.
    return this.changeBetween(Math.min(first, second), Math.max(first, second));
  }

  private changeBetween(lo: number, hi: number): number {
    for (let n = Math.floor(lo / DAY_MS); n <= Math.floor(hi / DAY_MS); n++) {
      const { changeAt } = this.offsetsOfUtcDay(n);
      if (changeAt > lo && changeAt <= hi) return changeAt;
    }
    return hi;
  }
}

const clocks = new Map<string, ZoneClock>();

/** The clock of a workflow file's `tenant.timezone`; throws CalendarConfigError when unknown. */
export function zoneClockOf(timezone: string): ZoneClock {
  const cached = clocks.get(timezone);
  if (cached) return cached;
  if (/^[+-]/.test(timezone) && !FIXED_OFFSET.test(timezone)) {
    throw new CalendarConfigError(`time zone "${timezone}": write a fixed offset as +HH:MM, e.g. "+06:00"`);
  }
  const zone = Info.normalizeZone(toLuxonZone(timezone));
  if (!zone || !zone.isValid) {
    throw new CalendarConfigError(`"${timezone}" is not a known time zone; use an IANA name such as "Asia/Novosibirsk" or an offset such as "+06:00"`);
  }
  const clock: ZoneClock = zone.isUniversal
    ? new FixedZoneClock(timezone, zone.offset(0) * MINUTE_MS)
    : new IanaZoneClock(timezone, (t) => zone.offset(t));
  clocks.set(timezone, clock);
  return clock;
}
