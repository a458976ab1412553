import { Box, Typography, useTheme } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from 'recharts';
import { DATE_LOCALES } from '../../components/zonedTime';
import { formatDate } from '../../portal/format';
import { ChartCard } from './ChartCard';
import type { DeskFigures } from './board';

/** «23.11.2026 – 29.11.2026»: the week's Monday and Sunday in the desk's zone (`to` is the next Monday). */
export const useWeekWords = () => {
  const [locale] = useLocaleState();
  return (week: NonNullable<DeskFigures['breaches']>) => {
    const format = (iso: string) => formatDate(iso, week.timezone, DATE_LOCALES[locale] ?? locale);
    return `${format(week.from)} – ${format(new Date(new Date(week.to).getTime() - 1).toISOString())}`;
  };
};

/**
 * SLA clocks that fell due unmet this week, one bar per desk. Each desk's week is its own
 * (Monday to Sunday in its time zone); the bounds are listed under the chart.
 */
export const BreachesChart = ({ figures }: { figures: DeskFigures[] }) => {
  const translate = useTranslate();
  const theme = useTheme();
  const weekWords = useWeekWords();
  const data = figures.map((desk) => ({ desk: desk.short, title: desk.title, total: desk.breaches?.total }));
  const footer = (
    <Box component="ul" sx={{ m: 0, mt: 1, pl: 2 }}>
      {figures.map((desk) =>
        desk.breaches ? (
          <Typography key={desk.id} component="li" variant="caption" color="text.secondary" data-week={desk.id}>
            {desk.short}: {weekWords(desk.breaches)} ({desk.breaches.timezone})
          </Typography>
        ) : null,
      )}
    </Box>
  );
  return (
    <ChartCard id="sla-breaches" title={translate('dashboard.breaches_chart')} subheader={translate('dashboard.breaches_chart_help')} footer={footer}>
      <BarChart accessibilityLayer={false} data={data} margin={{ top: 20, right: 8, bottom: 0, left: -16 }}>
        <CartesianGrid vertical={false} strokeDasharray="3 3" />
        <XAxis dataKey="desk" interval={0} tick={{ fontSize: 12 }} />
        <YAxis allowDecimals={false} />
        <Tooltip labelFormatter={(_, payload) => payload?.[0]?.payload?.title ?? ''} />
        <Bar dataKey="total" name={translate('dashboard.breaches')} fill={theme.palette.error.main} minPointSize={2} isAnimationActive={false}>
          <LabelList dataKey="total" position="top" />
        </Bar>
      </BarChart>
    </ChartCard>
  );
};
