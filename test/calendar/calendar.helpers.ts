// Shared helpers of the calendar tests: the shipped production calendar, the five tenants'
// business calendars read straight from their workflow files (the `calendar` section and
// `tenant.timezone`, no workflow loader), and readable instants.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import { parse } from 'yaml';
import {
  businessCalendarOf,
  parseProductionCalendar,
  type BusinessCalendar,
  type ProductionCalendar,
} from '../../server/src/calendar/index.js';
import type { CalendarSection } from '../../server/src/workflow/workflow.types.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');
export const workflowsDir = path.join(repoRoot, 'workflows');
export const ruFile = path.join(workflowsDir, 'calendars', 'ru.yaml');

export const ruSource = readFileSync(ruFile, 'utf8');
export const ru: ProductionCalendar = parseProductionCalendar(ruSource, ruFile, 'ru');

export interface TenantCalendarSource {
  tenant: string;
  timezone: string;
  section: CalendarSection;
}

/** `calendar` and `tenant.timezone` of every workflows/*.yaml, by tenant id. */
export function shippedTenantCalendars(): TenantCalendarSource[] {
  return readdirSync(workflowsDir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => {
      const file = parse(readFileSync(path.join(workflowsDir, name), 'utf8')) as {
        tenant: { id: string; timezone: string };
        calendar: CalendarSection;
      };
      return { tenant: file.tenant.id, timezone: file.tenant.timezone, section: file.calendar };
    });
}

export function tenantCalendar(tenant: string): BusinessCalendar {
  const source = shippedTenantCalendars().find((t) => t.tenant === tenant);
  if (!source) throw new Error(`no workflows/${tenant}.yaml`);
  return businessCalendarOf(source.section, source.timezone, ru);
}

const weekdays = (hours: string[]): CalendarSection['workingHours'] => ({ mon: hours, tue: hours, wed: hours, thu: hours, fri: hours });

export function calendarWith(
  timezone: string,
  workingHours: CalendarSection['workingHours'] = weekdays(['09:00-18:00']),
  shortenedDaysEndEarly = true,
  production: ProductionCalendar = ru,
): BusinessCalendar {
  return businessCalendarOf({ production: production.id, workingHours, shortenedDaysEndEarly }, timezone, production);
}

export { weekdays };

/** An instant from a local date-time in a zone: `at('2026-04-30 17:00', 'Asia/Novosibirsk')`. */
export function at(local: string, zone: string): number {
  const zoneName = /^[+-]\d{2}:\d{2}$/.test(zone) ? `UTC${zone}` : zone;
  const dt = DateTime.fromFormat(local, 'yyyy-MM-dd HH:mm', { zone: zoneName });
  if (!dt.isValid) throw new Error(`bad local time ${local} in ${zone}: ${dt.invalidExplanation}`);
  return dt.toMillis();
}

/** An instant as a local date-time with weekday, for readable expectations. */
export function local(instant: number, zone: string): string {
  const zoneName = /^[+-]\d{2}:\d{2}$/.test(zone) ? `UTC${zone}` : zone;
  return DateTime.fromMillis(instant, { zone: zoneName }).toFormat('ccc yyyy-MM-dd HH:mm');
}

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
