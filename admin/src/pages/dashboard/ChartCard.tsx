import { Box, Card, CardContent, CardHeader } from '@mui/material';
import type { ReactElement, ReactNode } from 'react';
import { ResponsiveContainer } from 'recharts';

/**
 * One chart of the dashboard in a card: its title and what it counts above, the chart, and
 * `footer` (e.g. the period) under it. The figures themselves are also in the dashboard's
 * table for screen readers (BoardTable), so the chart is hidden from them (and its charts
 * take no keyboard focus: `accessibilityLayer={false}`).
 */
export const ChartCard = ({
  id,
  title,
  subheader,
  footer,
  children,
}: {
  /** `data-chart` of the card, for tests and styling. */
  id: string;
  title: string;
  subheader?: ReactNode;
  footer?: ReactNode;
  children: ReactElement;
}) => (
  <Card data-chart={id} sx={{ minWidth: 0 }}>
    <CardHeader title={title} subheader={subheader} slotProps={{ title: { variant: 'h6' }, subheader: { variant: 'body2' } }} />
    <CardContent sx={{ pt: 0 }}>
      <Box aria-hidden sx={{ height: 280 }}>
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </Box>
      {footer}
    </CardContent>
  </Card>
);
