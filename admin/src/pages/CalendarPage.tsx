import { Box, Card, CardContent, CardHeader, MenuItem, Stack, TextField, Tooltip, Typography } from '@mui/material';
import { gql } from '@apollo/client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useGetList, useTranslate } from 'react-admin';
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
const pad = (n: number) => String(n).padStart(2, '0');

const dayColor = (d: Day) =>
  d.holiday ? 'error.light' : d.dayOff ? 'grey.300' : d.transferredWorkingDay ? 'info.light' : d.shortened || d.endsEarly ? 'warning.light' : 'success.light';

/** A desk's business calendar month by month: working days, days off, holidays, transfers, shortened days. */
export const CalendarPage = () => {
  const translate = useTranslate();
  const { data: tenants } = useGetList('tenants', { pagination: { page: 1, perPage: 100 }, sort: { field: 'title', order: 'ASC' } });
  const today = new Date(serverNow());
  const [tenantId, setTenantId] = useState<string>('');
  const [month, setMonth] = useState(`${today.getUTCFullYear()}-${pad(today.getUTCMonth() + 1)}`);
  const chosen = tenantId || String(tenants?.[0]?.id ?? '');
  const [year, mon] = month.split('-').map(Number);
  const last = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  const calendar = useQuery({
    queryKey: ['businessCalendar', chosen, month],
    enabled: Boolean(chosen),
    queryFn: async () => {
      const { data } = await apolloClient.query<{ businessCalendar: { timezone: string; productionCalendar: string; days: Day[] } }>({
        query: BUSINESS_CALENDAR,
        variables: { tenantId: chosen, from: `${month}-01`, to: `${month}-${pad(last)}` },
        fetchPolicy: 'no-cache',
      });
      return data.businessCalendar;
    },
  });
  const days = calendar.data?.days ?? [];
  const lead = days.length ? WEEKDAYS.indexOf(days[0].weekday) : 0;
  const hours = days.reduce((sum, d) => sum + d.workingMinutes, 0) / 60;
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('calendar.title')} />
      <CardHeader
        title={translate('calendar.title')}
        subheader={calendar.data ? `${calendar.data.productionCalendar} · ${calendar.data.timezone}` : undefined}
      />
      <CardContent>
        <Stack direction="row" spacing={2} sx={{ mb: 2 }}>
          <TextField select label={translate('resources.tickets.fields.tenantId')} value={chosen} onChange={(e) => setTenantId(e.target.value)} sx={{ minWidth: 320 }}>
            {(tenants ?? []).map((t) => (
              <MenuItem key={t.id} value={t.id}>
                {t.title}
              </MenuItem>
            ))}
          </TextField>
          <TextField type="month" label={translate('calendar.month')} value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
        </Stack>
        <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(70px, 1fr))', gap: 0.5, maxWidth: 700 }}>
          {WEEKDAYS.map((w) => (
            <Typography key={w} variant="caption" color="text.secondary" align="center">
              {translate(`calendar.weekdays.${w}`)}
            </Typography>
          ))}
          {Array.from({ length: lead }, (_, i) => (
            <Box key={`lead-${i}`} />
          ))}
          {days.map((d) => {
            const notes = [
              d.holiday && translate('calendar.holiday'),
              d.dayOff && !d.holiday && translate('calendar.day_off'),
              d.transferredWorkingDay && translate('calendar.transferred'),
              (d.shortened || d.endsEarly) && translate('calendar.shortened'),
              d.provisional && translate('calendar.provisional'),
            ].filter(Boolean);
            return (
              <Tooltip key={d.date} title={notes.join(', ') || translate('calendar.working')}>
                <Box data-date={d.date} data-business={d.businessDay} sx={{ bgcolor: dayColor(d), borderRadius: 1, p: 0.75, minHeight: 52, opacity: d.provisional ? 0.7 : 1 }}>
                  <Typography variant="body2" sx={{ fontWeight: 600 }}>
                    {Number(d.date.slice(8))}
                  </Typography>
                  <Typography variant="caption">{d.workingMinutes ? `${d.workingMinutes / 60} ${translate('calendar.hours_short')}` : ''}</Typography>
                </Box>
              </Tooltip>
            );
          })}
        </Box>
        {days.length > 0 && (
          <Typography variant="body2" sx={{ mt: 2 }}>
            {translate('calendar.summary', { days: days.filter((d) => d.businessDay).length, hours })}
          </Typography>
        )}
        {calendar.isError && (
          <Typography color="error" variant="body2">
            {String((calendar.error as Error).message)}
          </Typography>
        )}
      </CardContent>
    </Card>
  );
};
