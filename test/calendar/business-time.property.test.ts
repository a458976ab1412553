// Property tests: on each tenant's calendar (from its workflow file) and on a Berlin test
// desk with DST, lunch breaks and night hours, the interval-jumping functions agree with a
// minute-stepping oracle (minute-oracle.ts) and invert each other. Run counts are modest:
// the oracle steps minute by minute through up to a few weeks per case.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  businessCalendarOf,
  businessDaysBetween,
  businessTimeBetween,
  isWorkingTime,
  nextOpening,
  type BusinessCalendar,
} from '../../server/src/calendar/index.js';
import type { CalendarSection } from '../../server/src/workflow/workflow.types.js';
import { DAY, local, MINUTE, ru, shippedTenantCalendars } from './calendar.helpers.js';
import { MinuteOracle } from './minute-oracle.js';

/** The rule each tenant's working hours come from (shared/regulations/RULES.md). */
const HOURS_RULE: Record<string, string> = {
  novosibirsk: 'NSO',
  tomsk: 'TOM-1',
  'kurgan-vipnet': 'KUR-2',
  rusbitech: 'RBT-6',
  sintez: 'SIN-7',
};

interface Subject {
  name: string;
  timezone: string;
  section: CalendarSection;
  instants: fc.Arbitrary<number>;
}

// 2025-01-02 … 2027-11-30: room for a few weeks of counting either side within the data.
const FIRST_MINUTE = Date.UTC(2025, 0, 2) / MINUTE;
const LAST_MINUTE = Date.UTC(2027, 10, 30) / MINUTE;
const anyMinute = fc.integer({ min: FIRST_MINUTE, max: LAST_MINUTE }).map((m) => m * MINUTE);

const BERLIN_SWITCHES = ['2025-03-30', '2025-10-26', '2026-03-29', '2026-10-25', '2027-03-28', '2027-10-31'].map((d) => Date.parse(`${d}T01:00Z`));
const nearBerlinSwitch = fc
  .tuple(fc.constantFrom(...BERLIN_SWITCHES), fc.integer({ min: -4 * 1440, max: 2 * 1440 }))
  .map(([at, minutes]) => at + minutes * MINUTE);

const subjects: Subject[] = [
  ...shippedTenantCalendars().map(({ tenant, timezone, section }) => ({
    name: `${HOURS_RULE[tenant] ?? tenant} ${tenant} ${(section.workingHours.mon ?? []).join(',')} ${timezone}`,
    timezone,
    section,
    instants: anyMinute,
  })),
  {
    name: 'Berlin test desk: lunch break, Saturday hours, Sunday night hours across DST',
    timezone: 'Europe/Berlin',
    section: {
      production: 'ru',
      workingHours: {
        mon: ['08:30-12:00', '13:00-17:45'],
        tue: ['08:30-12:00', '13:00-17:45'],
        wed: ['08:30-12:00', '13:00-17:45'],
        thu: ['08:30-12:00', '13:00-17:45'],
        fri: ['08:30-12:00', '13:00-16:00'],
        sat: ['10:00-14:00'],
        sun: ['01:30-03:30'],
      },
      shortenedDaysEndEarly: true,
    },
    instants: fc.oneof(anyMinute, nearBerlinSwitch),
  },
];

const at = (t: number, zone: string) => `${local(t, zone)} (${new Date(t).toISOString()})`;

describe.each(subjects)('business time on $name', ({ timezone, section, instants }) => {
  const calendar: BusinessCalendar = businessCalendarOf(section, timezone, ru);
  const oracle = new MinuteOracle(section, timezone, ru);

  it('isWorkingTime and nextOpening agree with the minute oracle', () => {
    fc.assert(
      fc.property(instants, (t) => {
        expect(isWorkingTime(calendar, t), at(t, timezone)).toBe(oracle.isWorkingTime(t));
        expect(nextOpening(calendar, t), at(t, timezone)).toBe(oracle.nextOpening(t));
      }),
      { numRuns: 60 },
    );
  });

  it('addBusinessTime Nbm / Nbh agrees with the minute oracle (up to three working days)', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 1, max: 27 * 60 }), fc.boolean(), (t, minutes, inHours) => {
        const expression = inHours ? `${Math.max(1, Math.round(minutes / 60))}bh` : `${minutes}bm`;
        const expectedMinutes = inHours ? Math.max(1, Math.round(minutes / 60)) * 60 : minutes;
        expect(local(addBusinessTime(calendar, t, expression), timezone), `${at(t, timezone)} + ${expression}`).toBe(
          local(oracle.addWorkingMinutes(t, expectedMinutes), timezone),
        );
        expect(addBusinessTime(calendar, t, expression)).toBe(oracle.addWorkingMinutes(t, expectedMinutes));
      }),
      { numRuns: 50 },
    );
  });

  it('businessTimeBetween agrees with the minute oracle (spans up to ten days)', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 0, max: 10 * 1440 }), (a, minutes) => {
        const b = a + minutes * MINUTE;
        expect(businessTimeBetween(calendar, a, b), `${at(a, timezone)} → ${at(b, timezone)}`).toBe(oracle.workingMinutesBetween(a, b) * MINUTE);
      }),
      { numRuns: 40 },
    );
  });

  it('addBusinessTime Nbd agrees with the minute oracle', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 1, max: 5 }), (t, days) => {
        expect(local(addBusinessTime(calendar, t, `${days}bd`), timezone), `${at(t, timezone)} + ${days}bd`).toBe(
          local(oracle.addBusinessDays(t, days), timezone),
        );
        expect(addBusinessTime(calendar, t, `${days}bd`)).toBe(oracle.addBusinessDays(t, days));
      }),
      { numRuns: 30 },
    );
  });

  it('eobd and eobd+N agree with the minute oracle', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 0, max: 3 }), (t, plus) => {
        const expression = plus === 0 ? 'eobd' : `eobd+${plus}`;
        expect(addBusinessTime(calendar, t, expression), `${at(t, timezone)} ${expression}`).toBe(oracle.endOfBusinessDay(t, plus));
      }),
      { numRuns: 30 },
    );
  });

  // The inverse laws need no oracle, so they run on millisecond instants and longer spans.
  const anyInstant = fc.oneof(instants, fc.integer({ min: FIRST_MINUTE * MINUTE, max: LAST_MINUTE * MINUTE }));

  it('adding working time and measuring it invert each other', () => {
    fc.assert(
      fc.property(anyInstant, fc.integer({ min: 0, max: 40 * 3_600_000 }), (t, ms) => {
        const end = addBusinessTime(calendar, t, { kind: 'working', ms, expression: `${ms}ms` });
        expect(end).toBeGreaterThanOrEqual(t);
        expect(businessTimeBetween(calendar, t, end)).toBe(ms);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(anyInstant, fc.integer({ min: 0, max: 20 * DAY }), (a, span) => {
        const b = a + span;
        const worked = businessTimeBetween(calendar, a, b);
        const back = addBusinessTime(calendar, a, { kind: 'working', ms: worked, expression: 'measured' });
        // The earliest instant with as much working time behind it: b itself when work ran up to b.
        expect(back).toBeLessThanOrEqual(b);
        expect(businessTimeBetween(calendar, back, b)).toBe(0);
        if (worked > 0 && isWorkingTime(calendar, b - 1)) expect(back).toBe(b);
      }),
      { numRuns: 300 },
    );
  });

  it('Nbd: counting whole business days back gives N, and later starts never end earlier', () => {
    fc.assert(
      fc.property(anyInstant, fc.integer({ min: 0, max: 3 * DAY }), fc.integer({ min: 1, max: 15 }), (t, later, days) => {
        const end = addBusinessTime(calendar, t, { kind: 'businessDays', days, expression: `${days}bd` });
        expect(businessDaysBetween(calendar, t, end)).toBe(days);
        expect(addBusinessTime(calendar, t + later, `${days}bd`)).toBeGreaterThanOrEqual(end);
        expect(addBusinessTime(calendar, t, `eobd+${days}`)).toBeGreaterThanOrEqual(end);
      }),
      { numRuns: 300 },
    );
  });
});
