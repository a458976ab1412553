/**
 * react-admin ⇄ the contract's GraphQL API, through ra-data-graphql with our own
 * buildQuery. Introspection is off: the contract fixes operation names (`tickets`,
 * `ticket`, `createTicket`, `tenants`) that do not follow ra-data-graphql's `allTickets` /
 * `Ticket` conventions, and a fixed set of documents (documents.ts) fails loudly and early
 * when the schema drifts instead of guessing.
 *
 * To add a resource: write its documents, add an entry to `resources` below, and register
 * a <Resource> in App.tsx.
 */
import type { ApolloQueryResult } from '@apollo/client';
import buildGraphQLProvider, {
  type BuildQueryResult,
  type GraphqlDataProvider,
} from 'ra-data-graphql';
import {
  HttpError,
  type GetListParams,
  type GetManyParams,
  type GetManyReferenceParams,
  type GetOneParams,
  type CreateParams,
  type RaRecord,
} from 'react-admin';
import { apolloClient } from './apolloClient';
import {
  CREATE_ORGANIZATION,
  CREATE_TICKET,
  ORGANIZATIONS,
  OUTBOUND_MESSAGES,
  RETRY_OUTBOUND_MESSAGE,
  SEND_TICKET_EVENT,
  TENANTS,
  TICKET,
  TICKETS,
} from './documents';

// ra-data-graphql hands parseResponse the raw Apollo result; each document knows its shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- result data is per-document
type Result = ApolloQueryResult<any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- params differ per method
type MethodBuilder = (params: any) => BuildQueryResult;
type ResourceQueries = Partial<Record<RaMethod, MethodBuilder>>;
type RaMethod =
  | 'GET_LIST'
  | 'GET_ONE'
  | 'GET_MANY'
  | 'GET_MANY_REFERENCE'
  | 'CREATE'
  | 'UPDATE'
  | 'UPDATE_MANY'
  | 'DELETE'
  | 'DELETE_MANY';

/** Drops '', null and undefined so optional inputs are omitted rather than sent empty. */
const compact = <T extends Record<string, unknown>>(value: T): Partial<T> =>
  Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== '' && v !== null && v !== undefined),
  ) as Partial<T>;

const pick = (value: Record<string, unknown>, keys: readonly string[]) =>
  Object.fromEntries(keys.filter((k) => k in value).map((k) => [k, value[k]]));

// ---------------------------------------------------------------- tickets

// Only keys TicketFilter is known to take: an unknown key would make the whole query
// invalid, so a stray react-admin filter must not reach the server.
const TICKET_FILTER_KEYS = ['tenantId', 'statusCategory', 'state', 'priority', 'q', 'ids', 'slaAtRisk'];

const CREATE_TICKET_KEYS = [
  'tenantId',
  'channel',
  'kind',
  'priority',
  'audience',
  'subject',
  'from',
  'organizationId',
] as const;

const ticketListVariables = (
  filter: Record<string, unknown> = {},
  pagination = { page: 1, perPage: 25 },
  sort?: { field: string; order: string },
) => ({
  // The «SLA под угрозой» switch narrows the list when on; off means no such filter, not
  // "only the tickets not at risk".
  filter: compact(pick({ ...filter, slaAtRisk: filter.slaAtRisk === true || undefined }, TICKET_FILTER_KEYS)),
  sortField: sort?.field,
  sortOrder: sort?.order,
  // react-admin counts pages from 1, the contract from 0.
  page: pagination.page - 1,
  perPage: pagination.perPage,
});

const parseTicketPage = ({ data }: Result) => ({
  data: data.tickets.items,
  total: data.tickets.total,
});

const ticketQueries: ResourceQueries = {
  GET_LIST: (params: GetListParams) => ({
    query: TICKETS,
    variables: ticketListVariables(params.filter, params.pagination, params.sort),
    parseResponse: parseTicketPage,
  }),
  GET_ONE: (params: GetOneParams) => ({
    query: TICKET,
    variables: { id: params.id },
    parseResponse: ({ data }: Result) => {
      if (!data.ticket) throw new HttpError('ra.notification.item_doesnt_exist', 404);
      return { data: data.ticket };
    },
  }),
  GET_MANY: (params: GetManyParams) => ({
    query: TICKETS,
    variables: ticketListVariables({ ids: params.ids }, { page: 1, perPage: params.ids.length }),
    parseResponse: ({ data }: Result) => ({ data: data.tickets.items }),
  }),
  GET_MANY_REFERENCE: (params: GetManyReferenceParams) => ({
    query: TICKETS,
    variables: ticketListVariables(
      { ...params.filter, [params.target]: params.id },
      params.pagination,
      params.sort,
    ),
    parseResponse: parseTicketPage,
  }),
  CREATE: (params: CreateParams) => {
    const data = params.data as Record<string, unknown>;
    const fields = compact((data.fields ?? {}) as Record<string, unknown>);
    return {
      query: CREATE_TICKET,
      variables: { input: { ...compact(pick(data, CREATE_TICKET_KEYS)), fields } },
      parseResponse: ({ data: result }: Result) => ({ data: result.createTicket }),
    };
  },
};

// ---------------------------------------------------------------- tenants

// `tenants` is a short, unpaginated list: fetch it whole and let the browser filter,
// sort and page it so every react-admin read works the same as for tickets.
interface TenantRow extends RaRecord {
  title?: string;
}

const compareBy = (field: string, order: string) => (a: RaRecord, b: RaRecord) => {
  const x = a[field];
  const y = b[field];
  const cmp =
    typeof x === 'number' && typeof y === 'number'
      ? x - y
      : String(x ?? '').localeCompare(String(y ?? ''), 'ru');
  return order === 'DESC' ? -cmp : cmp;
};

const matchesTenantFilter = (filter: Record<string, unknown> = {}) => (tenant: TenantRow) => {
  const q = typeof filter.q === 'string' ? filter.q.trim().toLowerCase() : '';
  if (q && !`${tenant.id} ${tenant.title ?? ''}`.toLowerCase().includes(q)) return false;
  if (Array.isArray(filter.ids) && !filter.ids.map(String).includes(String(tenant.id)))
    return false;
  return true;
};

const tenantPage = (
  rows: TenantRow[],
  params: Pick<GetListParams, 'filter' | 'sort' | 'pagination'>,
) => {
  const { page, perPage } = params.pagination ?? { page: 1, perPage: 1000 };
  const sort = params.sort ?? { field: 'title', order: 'ASC' };
  const matched = rows.filter(matchesTenantFilter(params.filter)).sort(compareBy(sort.field, sort.order));
  return { data: matched.slice((page - 1) * perPage, page * perPage), total: matched.length };
};

const tenantQueries: ResourceQueries = {
  GET_LIST: (params: GetListParams) => ({
    query: TENANTS,
    variables: {},
    parseResponse: ({ data }: Result) => tenantPage(data.tenants, params),
  }),
  GET_ONE: (params: GetOneParams) => ({
    query: TENANTS,
    variables: {},
    parseResponse: ({ data }: Result) => {
      const tenant = (data.tenants as TenantRow[]).find((t) => String(t.id) === String(params.id));
      if (!tenant) throw new HttpError('ra.notification.item_doesnt_exist', 404);
      return { data: tenant };
    },
  }),
  GET_MANY: (params: GetManyParams) => ({
    query: TENANTS,
    variables: {},
    parseResponse: ({ data }: Result) => ({
      data: (data.tenants as TenantRow[]).filter(matchesTenantFilter({ ids: params.ids })),
    }),
  }),
  GET_MANY_REFERENCE: (params: GetManyReferenceParams) => ({
    query: TENANTS,
    variables: {},
    parseResponse: ({ data }: Result) =>
      tenantPage(
        (data.tenants as TenantRow[]).filter((t) => String(t[params.target]) === String(params.id)),
        params,
      ),
  }),
};

// ---------------------------------------------------------------- organisations

// `organizations(tenantId)` is unpaginated like `tenants`: paged in the browser.
const matchesOrgFilter = (filter: Record<string, unknown> = {}) => (org: RaRecord) => {
  const q = typeof filter.q === 'string' ? filter.q.trim().toLowerCase() : '';
  if (q && !`${org.name ?? ''} ${org.inn ?? ''}`.toLowerCase().includes(q)) return false;
  if (Array.isArray(filter.ids) && !filter.ids.map(String).includes(String(org.id))) return false;
  return true;
};

const localPage = (
  rows: RaRecord[],
  params: Pick<GetListParams, 'filter' | 'sort' | 'pagination'>,
  matches: (filter?: Record<string, unknown>) => (row: RaRecord) => boolean,
  defaultSort: { field: string; order: string },
) => {
  const { page, perPage } = params.pagination ?? { page: 1, perPage: 1000 };
  const sort = params.sort ?? defaultSort;
  const matched = rows.filter(matches(params.filter)).sort(compareBy(sort.field, sort.order));
  return { data: matched.slice((page - 1) * perPage, page * perPage), total: matched.length };
};

const ORG_KEYS = [
  'tenantId',
  'name',
  'inn',
  'serviceLevel',
  'contractFrom',
  'contractUntil',
  'contactName',
  'contactEmail',
  'contactPhone',
] as const;

/** slaTargets is typed as JSON text in the form ({"resolution":"7bd"}); an object passes through. */
const parseJsonInput = (value: unknown): unknown => {
  if (typeof value !== 'string') return value ?? undefined;
  if (value.trim() === '') return undefined;
  return JSON.parse(value);
};

const organizationQueries: ResourceQueries = {
  GET_LIST: (params: GetListParams) => ({
    query: ORGANIZATIONS,
    variables: compact({ tenantId: params.filter?.tenantId as string | undefined }),
    parseResponse: ({ data }: Result) =>
      localPage(data.organizations, params, matchesOrgFilter, { field: 'name', order: 'ASC' }),
  }),
  GET_ONE: (params: GetOneParams) => ({
    query: ORGANIZATIONS,
    variables: {},
    parseResponse: ({ data }: Result) => {
      const org = (data.organizations as RaRecord[]).find((o) => String(o.id) === String(params.id));
      if (!org) throw new HttpError('ra.notification.item_doesnt_exist', 404);
      return { data: org };
    },
  }),
  GET_MANY: (params: GetManyParams) => ({
    query: ORGANIZATIONS,
    variables: {},
    parseResponse: ({ data }: Result) => ({
      data: (data.organizations as RaRecord[]).filter(matchesOrgFilter({ ids: params.ids })),
    }),
  }),
  CREATE: (params: CreateParams) => {
    const data = params.data as Record<string, unknown>;
    const slaTargets = parseJsonInput(data.slaTargets);
    return {
      query: CREATE_ORGANIZATION,
      variables: { input: { ...compact(pick(data, ORG_KEYS)), ...(slaTargets ? { slaTargets } : {}) } },
      parseResponse: ({ data: result }: Result) => ({ data: result.createOrganization }),
    };
  },
};

// ---------------------------------------------------------------- outbound mail

const matchesOutboundFilter = (filter: Record<string, unknown> = {}) => (message: RaRecord) => {
  const q = typeof filter.q === 'string' ? filter.q.trim().toLowerCase() : '';
  if (q && !`${message.to ?? ''} ${message.subject ?? ''}`.toLowerCase().includes(q)) return false;
  if (Array.isArray(filter.ids) && !filter.ids.map(String).includes(String(message.id))) return false;
  return true;
};

const outboundQueries: ResourceQueries = {
  GET_LIST: (params: GetListParams) => ({
    query: OUTBOUND_MESSAGES,
    variables: compact({
      status: params.filter?.status as string | undefined,
      ticketId: params.filter?.ticketId as string | undefined,
    }),
    parseResponse: ({ data }: Result) =>
      localPage(data.outboundMessages, params, matchesOutboundFilter, { field: 'at', order: 'DESC' }),
  }),
};

// ---------------------------------------------------------------- wiring

const resources: Record<string, ResourceQueries> = {
  tickets: ticketQueries,
  tenants: tenantQueries,
  // The workflow pages list the desks themselves.
  workflows: tenantQueries,
  organizations: organizationQueries,
  outbound: outboundQueries,
};

const buildQuery = () => (method: string, resource: string, params: unknown) => {
  const build = resources[resource]?.[method as RaMethod];
  if (!build) {
    // The contract has no such operation yet (e.g. updating or deleting a ticket: tickets
    // change only through workflow events).
    throw new Error(`${method} is not available for "${resource}"`);
  }
  return build(params);
};

const toHttpError = (error: unknown): HttpError => {
  const message = error instanceof Error ? error.message : String(error);
  // Same shape as ra-data-graphql's own errors, so authProvider.checkError sees the codes.
  return new HttpError(message, 200, error);
};

const graphqlProvider = buildGraphQLProvider({
  client: apolloClient,
  introspection: false,
  buildQuery,
  // ra-data-graphql forces `network-only`, which still writes Apollo's cache; see
  // apolloClient.ts for why we keep no Apollo cache at all.
  query: () => ({ fetchPolicy: 'no-cache' }),
});

export interface TicketEventResult {
  data: RaRecord;
}

export type ReglamentDataProvider = GraphqlDataProvider & {
  /**
   * Applies one workflow event. `expectedVersion` is the version the agent was looking
   * at: a stale page gets VERSION_CONFLICT instead of acting on a ticket it has not seen.
   */
  sendTicketEvent(
    ticketId: RaRecord['id'],
    type: string,
    expectedVersion?: number,
    data?: Record<string, unknown>,
  ): Promise<TicketEventResult>;
  /** Sends a failed outbound letter again. */
  retryOutboundMessage(id: RaRecord['id']): Promise<{ data: RaRecord }>;
};

export const dataProvider: ReglamentDataProvider = {
  ...graphqlProvider,
  async sendTicketEvent(ticketId, type, expectedVersion, data) {
    try {
      const result = await apolloClient.mutate({
        mutation: SEND_TICKET_EVENT,
        variables: { ticketId, type, expectedVersion, data },
      });
      return { data: result.data.sendTicketEvent };
    } catch (error) {
      throw toHttpError(error);
    }
  },
  async retryOutboundMessage(id) {
    try {
      const result = await apolloClient.mutate({ mutation: RETRY_OUTBOUND_MESSAGE, variables: { id } });
      return { data: result.data.retryOutboundMessage };
    } catch (error) {
      throw toHttpError(error);
    }
  },
};
