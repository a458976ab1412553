import { Box, Card, CardContent, CardHeader, MenuItem, Stack, TextField, Tooltip, Typography } from '@mui/material';
import { gql } from '@apollo/client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useGetList, useLocaleState, useTranslate } from 'react-admin';
import { apolloClient } from '../providers/apolloClient';
import { serverNow } from '../live/serverClock';

const BUSINESS_CALENDAR = gql`
  query BusinessCalendar($tenantId: ID!, $from: String!, $to: String!) {
    businessCalendar(tenantId: $tenantId, from: $from, to: $to) {
      timezone
      productionCalendar
      days {
        date
        weekday
        businessDay
        dayOff
        holiday
        shortened
        endsEarly
        transferredWorkingDay
        provisional
        workingMinutes
      }
    }
  }
`;

interface Day {
  date: string;
  weekday: string;
  businessDay: boolean;
  dayOff: boolean;
  holiday: boolean;
  shortened: boolean;
  endsEarly: boolean;
  transferredWorkingDay: boolean;
  provisional: boolean;
  workingMinutes: number;
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

const dayColor = (d: Day) =>
  d.holiday ? 'error.light' : d.dayOff ? 'grey.300' : d.transferredWorkingDay ? 'info.light' : d.shortened || d.endsEarly ? 'warning.light' : 'success.light';

/** A day's notes in words: what makes it other than an ordinary working day. */
const useDayNotes = () => {
  const translate = useTranslate();
  return (d: Day) =>
    [
      d.holiday && translate('calendar.holiday'),
      d.dayOff && !d.holiday && translate('calendar.day_off'),
      d.transferredWorkingDay && translate('calendar.transferred'),
      (d.shortened || d.endsEarly) && translate('calendar.shortened'),
      d.provisional && translate('calendar.provisional'),
    ].filter(Boolean).join(', ') || translate('calendar.working');
};

const LEGEND: Array<{ key: string; sample: Pick<Day, 'holiday' | 'dayOff' | 'transferredWorkingDay' | 'shortened' | 'endsEarly'> }> = [
  { key: 'working', sample: { holiday: false, dayOff: false, transferredWorkingDay: false, shortened: false, endsEarly: false } },
  { key: 'shortened', sample: { holiday: false, dayOff: false, transferredWorkingDay: false, shortened: true, endsEarly: false } },
  { key: 'transferred', sample: { holiday: false, dayOff: false, transferredWorkingDay: true, shortened: false, endsEarly: false } },
  { key: 'day_off', sample: { holiday: false, dayOff: true, transferredWorkingDay: false, shortened: false, endsEarly: false } },
  { key: 'holiday', sample: { holiday: true, dayOff: true, transferredWorkingDay: false, shortened: false, endsEarly: false } },
];

/** One month of the year: its days on a Monday-first grid, coloured by kind, with hours. */
const MonthGrid = ({ month, days }: { month: number; days: Day[] }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const notes = useDayNotes();
  const lead = days.length ? WEEKDAYS.indexOf(days[0].weekday) : 0;
  const name = new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, month - 1, 1)));
  const business = days.filter((d) => d.businessDay);
  return (
    <Box component="section" aria-label={name} data-month={month}>
      <Typography variant="subtitle2" component="h3" sx={{ textTransform: 'capitalize' }}>
        {name}
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 0.25 }}>
        {WEEKDAYS.map((w) => (
          <Typography key={w} variant="caption" color="text.secondary" align="center">
            {translate(`calendar.weekdays.${w}`)}
          </Typography>
        ))}
        {Array.from({ length: lead }, (_, i) => (
          <Box key={`lead-${i}`} />
        ))}
        {days.map((d) => (
          <Tooltip key={d.date} title={`${notes(d)}${d.workingMinutes ? ` · ${d.workingMinutes / 60} ${translate('calendar.hours_short')}` : ''}`}>
            <Box
              data-date={d.date}
              data-business={d.businessDay}
              sx={{ bgcolor: dayColor(d), borderRadius: 0.5, textAlign: 'center', fontSize: 12, lineHeight: '22px', opacity: d.provisional ? 0.7 : 1 }}
            >
              {Number(d.date.slice(8))}
              {(d.shortened || d.endsEarly) && d.businessDay ? '*' : ''}
            </Box>
          </Tooltip>
        ))}
      </Box>
      <Typography variant="caption" color="text.secondary">
        {translate('calendar.summary', { days: business.length, hours: business.reduce((sum, d) => sum + d.workingMinutes, 0) / 60 })}
      </Typography>
    </Box>
  );
};

/**
 * A desk's business year (issue 6 §8): twelve months of working days, days off, holidays,
 * transferred and shortened days (marked *), from `businessCalendar` on the desk's own
 * working hours, with the year's totals.
 */
export const CalendarPage = () => {
  const translate = useTranslate();
  const { data: tenants } = useGetList('tenants', { pagination: { page: 1, perPage: 100 }, sort: { field: 'title', order: 'ASC' } });
  const [tenantId, setTenantId] = useState<string>('');
  const [year, setYear] = useState(new Date(serverNow()).getUTCFullYear());
  const chosen = tenantId || String(tenants?.[0]?.id ?? '');
  const calendar = useQuery({
    queryKey: ['businessCalendar', chosen, year],
    enabled: Boolean(chosen),
    queryFn: async () => {
      const { data } = await apolloClient.query<{ businessCalendar: { timezone: string; productionCalendar: string; days: Day[] } }>({
        query: BUSINESS_CALENDAR,
        variables: { tenantId: chosen, from: `${year}-01-01`, to: `${year}-12-31` },
        fetchPolicy: 'no-cache',
      });
      return data.businessCalendar;
    },
  });
  const days = calendar.data?.days ?? [];
  const business = days.filter((d) => d.businessDay);
  const hours = business.reduce((sum, d) => sum + d.workingMinutes, 0) / 60;
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('calendar.title')} />
      <CardHeader
        title={translate('calendar.title')}
        subheader={calendar.data ? `${calendar.data.productionCalendar} · ${calendar.data.timezone}` : undefined}
      />
      <CardContent>
        <Stack direction="row" spacing={2} sx={{ mb: 2, flexWrap: 'wrap', alignItems: 'center' }} useFlexGap>
          <TextField select label={translate('resources.tickets.fields.tenantId')} value={chosen} onChange={(e) => setTenantId(e.target.value)} sx={{ minWidth: 320 }}>
            {(tenants ?? []).map((t) => (
              <MenuItem key={t.id} value={t.id}>
                {t.title}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            type="number"
            label={translate('calendar.year')}
            value={year}
            onChange={(e) => Number(e.target.value) > 1990 && setYear(Number(e.target.value))}
            sx={{ width: 120 }}
          />
          {LEGEND.map(({ key, sample }) => (
            <Stack key={key} direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
              <Box sx={{ width: 14, height: 14, borderRadius: 0.5, bgcolor: dayColor(sample as Day) }} />
              <Typography variant="caption">{translate(`calendar.${key}`)}</Typography>
            </Stack>
          ))}
        </Stack>
        {days.length > 0 && (
          <Typography variant="body2" sx={{ mb: 2 }} data-testid="year-summary">
            {translate('calendar.year_summary', { year, days: business.length, hours })}
          </Typography>
        )}
        <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 3 }}>
          {Array.from({ length: 12 }, (_, i) => (
            <MonthGrid key={i} month={i + 1} days={days.filter((d) => Number(d.date.slice(5, 7)) === i + 1)} />
          ))}
        </Box>
        {calendar.isError && (
          <Typography color="error" variant="body2">
            {String((calendar.error as Error).message)}
          </Typography>
        )}
      </CardContent>
    </Card>
  );
};
