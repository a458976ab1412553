import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  businessCalendarOf,
  businessDaysBetween,
  businessDelayResolver,
  businessTimeBetween,
  CalendarArgumentError,
  CalendarConfigError,
  isWorkingTime,
  nextOpening,
} from '../../server/src/calendar/index.js';
import { compileWorkflow, parseWorkflowSource, type DelayResolver } from '../../server/src/workflow/index.js';
import { at, calendarWith, HOUR, local, MINUTE, repoRoot, ru, tenantCalendar, weekdays } from './calendar.helpers.js';

const NSK = 'Asia/Novosibirsk';
const MSK = 'Europe/Moscow';
const SIN = '+06:00';
const nso = tenantCalendar('novosibirsk');
const rbt = tenantCalendar('rusbitech');
const sin = tenantCalendar('sintez');
const tom = tenantCalendar('tomsk');
const kur = tenantCalendar('kurgan-vipnet');

/** `from` + `duration` on `calendar`, shown as a local date-time with weekday. */
const plus = (calendar: typeof nso, zone: string, from: string, duration: string) => local(addBusinessTime(calendar, at(from, zone), duration), zone);

describe('business days (Nbd): the same working moment N business days later', () => {
  it('NSO-10 3bd from Fri 17:00 is Wed 17:00 (NSO 09:00–18:00 Asia/Novosibirsk)', () => {
    expect(plus(nso, NSK, '2026-11-20 17:00', '3bd')).toBe('Wed 2026-11-25 17:00');
  });

  it('a start outside working hours counts from the next opening: Sat 12:00 + 3bd = Thu 09:00', () => {
    expect(plus(nso, NSK, '2026-11-21 12:00', '3bd')).toBe('Thu 2026-11-26 09:00');
  });

  it('closing time is outside working time: Fri 18:00 + 3bd = Thu 09:00, Fri 17:59 + 3bd = Wed 17:59', () => {
    expect(plus(nso, NSK, '2026-11-20 18:00', '3bd')).toBe('Thu 2026-11-26 09:00');
    expect(plus(nso, NSK, '2026-11-20 17:59', '3bd')).toBe('Wed 2026-11-25 17:59');
  });

  it('before opening on a business day counts from that morning: Mon 08:00 + 1bd = Tue 09:00', () => {
    expect(plus(nso, NSK, '2026-11-23 08:00', '1bd')).toBe('Tue 2026-11-24 09:00');
  });

  it('the same working moment, not the same clock time, when a lunch break moves: Mon 13:30 (in the break) + 1bd = Tue 14:00', () => {
    const lunch = calendarWith(NSK, weekdays(['09:00-13:00', '14:00-18:00']));
    expect(plus(lunch, NSK, '2026-11-23 13:30', '1bd')).toBe('Tue 2026-11-24 14:00');
    expect(plus(lunch, NSK, '2026-11-23 12:59', '1bd')).toBe('Tue 2026-11-24 12:59');
  });

  it('a target day shorter than the working time already passed ends at its close: Wed Apr 29 2026 17:30 + 1bd = Thu Apr 30 17:00', () => {
    expect(plus(nso, NSK, '2026-04-29 17:30', '1bd')).toBe('Thu 2026-04-30 17:00');
    expect(plus(nso, NSK, '2026-04-29 16:30', '1bd')).toBe('Thu 2026-04-30 16:30');
  });

  it('skips the New Year holidays: Tue Dec 30 2025 16:00 + 1bd = Mon Jan 12 2026 16:00', () => {
    expect(plus(nso, NSK, '2025-12-30 16:00', '1bd')).toBe('Mon 2026-01-12 16:00');
  });

  it('counts the working Saturday Nov 1 2025: Fri Oct 31 12:00 + 1bd = Sat Nov 1 12:00, + 2bd = Wed Nov 5 12:00', () => {
    expect(plus(nso, NSK, '2025-10-31 12:00', '1bd')).toBe('Sat 2025-11-01 12:00');
    expect(plus(nso, NSK, '2025-10-31 12:00', '2bd')).toBe('Wed 2025-11-05 12:00');
  });

  it('RBT-6 the processing deadline of 5–10 bd counts 10:00–18:00 MSK and skips Nov 4', () => {
    // Mon Nov 2 2026 15:00: Tue 3 (shortened, still a business day), Wed 4 off, Thu 5, Fri 6, Mon 9, Tue 10.
    expect(plus(rbt, MSK, '2026-11-02 15:00', '5bd')).toBe('Tue 2026-11-10 15:00');
    expect(plus(rbt, MSK, '2026-11-02 15:00', '10bd')).toBe('Tue 2026-11-17 15:00');
    // Received at 09:30 MSK, before RBT's 10:00 opening: counted from 10:00.
    expect(plus(rbt, MSK, '2026-11-02 09:30', '5bd')).toBe('Tue 2026-11-10 10:00');
  });

  it('TOM-6 the reopen window closes 2 bd after the solution (Asia/Tomsk)', () => {
    expect(plus(tom, 'Asia/Tomsk', '2026-06-10 11:00', '2bd')).toBe('Mon 2026-06-15 11:00'); // Jun 11 shortened, Jun 12 off
  });
});

describe('end of business day (eobd, eobd+N)', () => {
  it('during working time: today at closing', () => {
    expect(plus(nso, NSK, '2026-11-23 10:00', 'eobd')).toBe('Mon 2026-11-23 18:00');
  });
  it('before opening on a business day: that day at closing', () => {
    expect(plus(nso, NSK, '2026-11-23 07:00', 'eobd')).toBe('Mon 2026-11-23 18:00');
  });
  it('after closing (18:00 itself included) or on a day off: the next business day at closing', () => {
    expect(plus(nso, NSK, '2026-11-23 18:00', 'eobd')).toBe('Tue 2026-11-24 18:00');
    expect(plus(nso, NSK, '2026-11-21 12:00', 'eobd')).toBe('Mon 2026-11-23 18:00');
  });
  it('on a shortened day: its early close', () => {
    expect(plus(nso, NSK, '2026-04-30 10:00', 'eobd')).toBe('Thu 2026-04-30 17:00');
  });
  it('NSO-9 a preliminary answer is due by the end of the next bd: eobd+1', () => {
    expect(plus(nso, NSK, '2026-11-20 10:00', 'eobd+1')).toBe('Mon 2026-11-23 18:00');
    expect(plus(nso, NSK, '2026-11-20 19:00', 'eobd+1')).toBe('Tue 2026-11-24 18:00');
  });
  it('KUR 08:00–17:00 Asia/Yekaterinburg: eobd+2 over the May holidays of 2026', () => {
    expect(plus(kur, 'Asia/Yekaterinburg', '2026-04-30 09:00', 'eobd')).toBe('Thu 2026-04-30 16:00');
    expect(plus(kur, 'Asia/Yekaterinburg', '2026-04-30 09:00', 'eobd+2')).toBe('Tue 2026-05-05 17:00'); // May 1–3 off: Mon 4, Tue 5
  });
});

describe('working minutes and hours (Nbm, Nbh)', () => {
  it('SIN-7 09:00–18:00 at UTC+6: 8bh from Mon 09:00 is Mon 17:00; 9bh ends at 18:00 the same day', () => {
    expect(plus(sin, SIN, '2026-11-23 09:00', '8bh')).toBe('Mon 2026-11-23 17:00');
    expect(plus(sin, SIN, '2026-11-23 09:00', '9bh')).toBe('Mon 2026-11-23 18:00');
    expect(plus(sin, SIN, '2026-11-23 09:00', '10bh')).toBe('Tue 2026-11-24 10:00');
  });

  it('SIN-7 a start after closing counts from the next opening: Fri 17:30 + 1bh = Mon 09:30', () => {
    expect(plus(sin, SIN, '2026-11-20 17:30', '1bh')).toBe('Mon 2026-11-23 09:30');
  });

  it('RBT-7 reaction time counts working time only: 4bh from Fri 16:00 MSK is Mon 12:00', () => {
    expect(plus(rbt, MSK, '2026-11-20 16:00', '4bh')).toBe('Mon 2026-11-23 12:00');
  });

  it('90bm spans a lunch break', () => {
    const lunch = calendarWith(NSK, weekdays(['09:00-13:00', '14:00-18:00']));
    expect(plus(lunch, NSK, '2026-11-23 12:00', '90bm')).toBe('Mon 2026-11-23 14:30');
  });

  it('working time over the New Year: Dec 30 2025 17:00 + 2bh = Jan 12 2026 10:00', () => {
    expect(plus(nso, NSK, '2025-12-30 17:00', '2bh')).toBe('Mon 2026-01-12 10:00');
  });
});

describe('calendar time (Nm, Nh, Nd) ignores the calendar', () => {
  it('SIN-8 48h is 48 elapsed hours, over a weekend too', () => {
    const from = at('2026-11-20 17:00', SIN);
    expect(addBusinessTime(sin, from, '48h') - from).toBe(48 * HOUR);
    expect(addBusinessTime(sin, from, '3d') - from).toBe(72 * HOUR);
    expect(addBusinessTime(sin, from, '90m') - from).toBe(90 * MINUTE);
  });
});

describe('working time: isWorkingTime, nextOpening, businessTimeBetween, businessDaysBetween', () => {
  it('opening is working time, closing is not', () => {
    expect(isWorkingTime(rbt, at('2026-11-23 10:00', MSK))).toBe(true);
    expect(isWorkingTime(rbt, at('2026-11-23 09:59', MSK))).toBe(false);
    expect(isWorkingTime(rbt, at('2026-11-23 17:59', MSK))).toBe(true);
    expect(isWorkingTime(rbt, at('2026-11-23 18:00', MSK))).toBe(false);
    expect(isWorkingTime(rbt, at('2026-11-23 18:00', MSK) - 1)).toBe(true);
  });

  it('nextOpening is the instant itself during working time, else the next interval start', () => {
    const t = at('2026-11-23 12:34', MSK) + 567;
    expect(nextOpening(rbt, t)).toBe(t);
    expect(local(nextOpening(rbt, at('2026-11-20 18:00', MSK)), MSK)).toBe('Mon 2026-11-23 10:00');
    expect(local(nextOpening(rbt, at('2026-11-23 03:00', MSK)), MSK)).toBe('Mon 2026-11-23 10:00');
  });

  it('businessTimeBetween counts [a, b) and is negative when b is before a', () => {
    const a = at('2026-11-20 17:00', MSK);
    const b = at('2026-11-23 11:00', MSK);
    expect(businessTimeBetween(rbt, a, b)).toBe(2 * HOUR);
    expect(businessTimeBetween(rbt, b, a)).toBe(-2 * HOUR);
    expect(businessTimeBetween(rbt, a, a)).toBe(0);
    // A whole 2026 week with Nov 4 off and Nov 3 shortened: 3 × 8 h + 7 h.
    expect(businessTimeBetween(rbt, at('2026-11-02 00:00', MSK), at('2026-11-07 00:00', MSK))).toBe(31 * HOUR);
  });

  it('businessDaysBetween counts whole business days the way Nbd adds them', () => {
    const from = at('2026-11-20 17:00', NSK);
    expect(businessDaysBetween(nso, from, at('2026-11-25 16:59', NSK))).toBe(2);
    expect(businessDaysBetween(nso, from, at('2026-11-25 17:00', NSK))).toBe(3);
    expect(businessDaysBetween(nso, from, from)).toBe(0);
    expect(businessDaysBetween(nso, at('2026-11-25 17:00', NSK), from)).toBe(-3);
  });

  it('instants are epoch ms: anything else is an argument error', () => {
    expect(() => isWorkingTime(rbt, Number.NaN)).toThrow(CalendarArgumentError);
    expect(() => addBusinessTime(rbt, new Date(0) as unknown as number, '1bh')).toThrow(/epoch milliseconds/);
  });
});

describe('businessDelayResolver: what the workflow compiler gets injected', () => {
  it('resolves every delay form to ms from now', () => {
    const resolve: DelayResolver = businessDelayResolver(nso);
    const now = at('2026-11-20 17:00', NSK);
    expect(resolve('3bd', now)).toBe(at('2026-11-25 17:00', NSK) - now);
    expect(resolve('eobd', now)).toBe(HOUR);
    expect(resolve('48h', now)).toBe(48 * HOUR);
    expect(() => resolve('3 bd', now)).toThrow(/"3 bd" is not a duration: remove the spaces/);
  });

  it('a compiled workflow schedules its 2bd timer on the tenant calendar of its own file', () => {
    // The compiler's fixture works Mondays only, 09:00–13:00 and 14:00–18:00 at +06:00.
    const source = readFileSync(path.join(repoRoot, 'test/workflow/fixtures/timers.yaml'), 'utf8');
    const parsed = parseWorkflowSource(source, 'timers.yaml');
    if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
    const { definition } = parsed;
    const calendar = businessCalendarOf(definition.calendar, definition.tenant.timezone, ru);
    const now = at('2026-11-16 10:00', SIN); // a Monday
    const workflow = compileWorkflow(definition, { resolveDelay: businessDelayResolver(calendar), now: () => now });
    const fields = { description: 'd', steps: 's' };
    let step = workflow.initialSnapshot({ fields, kind: 'bug' });
    step = workflow.applyEvent(step.snapshot, { type: 'TAKE' });
    step = workflow.applyEvent(step.snapshot, { type: 'RESOLVE' });
    const timer = step.timers.find((t) => t.id.includes('2bd'));
    expect(timer).toBeDefined();
    // Two business days of a Mondays-only desk: Mon Nov 30, same working moment.
    expect(local(now + timer!.delayMs, SIN)).toBe('Mon 2026-11-30 10:00');
  });
});

describe('businessCalendarOf: the calendar section and time zone', () => {
  const section = { production: 'ru', workingHours: weekdays(['09:00-18:00']), shortenedDaysEndEarly: true };

  it('refuses an unknown zone, a malformed offset and a production calendar it was not given', () => {
    expect(() => businessCalendarOf(section, 'Mars/Olympus', ru)).toThrow(CalendarConfigError);
    expect(() => businessCalendarOf(section, '+6', ru)).toThrow(/\+HH:MM/);
    expect(() => businessCalendarOf({ ...section, production: 'kz' }, NSK, ru)).toThrow(/names production calendar "kz" but was given "ru"/);
  });

  it('refuses malformed, reversed or overlapping intervals and a week without hours', () => {
    expect(() => businessCalendarOf({ ...section, workingHours: { mon: ['9:00-18:00'] } }, NSK, ru)).toThrow(/workingHours.mon: "9:00-18:00" is not an interval/);
    expect(() => businessCalendarOf({ ...section, workingHours: { mon: ['18:00-09:00'] } }, NSK, ru)).toThrow(/must end after it starts/);
    expect(() => businessCalendarOf({ ...section, workingHours: { mon: ['09:00-13:00', '12:00-18:00'] } }, NSK, ru)).toThrow(/overlaps/);
    expect(() => businessCalendarOf({ ...section, workingHours: {} }, NSK, ru)).toThrow(/no working interval on any weekday/);
  });

  it('accepts 24:00 as the end of a day and several intervals per day', () => {
    const roundTheClock = businessCalendarOf({ ...section, workingHours: { sun: ['00:00-12:00', '12:00-24:00'] } }, NSK, ru);
    expect(businessTimeBetween(roundTheClock, at('2026-11-22 00:00', NSK), at('2026-11-23 00:00', NSK))).toBe(24 * HOUR);
  });
});
