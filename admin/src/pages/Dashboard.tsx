import { Box, Typography } from '@mui/material';
import { Loading, Title, useGetList, useTranslate } from 'react-admin';
import { BoardTable } from './dashboard/BoardTable';
import { BreachesChart } from './dashboard/BreachesChart';
import { OpenTicketsChart } from './dashboard/OpenTicketsChart';
import { ProcessingTimeChart } from './dashboard/ProcessingTimeChart';
import { useBoard, type Desk } from './dashboard/board';

/**
 * The desks at a glance, as charts: tickets not closed yet by status category, SLA breaches
 * of the desk's current week, and the average processing time of the last 30 days against
 * the 2–3 business days the regulations promise (RBT-3). The same figures are in a table
 * that only screen readers see.
 */
export const Dashboard = () => {
  const translate = useTranslate();
  const { data: desks, isPending } = useGetList<Desk>('tenants', {
    pagination: { page: 1, perPage: 100 },
    sort: { field: 'title', order: 'ASC' },
  });
  const board = useBoard(desks);
  if (isPending) return <Loading />;
  return (
    // relative: the screen readers' table (absolutely placed) stays within the page.
    <Box sx={{ mt: 2, position: 'relative' }}>
      <Title title={translate('dashboard.title')} />
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' } }}>
        <OpenTicketsChart figures={board.figures} />
        <BreachesChart figures={board.figures} />
        <ProcessingTimeChart figures={board.figures} />
      </Box>
      <BoardTable figures={board.figures} />
      {board.isError && (
        <Typography color="error" variant="body2" sx={{ mt: 1 }}>
          {String((board.error as Error).message)}
        </Typography>
      )}
    </Box>
  );
};
