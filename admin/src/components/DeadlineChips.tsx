import { Chip, Stack, Tooltip } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { useServerNow } from '../live/serverClock';
import { formatInZone } from './zonedTime';

export interface Deadline {
  kind: string;
  dueAt: string | null;
  pausedAt: string | null;
  metAt: string | null;
  breached: boolean;
}

const HOUR = 3_600_000;
/**
 * With this much time left or less a running deadline turns amber. The same 4 hours are the
 * server's "SLA at risk" window (`SLA_AT_RISK_WITHIN_MS` in server/src/sla/sla.risk.ts): the
 * list's «SLA под угрозой» filter keeps exactly the tickets with an amber or red running clock.
 * Change both together.
 */
export const AMBER_BELOW_MS = 4 * HOUR;

/** "2 д 3 ч", "3 ч 20 мин", "15 мин": the largest two units. */
export const formatSpan = (ms: number, translate: (key: string, options?: object) => string) => {
  const minutes = Math.max(0, Math.round(Math.abs(ms) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts: string[] = [];
  if (days) parts.push(translate('deadlines.units.d', { n: days }));
  if (hours) parts.push(translate('deadlines.units.h', { n: hours }));
  if (!days && (mins || parts.length === 0)) parts.push(translate('deadlines.units.m', { n: mins }));
  return parts.slice(0, 2).join(' ');
};

export type DeadlineTone = 'success' | 'warning' | 'error' | 'default';

export const deadlineTone = (deadline: Deadline, now: number): DeadlineTone => {
  if (deadline.breached) return 'error';
  if (deadline.metAt || !deadline.dueAt) return 'default';
  const left = new Date(deadline.dueAt).getTime() - now;
  if (left <= 0) return 'error';
  if (deadline.pausedAt) return 'default';
  return left > AMBER_BELOW_MS ? 'success' : 'warning';
};

/**
 * A ticket's SLA clocks as countdown chips: green with more than 4 hours left, amber with
 * less, red once breached (marked «просрочен»). A met clock is grey with a tick, a paused
 * one says so. The full due time is in the tooltip, in `timeZone` (the tenant's) when given.
 */
export const DeadlineChips = ({
  deadlines,
  timeZone,
  openOnly = false,
}: {
  deadlines?: Deadline[] | null;
  timeZone?: string;
  /** Only clocks still running or breached (for the list). */
  openOnly?: boolean;
}) => {
  const now = useServerNow();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const shown = (deadlines ?? []).filter((d) => !openOnly || (!d.metAt && d.dueAt) || d.breached);
  if (shown.length === 0) return null;
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {shown.map((d) => {
        const tone = deadlineTone(d, now);
        const kind = translate(`deadlines.kinds.${d.kind}`, { _: d.kind });
        let text: string;
        if (d.metAt) text = `${kind}: ${translate('deadlines.met')}${d.breached ? `, ${translate('deadlines.breached')}` : ''}`;
        else if (!d.dueAt) text = `${kind}: —`;
        else {
          const left = new Date(d.dueAt).getTime() - now;
          text =
            left > 0 && !d.breached
              ? `${kind}: ${formatSpan(left, translate)}`
              : `${kind}: ${translate('deadlines.breached')} ${formatSpan(left, translate)}`;
          if (d.pausedAt) text += ` (${translate('deadlines.paused')})`;
        }
        const title = d.dueAt
          ? `${translate('deadlines.due')}: ${formatInZone(d.dueAt, timeZone, locale)}`
          : kind;
        return (
          <Tooltip key={d.kind} title={title}>
            <Chip
              size="small"
              color={tone}
              variant={tone === 'default' ? 'outlined' : 'filled'}
              label={text}
              data-deadline={d.kind}
              data-tone={tone}
            />
          </Tooltip>
        );
      })}
    </Stack>
  );
};
