import { describe, expect, it } from 'vitest';
import { businessCalendarView, CalendarArgumentError, MAX_VIEW_DAYS } from '../../server/src/calendar/index.js';
import { at, tenantCalendar } from './calendar.helpers.js';

const MSK = 'Europe/Moscow';
const rbt = tenantCalendar('rusbitech');

describe('businessCalendarView: what a UI draws for businessCalendar(tenantId, from, to)', () => {
  it('RBT-6 10:00–18:00 MSK around Nov 4 2025: a worked Saturday, a swapped Monday, a holiday', () => {
    const view = businessCalendarView(rbt, '2025-10-31', '2025-11-05');
    expect(view).toMatchObject({ timezone: 'Europe/Moscow', productionCalendar: 'ru', from: '2025-10-31', to: '2025-11-05' });
    expect(view.days.map((d) => [d.date, d.weekday, d.businessDay, d.holiday, d.transferredWorkingDay, d.workingMinutes])).toEqual([
      ['2025-10-31', 'fri', true, false, false, 480],
      ['2025-11-01', 'sat', true, false, true, 480],
      ['2025-11-02', 'sun', false, false, false, 0],
      ['2025-11-03', 'mon', false, true, false, 0],
      ['2025-11-04', 'tue', false, true, false, 0],
      ['2025-11-05', 'wed', true, false, false, 480],
    ]);
    expect(view.days[1]!.intervals).toEqual([{ start: at('2025-11-01 10:00', MSK), end: at('2025-11-01 18:00', MSK) }]);
    expect(view.days[1]!.worksAs).toBe('mon');
  });

  it('RBT-6 a shortened day shows its early close and why', () => {
    const day = businessCalendarView(rbt, '2026-11-03', '2026-11-03').days[0]!;
    expect(day).toMatchObject({ shortened: true, endsEarly: true, workingMinutes: 420, provisional: false });
    expect(day.intervals).toEqual([{ start: at('2026-11-03 10:00', MSK), end: at('2026-11-03 17:00', MSK) }]);
  });

  it('refuses bad dates, reversed and oversized ranges', () => {
    expect(() => businessCalendarView(rbt, '2026-02-30', '2026-03-01')).toThrow(CalendarArgumentError);
    expect(() => businessCalendarView(rbt, '2026-03-02', '2026-03-01')).toThrow(/before from/);
    expect(() => businessCalendarView(rbt, '2025-01-01', '2026-12-31')).toThrow(new RegExp(`at most ${MAX_VIEW_DAYS} days`));
  });
});
