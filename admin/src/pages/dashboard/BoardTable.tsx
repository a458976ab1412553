import { Box, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useTranslate } from 'react-admin';
import { STATUS_CATEGORIES } from '../../resources/tickets/choices';
import { useWeekWords } from './BreachesChart';
import { days } from './ProcessingTimeChart';
import type { DeskFigures } from './board';

// Out of sight but read by screen readers (and copied with the page's text): the charts'
// figures as numbers. On a box around the table, since a table grows to fit its cells.
const visuallyHidden = {
  border: 0,
  clip: 'rect(0 0 0 0)',
  height: '1px',
  margin: '-1px',
  overflow: 'hidden',
  padding: 0,
  position: 'absolute',
  whiteSpace: 'nowrap',
  width: '1px',
} as const;

const count = (n: number | undefined) => (n === undefined ? '…' : String(n));

/** Every figure of the dashboard's charts, one row per desk. */
export const BoardTable = ({ figures }: { figures: DeskFigures[] }) => {
  const translate = useTranslate();
  const weekWords = useWeekWords();
  return (
    <Box sx={visuallyHidden}>
      <Table size="small">
        <caption>{translate('dashboard.table_caption')}</caption>
        <TableHead>
          <TableRow>
            <TableCell>{translate('resources.tickets.fields.tenantId')}</TableCell>
            {STATUS_CATEGORIES.map((c) => (
              <TableCell key={c}>{translate(`resources.tickets.statusCategory.${c}`)}</TableCell>
            ))}
            <TableCell>{translate('dashboard.breaches')}</TableCell>
            <TableCell>{translate('dashboard.week')}</TableCell>
            <TableCell>{translate('dashboard.solved')}</TableCell>
            <TableCell>{translate('dashboard.average')}</TableCell>
            <TableCell>{translate('dashboard.median')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {figures.map((desk) => (
            <TableRow key={desk.id} data-tenant={desk.id}>
              <TableCell component="th" scope="row">
                {desk.title}
              </TableCell>
              {STATUS_CATEGORIES.map((c) => (
                <TableCell key={c} data-category={c}>
                  {count(desk.counts[c])}
                </TableCell>
              ))}
              <TableCell data-figure="breaches">
                {count(desk.breaches?.total)}
                {desk.breaches?.byClock.length
                  ? ` (${desk.breaches.byClock.map((b) => `${translate(`deadlines.kinds.${b.clock}`, { _: b.clock })}: ${b.breaches}`).join(', ')})`
                  : ''}
              </TableCell>
              <TableCell>{desk.breaches ? `${weekWords(desk.breaches)} (${desk.breaches.timezone})` : '…'}</TableCell>
              <TableCell>{count(desk.processing?.solved)}</TableCell>
              <TableCell data-figure="average">{days(desk.processing?.averageBusinessDays)}</TableCell>
              <TableCell>{days(desk.processing?.medianBusinessDays)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};
