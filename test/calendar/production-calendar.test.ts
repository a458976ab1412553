import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  businessCalendarView,
  businessTimeBetween,
  isWorkingTime,
  MissingCalendarYearError,
  nextOpening,
  parseProductionCalendar,
  ProductionCalendarInvalidError,
  type CalendarViewDay,
} from '../../server/src/calendar/index.js';
import { at, calendarWith, local, ru, ruSource } from './calendar.helpers.js';

// The decree facts of shared/regulations/PRODUCTION-CALENDAR.md, on a Mon–Fri 09:00–18:00
// desk in Novosibirsk (NSO), read through the calendar view a UI draws.
const NSO = 'Asia/Novosibirsk';
const nso = calendarWith(NSO);
const dayOf = (date: string): CalendarViewDay => businessCalendarView(nso, date, date).days[0]!;
const hoursOf = (date: string): string[] => dayOf(date).intervals.map((i) => `${local(i.start, NSO).slice(-5)}-${local(i.end, NSO).slice(-5)}`);

function expand(dates: string[]): string[] {
  return dates.flatMap((d) => {
    const [from, to] = d.split('..');
    if (!to) return [d];
    const out: string[] = [];
    for (let t = Date.parse(from!); t <= Date.parse(to); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
    return out;
  });
}

const DECREES = {
  2025: {
    daysOff: ['2025-01-01..2025-01-08', '2025-02-23', '2025-03-08', '2025-05-01', '2025-05-02', '2025-05-08', '2025-05-09', '2025-06-12', '2025-06-13', '2025-11-03', '2025-11-04', '2025-12-31'],
    workingWeekendDays: ['2025-11-01'],
    shortened: ['2025-03-07', '2025-04-30', '2025-06-11'],
  },
  2026: {
    daysOff: ['2026-01-01..2026-01-09', '2026-02-23', '2026-03-09', '2026-05-01', '2026-05-11', '2026-06-12', '2026-11-04', '2026-12-31'],
    workingWeekendDays: [],
    shortened: ['2026-04-30', '2026-05-08', '2026-06-11', '2026-11-03'],
  },
  2027: {
    daysOff: ['2027-01-01..2027-01-08', '2027-02-22', '2027-02-23', '2027-03-08', '2027-05-03', '2027-05-10', '2027-06-14', '2027-11-04', '2027-11-05', '2027-12-31'],
    workingWeekendDays: ['2027-02-20'],
    shortened: ['2027-04-30', '2027-06-11', '2027-11-03'],
  },
} as const;

describe('production calendar ru: the decree facts', () => {
  it('Saturday 2025-11-01 is a working day with Monday hours; Monday 2025-11-03 is off (Sat Nov 1 ↔ Mon Nov 3)', () => {
    expect(dayOf('2025-11-01')).toMatchObject({ weekday: 'sat', businessDay: true, transferredWorkingDay: true, worksAs: 'mon' });
    expect(hoursOf('2025-11-01')).toEqual(['09:00-18:00']);
    expect(isWorkingTime(nso, at('2025-11-01 12:00', NSO))).toBe(true);
    expect(dayOf('2025-11-03')).toMatchObject({ weekday: 'mon', dayOff: true, holiday: true });
  });

  it('2026-01-09, 2026-03-09 and 2026-12-31 are days off', () => {
    for (const date of ['2026-01-09', '2026-03-09', '2026-12-31']) {
      expect(dayOf(date), date).toMatchObject({ dayOff: true, holiday: true, intervals: [] });
    }
    expect(nextOpening(nso, at('2026-01-08 12:00', NSO))).toBe(at('2026-01-12 09:00', NSO));
  });

  it('a shortened day ends an hour early where the tenant says so: Apr 30 2026 ends 17:00 for 09:00–18:00', () => {
    expect(dayOf('2026-04-30')).toMatchObject({ shortened: true, endsEarly: true, workingMinutes: 8 * 60 });
    expect(hoursOf('2026-04-30')).toEqual(['09:00-17:00']);
    expect(isWorkingTime(nso, at('2026-04-30 16:59', NSO))).toBe(true);
    expect(isWorkingTime(nso, at('2026-04-30 17:00', NSO))).toBe(false);
    // May 1–3 are off (holiday + weekend), so 17:00 on Apr 30 is followed by Mon May 4 09:00.
    expect(nextOpening(nso, at('2026-04-30 17:00', NSO))).toBe(at('2026-05-04 09:00', NSO));
  });

  it('a tenant whose calendar ignores shortened days keeps its full hours on them', () => {
    const ignoring = calendarWith(NSO, undefined, false);
    const view = businessCalendarView(ignoring, '2026-04-30', '2026-04-30').days[0]!;
    expect(view).toMatchObject({ shortened: true, endsEarly: false, workingMinutes: 9 * 60 });
  });

  for (const [year, facts] of Object.entries(DECREES)) {
    it(`${year}: every listed day off is off, every worked weekend day works, every shortened day ends 17:00`, () => {
      for (const date of expand([...facts.daysOff])) expect(dayOf(date), date).toMatchObject({ dayOff: true, holiday: true });
      for (const date of facts.workingWeekendDays) {
        expect(dayOf(date), date).toMatchObject({ businessDay: true, transferredWorkingDay: true });
      }
      for (const date of facts.shortened) {
        expect(dayOf(date), date).toMatchObject({ shortened: true, endsEarly: true });
        expect(hoursOf(date), date).toEqual(['09:00-17:00']);
      }
    });

    it(`${year}: no other date is special, and no other weekend day works`, () => {
      const view = businessCalendarView(nso, `${year}-01-01`, `${year}-12-31`).days;
      const off = new Set(expand([...facts.daysOff]));
      for (const day of view) {
        const weekend = day.weekday === 'sat' || day.weekday === 'sun';
        const working = (facts.workingWeekendDays as readonly string[]).includes(day.date) || (!weekend && !off.has(day.date));
        expect(day.businessDay, day.date).toBe(working);
        expect(day.shortened, day.date).toBe((facts.shortened as readonly string[]).includes(day.date));
      }
    });
  }

  it('2026 has no working Saturday', () => {
    const saturdays = businessCalendarView(nso, '2026-01-01', '2026-12-31').days.filter((d) => d.weekday === 'sat');
    expect(saturdays).toHaveLength(52);
    expect(saturdays.every((d) => d.dayOff)).toBe(true);
  });

  it('2025 and 2026 have 247 working days each on a five-day week; 2027 is marked provisional', () => {
    const count = (year: number) => businessCalendarView(nso, `${year}-01-01`, `${year}-12-31`).days.filter((d) => d.businessDay).length;
    expect(count(2025)).toBe(247);
    expect(count(2026)).toBe(247);
    expect(ru.years.get(2027)?.provisional).toBe(true);
    expect(dayOf('2027-06-01').provisional).toBe(true);
    expect(dayOf('2026-06-01').provisional).toBe(false);
  });
});

describe('production calendar ru: a year without data is an error naming the year', () => {
  const expectMissing = (fn: () => unknown, year: number, file = 'workflows/calendars/ru.yaml') => {
    let error: unknown;
    try {
      fn();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MissingCalendarYearError);
    expect((error as MissingCalendarYearError).year).toBe(year);
    expect((error as Error).message).toContain(`no data for ${year}`);
    expect((error as Error).message).toContain(file);
  };

  it('counting business days past the end of 2027 names 2028', () => {
    expectMissing(() => addBusinessTime(nso, at('2027-12-30 12:00', NSO), '5bd'), 2028);
    expectMissing(() => addBusinessTime(nso, at('2027-12-30 12:00', NSO), '20bh'), 2028);
    expectMissing(() => addBusinessTime(nso, at('2027-12-30 12:00', NSO), 'eobd+1'), 2028);
    expectMissing(() => nextOpening(nso, at('2027-12-30 18:00', NSO)), 2028);
  });

  it('an instant in 2024 names 2024, and a range reaching 2028 names 2028', () => {
    expectMissing(() => isWorkingTime(nso, at('2024-12-31 12:00', NSO)), 2024);
    expectMissing(() => businessTimeBetween(nso, at('2027-12-01 12:00', NSO), at('2028-01-15 12:00', NSO)), 2028);
    expectMissing(() => businessCalendarView(nso, '2027-12-30', '2028-01-02'), 2028);
  });

  it('the local date decides: 2027-12-31 20:00 UTC is already 2028 in Novosibirsk', () => {
    expectMissing(() => isWorkingTime(nso, Date.UTC(2027, 11, 31, 20, 0)), 2028);
  });

  it('a gap between years is not read as "every weekday works"', () => {
    const withoutYear2026 = parseProductionCalendar(ruSource.replace(/\n {2}2026:[\s\S]*?(?=\n {2}2027:)/, ''), 'gap.yaml');
    expect([...withoutYear2026.years.keys()]).toEqual([2025, 2027]);
    const gap = calendarWith(NSO, undefined, true, withoutYear2026);
    expectMissing(() => addBusinessTime(gap, at('2025-12-30 12:00', NSO), '1bd'), 2026, 'gap.yaml');
  });

  it('an administrator appending 2028 as the README says extends the arithmetic into 2028', () => {
    const with2028 = parseProductionCalendar(
      `${ruSource}
  2028:
    decree: test
    daysOff:
      - 2028-01-01..2028-01-08
    workingDays: {}
    shortenedDays: []
`,
      'ru.yaml',
    );
    const extended = calendarWith(NSO, undefined, true, with2028);
    // Thu Dec 30 2027 12:00 + 2bd: Dec 31 off, Jan 1–8 off, Jan 9 Sun → Mon Jan 10, Tue Jan 11.
    expect(local(addBusinessTime(extended, at('2027-12-30 12:00', NSO), '2bd'), NSO)).toBe('Tue 2028-01-11 12:00');
  });
});

describe('production calendar file format: problems name line and column', () => {
  const problemsOf = (source: string) => {
    try {
      parseProductionCalendar(source, 'cal.yaml');
    } catch (error) {
      expect(error).toBeInstanceOf(ProductionCalendarInvalidError);
      return (error as ProductionCalendarInvalidError).problems.map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}`);
    }
    throw new Error('expected the calendar to be invalid');
  };
  const year = (body: string) => `id: ru\nyears:\n  2026:\n${body}`;

  it('the shipped ru.yaml is valid and has 2025, 2026 and 2027', () => {
    expect([...ru.years.keys()]).toEqual([2025, 2026, 2027]);
    expect(ru.id).toBe('ru');
  });

  it('a date that does not exist', () => {
    expect(problemsOf(year('    daysOff: [2026-02-30]\n    workingDays: {}\n    shortenedDays: []\n'))).toEqual([
      '4:15 years.2026.daysOff[0]: "2026-02-30" is not a date YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD',
    ]);
  });

  it('a date of another year, a reversed range, a duplicate', () => {
    const problems = problemsOf(
      year('    daysOff:\n      - 2027-01-01\n      - 2026-01-08..2026-01-01\n      - 2026-05-01\n      - 2026-05-01\n    workingDays: {}\n    shortenedDays: []\n'),
    );
    expect(problems).toEqual([
      '5:9 years.2026.daysOff[0]: "2027-01-01" is not in 2026; each year lists only its own dates',
      '6:9 years.2026.daysOff[1]: range "2026-01-08..2026-01-01" ends before it starts',
      '8:9 years.2026.daysOff[3]: 2026-05-01 is listed twice in daysOff',
    ]);
  });

  it('a forgotten list is an error, not "none"', () => {
    expect(problemsOf(year('    daysOff: []\n    workingDays: {}\n'))).toEqual([
      '3:3 years.2026: year 2026 has no shortenedDays; write "shortenedDays: []" if there are none',
    ]);
  });

  it('a working weekday in workingDays, and a working Saturday without the weekday it replaces', () => {
    expect(problemsOf(year('    daysOff: []\n    workingDays:\n      2026-03-02: mon\n      2026-03-07: someday\n    shortenedDays: []\n'))).toEqual([
      '6:7 years.2026.workingDays.2026-03-02: 2026-03-02 is a weekday, which works anyway; workingDays lists Saturdays and Sundays made working days',
      '7:19 years.2026.workingDays.2026-03-07: say whose hours 2026-03-07 keeps: one of mon, tue, wed, thu, fri (the weekday it replaces)',
    ]);
  });

  it('a shortened day that is not a working day, and a date both off and worked', () => {
    const problems = problemsOf(
      year('    daysOff: [2026-03-09, 2026-03-07]\n    workingDays:\n      2026-03-07: mon\n    shortenedDays: [2026-03-09, 2026-03-08]\n'),
    );
    expect(problems).toEqual([
      '6:7 years.2026.workingDays: 2026-03-07 is both a day off and a working day',
      '7:21 years.2026.shortenedDays[0]: 2026-03-09 is not a working day (listed in daysOff), so it cannot be shortened',
      '7:33 years.2026.shortenedDays[1]: 2026-03-08 is not a working day (a weekend not listed in workingDays), so it cannot be shortened',
    ]);
  });

  it('unknown keys, a bad year and a missing id', () => {
    expect(problemsOf('years:\n  twenty:\n    daysOff: []\n  2026:\n    holidays: []\n    daysOff: []\n    workingDays: {}\n    shortenedDays: []\nversion: 2\n')).toEqual([
      '2:3 years: "twenty" is not a year; write years as 2026:',
      '5:5 years.2026.holidays: unknown key "holidays"; a year has decree, provisional, daysOff, workingDays, shortenedDays',
      '9:1 version: unknown key "version"; a production calendar has id, title, years',
      '1:1 : id is missing (e.g. id: ru)',
    ]);
  });

  it('YAML syntax errors and duplicate keys carry their position', () => {
    expect(problemsOf('id: ru\nyears:\n  2026:\n    daysOff: [2026-01-01\n')[0]).toMatch(/^5:1 : /);
    expect(problemsOf('id: ru\nid: ru\nyears: {}\n')).toEqual(['2:1 : Map keys must be unique']);
  });

  it('the id must match the file name when loaded as <id>.yaml', () => {
    expect(() => parseProductionCalendar('id: kz\nyears: {}\n', 'workflows/calendars/ru.yaml', 'ru')).toThrow(
      /workflows\/calendars\/ru\.yaml:1:1: id: id "kz" must match the file name \(ru\.yaml\)/,
    );
  });
});
