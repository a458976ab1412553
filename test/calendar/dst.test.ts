// Zones with daylight saving time. Russia has none since 2014, but a tenant may name any IANA
// zone, so the calendar works in local wall-clock time per day and turns it into instants
// with the zone's rules of that very date. Europe/Berlin switches on the last Sundays of
// March (02:00 CET → 03:00 CEST, at 01:00 UTC) and October (03:00 CEST → 02:00 CET, at
// 01:00 UTC). Instants are written in UTC where the local time would be ambiguous.

import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  businessCalendarView,
  businessTimeBetween,
  isWorkingTime,
  nextOpening,
} from '../../server/src/calendar/index.js';
import { at, calendarWith, HOUR, local, MINUTE, weekdays } from './calendar.helpers.js';

const BER = 'Europe/Berlin';
const berlin = calendarWith(BER, weekdays(['09:00-18:00']));
const utc = (iso: string) => Date.parse(`${iso}Z`);

describe('Europe/Berlin 09:00–18:00 across both switches of 2026', () => {
  it('8bh across the spring-forward night: Fri Mar 27 14:00 CET + 8bh = Mon Mar 30 13:00 CEST', () => {
    const end = addBusinessTime(berlin, at('2026-03-27 14:00', BER), '8bh');
    expect(local(end, BER)).toBe('Mon 2026-03-30 13:00');
    expect(end).toBe(utc('2026-03-30T11:00'));
  });

  it('8bh across the fall-back night: Fri Oct 23 14:00 CEST + 8bh = Mon Oct 26 13:00 CET', () => {
    const end = addBusinessTime(berlin, at('2026-10-23 14:00', BER), '8bh');
    expect(local(end, BER)).toBe('Mon 2026-10-26 13:00');
    expect(end).toBe(utc('2026-10-26T12:00'));
  });

  it('Thu 10:00 + 3bd = Tue 10:00 local across the spring switch, one elapsed hour less than 5 days', () => {
    const from = at('2026-03-26 10:00', BER);
    const end = addBusinessTime(berlin, from, '3bd');
    expect(local(end, BER)).toBe('Tue 2026-03-31 10:00');
    expect(end - from).toBe(5 * 24 * HOUR - HOUR);
  });

  it('a working week that contains a switch still has 5 × 9 working hours', () => {
    expect(businessTimeBetween(berlin, at('2026-03-23 00:00', BER), at('2026-03-30 23:00', BER))).toBe(6 * 9 * HOUR);
    expect(businessTimeBetween(berlin, at('2026-10-19 00:00', BER), at('2026-10-27 00:00', BER))).toBe(6 * 9 * HOUR);
  });

  it('eobd on the Monday after each switch is 18:00 local', () => {
    expect(addBusinessTime(berlin, utc('2026-03-30T07:30'), 'eobd')).toBe(utc('2026-03-30T16:00'));
    expect(addBusinessTime(berlin, utc('2026-10-26T08:30'), 'eobd')).toBe(utc('2026-10-26T17:00'));
  });

  it('3d is 72 elapsed hours, also when it crosses a switch', () => {
    const from = at('2026-03-27 12:00', BER);
    expect(addBusinessTime(berlin, from, '3d') - from).toBe(72 * HOUR);
  });
});

describe('Europe/Berlin working intervals inside the switching hour (Sundays)', () => {
  it('a 24-hour Sunday has 23 working hours in spring and 25 in autumn', () => {
    const allDay = calendarWith(BER, { sun: ['00:00-24:00'] });
    expect(businessCalendarView(allDay, '2026-03-29', '2026-03-29').days[0]!.workingMinutes).toBe(23 * 60);
    expect(businessCalendarView(allDay, '2026-10-25', '2026-10-25').days[0]!.workingMinutes).toBe(25 * 60);
    expect(addBusinessTime(allDay, utc('2026-03-28T23:00'), '23bh')).toBe(utc('2026-03-29T22:00'));
  });

  it('02:00–03:00 does not exist on the spring-forward night: no working time, the day is not a business day', () => {
    const night = calendarWith(BER, { sun: ['02:00-03:00'] });
    const spring = businessCalendarView(night, '2026-03-29', '2026-03-29').days[0]!;
    expect(spring).toMatchObject({ businessDay: false, workingMinutes: 0, intervals: [] });
    // From Saturday the next opening is a week later, Sunday Apr 5 02:00 CEST.
    expect(nextOpening(night, at('2026-03-28 12:00', BER))).toBe(utc('2026-04-05T00:00'));
    expect(addBusinessTime(night, at('2026-03-28 12:00', BER), '1bd')).toBe(utc('2026-04-12T00:00'));
  });

  it('02:00–03:00 happens twice on the fall-back night: 2 working hours, from the first 02:00 to 03:00', () => {
    const night = calendarWith(BER, { sun: ['02:00-03:00'] });
    const autumn = businessCalendarView(night, '2026-10-25', '2026-10-25').days[0]!;
    expect(autumn.workingMinutes).toBe(120);
    expect(autumn.intervals).toEqual([{ start: utc('2026-10-25T00:00'), end: utc('2026-10-25T02:00') }]);
    expect(isWorkingTime(night, utc('2026-10-25T01:30'))).toBe(true); // 02:30 CET, the second time round
    expect(isWorkingTime(night, utc('2026-10-25T02:00'))).toBe(false); // 03:00 CET
    expect(addBusinessTime(night, utc('2026-10-25T00:00'), '90bm')).toBe(utc('2026-10-25T01:30'));
  });

  it('an interval that ends inside the repeated hour ends the first time the clock shows its end', () => {
    const night = calendarWith(BER, { sun: ['01:00-02:30'] });
    const autumn = businessCalendarView(night, '2026-10-25', '2026-10-25').days[0]!;
    expect(autumn.intervals).toEqual([{ start: utc('2026-10-24T23:00'), end: utc('2026-10-25T00:30') }]);
    expect(isWorkingTime(night, utc('2026-10-25T01:15'))).toBe(false); // 02:15 CET: the clock went back, the desk had closed
  });

  it('an interval that starts in the skipped hour opens when the clock jumps past its start', () => {
    const night = calendarWith(BER, { sun: ['02:30-04:00'] });
    const spring = businessCalendarView(night, '2026-03-29', '2026-03-29').days[0]!;
    expect(spring.intervals).toEqual([{ start: utc('2026-03-29T01:00'), end: utc('2026-03-29T02:00') }]);
    expect(spring.workingMinutes).toBe(60);
  });
});

describe('a zone whose clocks skip midnight (America/Santiago, Sep 6 2026)', () => {
  it('the day starts at the jump and a 00:00–24:00 day has 23 hours', () => {
    const allDay = calendarWith('America/Santiago', { sun: ['00:00-24:00'] });
    const day = businessCalendarView(allDay, '2026-09-06', '2026-09-06').days[0]!;
    expect(day.workingMinutes).toBe(23 * 60);
    expect(local(day.intervals[0]!.start, 'America/Santiago')).toBe('Sun 2026-09-06 01:00');
    expect(addBusinessTime(allDay, day.intervals[0]!.start, '30bm') - day.intervals[0]!.start).toBe(30 * MINUTE);
  });
});
