/**
 * Instants as a desk sees them: in the tenant's time zone with the zone written out
 * ("23.11.2026, 14:00 UTC+7"), whatever zone the agent's browser is in. Deadlines of a
 * regulation are promises in the desk's local time, so any other zone would mislead.
 */
export const DATE_LOCALES: Record<string, string> = { ru: 'ru-RU', en: 'en-GB' };

/** "UTC+7", "UTC+5:30", "UTC" for the zone at that instant (offsets change with DST). */
export function zoneLabel(at: Date, timeZone: string): string {
  const part = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'shortOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName');
  return (part?.value ?? timeZone).replace(/^GMT/, 'UTC');
}

export function formatInZone(iso: string | Date, timeZone: string | undefined, locale = 'ru'): string {
  const at = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(at.getTime())) return String(iso);
  const text = new Intl.DateTimeFormat(DATE_LOCALES[locale] ?? locale, {
    dateStyle: 'short',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(at);
  return timeZone ? `${text} ${zoneLabel(at, timeZone)}` : text;
}
