/**
 * `{{ticket.number}}`-style placeholders for the workflow file's letter templates. Only
 * lookups, no logic: administrators write templates, and a template must not be able to run
 * anything. A missing value renders as an empty string.
 *
 * One filter: `{{data.finalDueAt | datetime}}` writes an instant as the requester reads it,
 * in the tenant's time zone (`scope.tenant.timezone`): `25.11.2026 10:00 (UTC+7)`.
 */
import { DateTime } from 'luxon';

export function renderTemplate(template: string, scope: Record<string, unknown>): string {
  return template.replace(/\{\{\s*([\w.]+)\s*(?:\|\s*(datetime)\s*)?\}\}/g, (_, path: string, filter?: string) => {
    let value: unknown = scope;
    for (const key of path.split('.')) {
      value = value != null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    }
    if (value == null) return '';
    if (filter === 'datetime') return localDateTime(value, (scope.tenant as { timezone?: string } | undefined)?.timezone);
    if (value instanceof Date) return value.toISOString();
    if (Array.isArray(value)) return value.map(String).join(', ');
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  });
}

/** An instant in the tenant's zone, with the offset spelled out: requesters live in several zones. */
export function localDateTime(value: unknown, timezone = 'UTC'): string {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms)) return String(value);
  const zone = /^[+-]\d{2}:\d{2}$/.test(timezone) ? `UTC${timezone}` : timezone;
  const local = DateTime.fromMillis(ms, { zone });
  const offset = local.offset === 0 ? 'UTC' : `UTC${local.toFormat('ZZ').replace(/^([+-])0?(\d+):00$/, '$1$2')}`;
  return `${local.toFormat('dd.MM.yyyy HH:mm')} (${offset})`;
}
