import { useTheme } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useNavigate } from 'react-router';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { STATUS_CATEGORY_COLORS } from '../../resources/tickets/StatusCategoryChip';
import type { StatusCategory } from '../../resources/tickets/choices';
import { ChartCard } from './ChartCard';
import type { DeskFigures } from './board';

/** What is not closed yet: still the desk's work, or the requester's to confirm. */
export const OPEN_CATEGORIES = ['new', 'open', 'waiting_customer', 'resolved'] as const satisfies readonly StatusCategory[];

/**
 * Tickets not closed yet per desk, stacked by status category in the queue's chip colours. A
 * click on a segment opens the ticket list with that desk and category.
 */
export const OpenTicketsChart = ({ figures }: { figures: DeskFigures[] }) => {
  const translate = useTranslate();
  const theme = useTheme();
  const navigate = useNavigate();
  const colour = (category: StatusCategory) => {
    const name = STATUS_CATEGORY_COLORS[category];
    return name === 'default' ? theme.palette.grey[500] : theme.palette[name].main;
  };
  const open = (tenantId: string, statusCategory: StatusCategory) =>
    navigate({ pathname: '/tickets', search: `filter=${encodeURIComponent(JSON.stringify({ tenantId, statusCategory }))}` });
  const data = figures.map((desk) => ({ id: desk.id, desk: desk.short, title: desk.title, ...desk.counts }));
  return (
    <ChartCard id="open-tickets" title={translate('dashboard.open_chart')} subheader={translate('dashboard.open_chart_help')}>
      <BarChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
        <CartesianGrid vertical={false} strokeDasharray="3 3" />
        <XAxis dataKey="desk" interval={0} tick={{ fontSize: 12 }} />
        <YAxis allowDecimals={false} />
        <Tooltip labelFormatter={(_, payload) => payload?.[0]?.payload?.title ?? ''} />
        <Legend />
        {OPEN_CATEGORIES.map((category) => (
          <Bar
            key={category}
            dataKey={category}
            stackId="open"
            name={translate(`resources.tickets.statusCategory.${category}`)}
            fill={colour(category)}
            isAnimationActive={false}
            cursor="pointer"
            onClick={(entry) => open(String((entry.payload as { id: string }).id), category)}
          />
        ))}
      </BarChart>
    </ChartCard>
  );
};
