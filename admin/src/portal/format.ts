/**
 * Words for what the API answers in codes: statuses, deadline kinds, intake fields (from the
 * tenant's workflow), and
 * instants in the tenant's own time zone with its UTC offset («25.11.2026 18:00 (UTC+7)»),
 * whatever time zone the requester's browser is in.
 */

export type FieldLabels = ReadonlyArray<{ field: string; label: string }> | undefined;

/** A field's words as the desk's workflow and letters name them (`Tenant.fieldLabels`), for a sentence. */
export function fieldWords(labels: FieldLabels, field: string): string {
  return labels?.find((l) => l.field === field)?.label ?? field;
}

/** The same words as a form label. */
export function fieldLabel(labels: FieldLabels, field: string): string {
  const words = fieldWords(labels, field);
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Fields the requester attaches as files (the API takes their names for now). */
export const fileFields = new Set(['screenshots', 'errorLogs', 'video']);
/** Fields that take several lines of text. */
export const longFields = new Set(['description', 'steps', 'reportParams', 'errorText']);

export const statusWords: Record<string, string> = {
  new: 'Зарегистрировано',
  open: 'В работе',
  waiting_customer: 'Ожидает ваших сведений',
  resolved: 'Решено',
  closed: 'Закрыто',
};

/** How a deadline reads: «<phrase> до <date>». */
const deadlinePhrases: Record<string, string> = {
  answer: 'ответ будет дан',
  reaction: 'обращение будет взято в работу',
  preliminary: 'предварительный ответ будет дан',
  final: 'окончательный ответ будет дан',
  resolution: 'решение будет предоставлено',
  solution: 'решение будет предоставлено',
};

export function deadlineWords(deadline: { kind: string; dueAt: string | null; metAt: string | null; breached: boolean; pausedAt?: string | null }, timeZone: string): string {
  const phrase = deadlinePhrases[deadline.kind] ?? `срок «${deadline.kind}»`;
  if (deadline.metAt) return `${capitalize(phrase.replace(/ будет (дан|взято|предоставлено)/, (_m, verb: string) => ` ${pastOf(verb)}`))} ${formatInstant(deadline.metAt, timeZone)}`;
  if (!deadline.dueAt) return `${capitalize(phrase)}: срок приостановлен`;
  const due = `${capitalize(phrase)} до ${formatInstant(deadline.dueAt, timeZone)}`;
  if (deadline.pausedAt) return `${due} — срок приостановлен`;
  return deadline.breached ? `${due} — срок нарушен` : due;
}

function pastOf(verb: string): string {
  return verb === 'дан' ? 'дан' : verb === 'взято' ? 'взято' : 'предоставлено';
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A fixed offset such as "+06:00" (SIN-7 names one), in minutes; null for an IANA name. */
function fixedOffset(timeZone: string): number | null {
  const match = /^([+-])(\d\d):?(\d\d)$/.exec(timeZone);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : null;
}

/**
 * An Intl time zone for `timeZone`: older browsers know no offsets like "+06:00", so a
 * fixed offset is read as UTC shifted by hand (see callers).
 */
function intlZone(timeZone: string): string {
  return fixedOffset(timeZone) === null ? timeZone : 'UTC';
}

/** The calendar date of `iso` in `timeZone` («29.11.2026»; `locale` sets the form). */
export function formatDate(iso: string, timeZone: string, locale = 'ru-RU'): string {
  const date = new Date(new Date(iso).getTime() + (fixedOffset(timeZone) ?? 0) * 60_000);
  return new Intl.DateTimeFormat(locale, { timeZone: intlZone(timeZone), dateStyle: 'short' }).format(date);
}

/** «25.11.2026 18:00 (UTC+7)» in `timeZone`. */
export function formatInstant(iso: string, timeZone: string): string {
  const instant = new Date(iso);
  const date = new Date(instant.getTime() + (fixedOffset(timeZone) ?? 0) * 60_000);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('ru-RU', {
      timeZone: intlZone(timeZone),
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.day}.${parts.month}.${parts.year} ${parts.hour}:${parts.minute} (${utcOffset(instant, timeZone)})`;
}

/** «UTC+7», «UTC+3», «UTC+5:30» for `timeZone` at `date`. */
export function utcOffset(date: Date, timeZone: string): string {
  const minutes = offsetMinutes(date, timeZone);
  if (minutes === 0) return 'UTC';
  const sign = minutes > 0 ? '+' : '−';
  const abs = Math.abs(minutes);
  return `UTC${sign}${Math.floor(abs / 60)}${abs % 60 ? `:${String(abs % 60).padStart(2, '0')}` : ''}`;
}

function offsetMinutes(date: Date, timeZone: string): number {
  const fixed = fixedOffset(timeZone);
  if (fixed !== null) return fixed;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
}

/**
 * A `datetime-local` value ("2026-11-25T18:00") read as a wall-clock time in `timeZone`, as
 * an ISO instant: the requester names times as the desk's regulation counts them.
 */
export function zonedLocalToIso(local: string, timeZone: string): string {
  const [datePart, timePart = '00:00'] = local.split('T');
  const [y, m, d] = datePart.split('-').map(Number);
  const [hh, mm] = timePart.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  // The offset at the guessed instant, then once more at the corrected one (DST edges).
  let instant = wall - offsetMinutes(new Date(wall), timeZone) * 60_000;
  instant = wall - offsetMinutes(new Date(instant), timeZone) * 60_000;
  return new Date(instant).toISOString();
}

export const actStatusWords: Record<string, string> = {
  issued: 'ожидает вашего решения',
  overdue: 'срок рассмотрения истёк',
  approved: 'утверждён',
  refused: 'отклонён',
  agreed: 'согласован',
};

export const actKindWords: Record<string, string> = {
  acceptance: 'Акт сдачи-приёмки',
  rework: 'Акт доработки',
};

export const channelWords: Record<string, string> = {
  email: 'Электронная почта',
  phone: 'Телефон',
  web: 'Веб-форма',
  portal: 'Портал',
  telegram: 'Telegram',
};

/** Requester events in the requester's words; an event of a workflow's own takes its title. */
export const eventWords: Record<string, string> = {
  REOPEN: 'Вернуть обращение в работу',
  CONFIRM: 'Подтвердить решение',
  PROVIDE_INFO: 'Сообщить, что сведения предоставлены',
  NAME_DATE: 'Сообщить срок предоставления сведений',
  APPROVE_ACT: 'Утвердить акт',
  REFUSE_ACT: 'Отказать в приёмке',
  COMPLAIN: 'Подать жалобу',
};

export const directionWords: Record<string, string> = {
  in: 'Вы',
  out: 'Служба поддержки',
};

/** «Asia/Novosibirsk, UTC+7», or just «UTC+6» for a fixed offset. */
export function zoneWords(timeZone: string, at = new Date()): string {
  return fixedOffset(timeZone) === null ? `${timeZone}, ${utcOffset(at, timeZone)}` : utcOffset(at, timeZone);
}

export const closeReasonWords: Record<string, string> = {
  resolved: 'вопрос решён',
  stale: 'недостающие сведения не поступили в срок',
  reopen_window_expired: 'срок возврата обращения в работу истёк',
  no_contract: 'нет действующего договора на поддержку',
  insufficient_info: 'недостаточно сведений',
  out_of_scope: 'вопрос вне рамок поддержки',
  incorrect_question: 'некорректно поставленный вопрос',
};
