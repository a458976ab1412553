// The zone clock caches offsets per UTC day instead of asking luxon (Intl) per call; it must
// agree with luxon everywhere, including the switching days and half-hour DST zones.

import fc from 'fast-check';
import { Info } from 'luxon';
import { describe, expect, it } from 'vitest';
import { zoneClockOf } from '../../server/src/calendar/zone-clock.js';
import { CalendarConfigError } from '../../server/src/calendar/index.js';
import { toLuxonZone } from '../../server/src/clock/zones.js';

const ZONES = ['Europe/Berlin', 'Europe/Moscow', 'Asia/Novosibirsk', 'Australia/Lord_Howe', 'America/Santiago', '+06:00', '-03:30'];

describe('zone clock', () => {
  for (const zone of ZONES) {
    it(`${zone}: offsetAt agrees with luxon over 2025–2027, switching days included`, () => {
      const clock = zoneClockOf(zone);
      const reference = Info.normalizeZone(toLuxonZone(zone))!;
      fc.assert(
        fc.property(fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) }), (t) => {
          expect(clock.offsetAt(t)).toBe(reference.offset(t) * 60_000);
        }),
        { numRuns: 300 },
      );
      // Every quarter hour of every day on which the offset changes, and a second either side.
      const DAY = 86_400_000;
      const QUARTER = 900_000;
      for (let day = Date.UTC(2025, 0, 1); day < Date.UTC(2028, 0, 1); day += DAY) {
        if (reference.offset(day) === reference.offset(day + DAY)) continue;
        for (let t = day; t <= day + DAY; t += QUARTER) {
          for (const probe of [t - 1000, t, t + 1000]) {
            expect(clock.offsetAt(probe), new Date(probe).toISOString()).toBe(reference.offset(probe) * 60_000);
          }
        }
      }
    });
  }

  it('instantOfWall: first occurrence of a repeated time, the jump for a skipped one', () => {
    const berlin = zoneClockOf('Europe/Berlin');
    const wall = (iso: string) => Date.parse(`${iso}Z`);
    expect(berlin.instantOfWall(wall('2026-10-25T02:30'))).toBe(Date.parse('2026-10-25T00:30Z')); // 02:30 CEST
    expect(berlin.instantOfWall(wall('2026-03-29T02:30'))).toBe(Date.parse('2026-03-29T01:00Z')); // jump to 03:00 CEST
    expect(berlin.instantOfWall(wall('2026-07-01T12:00'))).toBe(Date.parse('2026-07-01T10:00Z'));
    expect(zoneClockOf('+06:00').instantOfWall(wall('2026-07-01T12:00'))).toBe(Date.parse('2026-07-01T06:00Z'));
  });

  it('refuses unknown zones and malformed offsets', () => {
    expect(() => zoneClockOf('Asia/Atlantis')).toThrow(CalendarConfigError);
    expect(() => zoneClockOf('+6')).toThrow(/\+HH:MM/);
    expect(() => zoneClockOf('UTC+6:00:00')).toThrow(CalendarConfigError);
  });
});
