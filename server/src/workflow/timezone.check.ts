// Time zone names of workflow files. A region either has an IANA zone (its rules may change,
// the database follows them) or, when its regulation states only an offset (SIN-7: "UTC+6"),
// a fixed offset that never changes.

const FIXED_OFFSET = /^[+-](?:0\d|1[0-4]):[0-5]\d$/;

export function isFixedOffset(timezone: string): boolean {
  return FIXED_OFFSET.test(timezone);
}

export function isValidTimezone(timezone: string): boolean {
  if (isFixedOffset(timezone)) return true;
  // Intl knows the same IANA database as luxon; an offset-looking string that failed the
  // fixed-offset rule above (e.g. "+6") is rejected here too, as newer ICU versions would
  // otherwise accept some offset spellings.
  if (/^[+-]/.test(timezone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

export const TIMEZONE_HELP = 'an IANA time zone such as "Asia/Novosibirsk" or a fixed offset such as "+06:00"';
