import { useTheme } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartCard } from './ChartCard';
import { PERIOD_DAYS, PROCESSING_TARGET_BD, type DeskFigures } from './board';

/** Business days with one decimal, «—» with nothing solved. */
export const days = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toFixed(1));

/**
 * RBT-3: the average processing time per desk over the last 30 days, in business days,
 * against the regulations' target band of 2–3 business days: green within it, red above.
 */
export const ProcessingTimeChart = ({ figures }: { figures: DeskFigures[] }) => {
  const translate = useTranslate();
  const theme = useTheme();
  const { min, max } = PROCESSING_TARGET_BD;
  const data = figures.map((desk) => ({
    desk: desk.short,
    title: desk.title,
    average: desk.processing?.averageBusinessDays ?? null,
    label: days(desk.processing?.averageBusinessDays),
  }));
  const highest = Math.max(max + 1, ...data.map((d) => d.average ?? 0));
  return (
    <ChartCard
      id="processing-time"
      title={translate('dashboard.processing_chart')}
      subheader={translate('dashboard.processing_chart_help', { days: PERIOD_DAYS, min, max })}
    >
      <BarChart accessibilityLayer={false} data={data} margin={{ top: 20, right: 8, bottom: 0, left: -16 }}>
        <CartesianGrid vertical={false} strokeDasharray="3 3" />
        <XAxis dataKey="desk" interval={0} tick={{ fontSize: 12 }} />
        <YAxis domain={[0, Math.ceil(highest)]} allowDecimals={false} />
        <ReferenceArea y1={min} y2={max} fill={theme.palette.success.light} fillOpacity={0.2} ifOverflow="extendDomain" />
        <ReferenceLine
          y={max}
          stroke={theme.palette.success.dark}
          strokeDasharray="4 4"
          label={{ value: translate('dashboard.target', { min, max }), position: 'insideTopRight', fontSize: 12 }}
        />
        <Tooltip labelFormatter={(_, payload) => payload?.[0]?.payload?.title ?? ''} formatter={(value) => days(value as number | null)} />
        <Bar dataKey="average" name={translate('dashboard.average')} isAnimationActive={false}>
          {data.map((d) => (
            <Cell key={d.desk} fill={d.average !== null && d.average > max ? theme.palette.error.main : theme.palette.success.main} />
          ))}
          <LabelList dataKey="label" position="top" />
        </Bar>
      </BarChart>
    </ChartCard>
  );
};
