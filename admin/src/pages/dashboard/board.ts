/**
 * The dashboard's figures per desk, fetched in one GraphQL request: a total per status
 * category (the ticket list's own totals), SLA breaches of the desk's current week
 * (`slaBreaches`, the week in the desk's zone by the server's clock), and the processing
 * time of the last 30 days (`processingTime`, RBT-3).
 */
import { gql } from '@apollo/client';
import { useQuery } from '@tanstack/react-query';
import { apolloClient } from '../../providers/apolloClient';
import { serverNow } from '../../live/serverClock';
import { STATUS_CATEGORIES, type StatusCategory } from '../../resources/tickets/choices';

/** RBT-3 and the regulations' usual promise: a request solved in 2–3 business days. */
export const PROCESSING_TARGET_BD = { min: 2, max: 3 };
export const PERIOD_DAYS = 30;

export interface Desk {
  id: string;
  title: string;
}

export interface DeskFigures extends Desk {
  /** The title up to its dash ("Синтез — техническая поддержка сайтов" → "Синтез"), for axes. */
  short: string;
  counts: Partial<Record<StatusCategory, number>>;
  breaches?: {
    from: string;
    to: string;
    timezone: string;
    total: number;
    byClock: Array<{ clock: string; breaches: number }>;
  };
  processing?: { solved: number; averageBusinessDays: number | null; medianBusinessDays: number | null };
}

const boardQuery = (desks: Desk[]) => {
  const parts = desks.flatMap((desk, i) => {
    const id = JSON.stringify(desk.id);
    return [
      ...STATUS_CATEGORIES.map(
        (category) => `t${i}_${category}: tickets(filter: { tenantId: ${id}, statusCategory: ${category} }, page: 0, perPage: 1) { total }`,
      ),
      `b${i}: slaBreaches(tenantId: ${id}) { from to timezone total byClock { clock breaches } }`,
      `p${i}: processingTime(tenantId: ${id}, from: $from, to: $to) { solved averageBusinessDays medianBusinessDays }`,
    ];
  });
  return gql`query Dashboard($from: DateTime!, $to: DateTime!) { ${parts.join('\n')} }`;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one alias per desk and figure
type BoardData = Record<string, any>;

export const shortTitle = (title: string) => title.split(/\s+[—–-]\s+/)[0] || title;

const figuresOf = (desks: Desk[], data: BoardData | undefined): DeskFigures[] =>
  desks.map((desk, i) => ({
    ...desk,
    short: shortTitle(desk.title),
    counts: Object.fromEntries(STATUS_CATEGORIES.map((c) => [c, data?.[`t${i}_${c}`]?.total])),
    breaches: data?.[`b${i}`],
    processing: data?.[`p${i}`],
  }));

export const useBoard = (desks: Desk[] | undefined) => {
  const query = useQuery({
    queryKey: ['dashboard', desks?.map((d) => d.id)],
    enabled: Boolean(desks?.length),
    queryFn: async () => {
      const to = new Date(serverNow());
      const from = new Date(to.getTime() - PERIOD_DAYS * 86_400_000);
      const { data } = await apolloClient.query<BoardData>({
        query: boardQuery(desks!),
        variables: { from: from.toISOString(), to: to.toISOString() },
        fetchPolicy: 'no-cache',
      });
      return data;
    },
  });
  return { ...query, figures: figuresOf(desks ?? [], query.data) };
};
