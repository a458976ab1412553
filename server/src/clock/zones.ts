/**
 * Time zones as workflow files write them: an IANA name (Asia/Novosibirsk) or a fixed
 * offset (+06:00, as the Sintez regulation says UTC+6).
 */
import { DateTime } from 'luxon';

export function toLuxonZone(timezone: string): string {
  const fixed = /^([+-])(\d{2}):?(\d{2})$/.exec(timezone);
  if (!fixed) return timezone;
  const [, sign, hh, mm] = fixed;
  return mm === '00' ? `UTC${sign}${Number(hh)}` : `UTC${sign}${Number(hh)}:${mm}`;
}

export function localDateIn(timezone: string, instant: Date): { year: number; month: number; day: number } {
  const local = DateTime.fromJSDate(instant, { zone: toLuxonZone(timezone) });
  return { year: local.year, month: local.month, day: local.day };
}
