import { Card, CardContent, CardHeader, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { gql } from '@apollo/client';
import { useQuery } from '@tanstack/react-query';
import { Link, Loading, Title, useGetList, useTranslate } from 'react-admin';
import { STATUS_CATEGORIES } from '../resources/tickets/choices';
import { apolloClient } from '../providers/apolloClient';
import { serverNow } from '../live/serverClock';

/** RBT-3 and the regulations' usual promise: a request solved in 2–3 business days. */
export const PROCESSING_TARGET_BD = 3;
const PERIOD_DAYS = 30;

interface TenantRow {
  id: string;
  title: string;
}

/** One query for the whole board: per desk, a total per status category and the processing time. */
const boardQuery = (tenants: TenantRow[]) => {
  const parts = tenants.flatMap((tenant, i) => [
    ...STATUS_CATEGORIES.map(
      (category) =>
        `t${i}_${category}: tickets(filter: { tenantId: ${JSON.stringify(tenant.id)}, statusCategory: ${category} }, page: 0, perPage: 1) { total }`,
    ),
    `p${i}: processingTime(tenantId: ${JSON.stringify(tenant.id)}, from: $from, to: $to) { solved averageBusinessDays medianBusinessDays }`,
  ]);
  return gql`query Dashboard($from: DateTime!, $to: DateTime!) { ${parts.join('\n')} }`;
};

type Board = Record<string, { total?: number; solved?: number; averageBusinessDays?: number | null; medianBusinessDays?: number | null }>;

const days = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toFixed(1));

/**
 * The desks at a glance: how many tickets each has per status category (the list's own
 * totals), and how long requests took over the last 30 days against the 2–3 business days
 * the regulations promise.
 */
export const Dashboard = () => {
  const translate = useTranslate();
  const { data: tenants, isPending } = useGetList<TenantRow>('tenants', {
    pagination: { page: 1, perPage: 100 },
    sort: { field: 'title', order: 'ASC' },
  });
  const board = useQuery({
    queryKey: ['dashboard', tenants?.map((t) => t.id)],
    enabled: Boolean(tenants?.length),
    queryFn: async () => {
      const to = new Date(serverNow());
      const from = new Date(to.getTime() - PERIOD_DAYS * 86_400_000);
      const { data } = await apolloClient.query<Board>({
        query: boardQuery(tenants!),
        variables: { from: from.toISOString(), to: to.toISOString() },
        fetchPolicy: 'no-cache',
      });
      return data;
    },
  });
  if (isPending) return <Loading />;
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('dashboard.title')} />
      <CardHeader title={translate('dashboard.title')} subheader={translate('dashboard.subtitle', { days: PERIOD_DAYS, target: PROCESSING_TARGET_BD })} />
      <CardContent>
        <Table size="small" aria-label={translate('dashboard.title')}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('resources.tickets.fields.tenantId')}</TableCell>
              {STATUS_CATEGORIES.map((c) => (
                <TableCell key={c} align="right">
                  {translate(`resources.tickets.statusCategory.${c}`)}
                </TableCell>
              ))}
              <TableCell align="right">{translate('dashboard.solved')}</TableCell>
              <TableCell align="right">{translate('dashboard.average')}</TableCell>
              <TableCell align="right">{translate('dashboard.median')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {(tenants ?? []).map((tenant, i) => {
              const p = board.data?.[`p${i}`];
              const avg = p?.averageBusinessDays;
              return (
                <TableRow key={tenant.id} data-tenant={tenant.id}>
                  <TableCell>{tenant.title}</TableCell>
                  {STATUS_CATEGORIES.map((c) => (
                    <TableCell key={c} align="right" data-category={c}>
                      <Link
                        to={{
                          pathname: '/tickets',
                          search: `filter=${encodeURIComponent(JSON.stringify({ tenantId: tenant.id, statusCategory: c }))}`,
                        }}
                      >
                        {board.data?.[`t${i}_${c}`]?.total ?? '…'}
                      </Link>
                    </TableCell>
                  ))}
                  <TableCell align="right">{p?.solved ?? '…'}</TableCell>
                  <TableCell align="right">
                    {avg === null || avg === undefined ? (
                      '—'
                    ) : (
                      <Chip size="small" color={avg <= PROCESSING_TARGET_BD ? 'success' : 'error'} label={days(avg)} />
                    )}
                  </TableCell>
                  <TableCell align="right">{days(p?.medianBusinessDays)}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
        {board.isError && (
          <Typography color="error" variant="body2" sx={{ mt: 1 }}>
            {String((board.error as Error).message)}
          </Typography>
        )}
      </CardContent>
    </Card>
  );
};
