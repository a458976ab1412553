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
import type { DocumentNode } from 'graphql';
import {
  HttpError,
  type GetListParams,
  type GetManyParams,
  type GetManyReferenceParams,
  type GetOneParams,
  type CreateParams,
  type UpdateParams,
  type RaRecord,
} from 'react-admin';
import { apolloClient } from './apolloClient';
import {
  API_TOKENS,
  CREATE_API_TOKEN,
  CREATE_ORGANIZATION,
  CREATE_TICKET,
  CREATE_USER,
  ORGANIZATIONS,
  OUTBOUND_MESSAGES,
  RETRY_OUTBOUND_MESSAGE,
  REVOKE_API_TOKEN,
  SEND_TICKET_EVENT,
  TENANTS,
  TICKET,
  TICKETS,
  UPDATE_USER,
  USERS,
} from './documents';
import { errorFields, errorMessage, hasErrorCode } from './errors';

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
const TICKET_FILTER_KEYS = ['tenantId', 'statusCategory', 'state', 'priority', 'serviceLevel', 'q', 'ids', 'slaAtRisk'];

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

// ---------------------------------------------------------------- users and API tokens

/**
 * GET_LIST, GET_ONE and GET_MANY of a short, unpaginated admin list (`users`, `apiTokens`):
 * fetched whole, searched by `searched` fields and paged in the browser.
 */
const wholeListQueries = (
  query: DocumentNode,
  key: string,
  searched: readonly string[],
  defaultSort: { field: string; order: string },
): ResourceQueries => {
  const matches = (filter: Record<string, unknown> = {}) => (row: RaRecord) => {
    const q = typeof filter.q === 'string' ? filter.q.trim().toLowerCase() : '';
    if (q && !searched.map((field) => String(row[field] ?? '')).join(' ').toLowerCase().includes(q)) return false;
    if (Array.isArray(filter.ids) && !filter.ids.map(String).includes(String(row.id))) return false;
    return true;
  };
  const rows = ({ data }: Result) => data[key] as RaRecord[];
  return {
    GET_LIST: (params: GetListParams) => ({
      query,
      variables: {},
      parseResponse: (result: Result) => localPage(rows(result), params, matches, defaultSort),
    }),
    GET_ONE: (params: GetOneParams) => ({
      query,
      variables: {},
      parseResponse: (result: Result) => {
        const row = rows(result).find((r) => String(r.id) === String(params.id));
        if (!row) throw new HttpError('ra.notification.item_doesnt_exist', 404);
        return { data: row };
      },
    }),
    GET_MANY: (params: GetManyParams) => ({
      query,
      variables: {},
      parseResponse: (result: Result) => ({ data: rows(result).filter(matches({ ids: params.ids })) }),
    }),
  };
};

const userQueries: ResourceQueries = {
  ...wholeListQueries(USERS, 'users', ['email'], { field: 'createdAt', order: 'ASC' }),
  CREATE: (params: CreateParams) => {
    const data = params.data as Record<string, unknown>;
    return {
      query: CREATE_USER,
      variables: { input: { ...pick(data, ['email', 'password', 'role']), tenantIds: data.tenantIds ?? [] } },
      parseResponse: ({ data: result }: Result) => ({ data: result.createUser }),
    };
  },
  UPDATE: (params: UpdateParams) => {
    const data = params.data as Record<string, unknown>;
    const previous = (params.previousData ?? {}) as Record<string, unknown>;
    // Only what the form changed: updateUser leaves the rest as it is, so an untouched role
    // the form cannot show (a legacy `integration` user) is not sent back to be refused.
    // An empty new-password field leaves the password as it is.
    const changed = ['role', 'tenantIds', 'disabled'].filter((key) => JSON.stringify(data[key]) !== JSON.stringify(previous[key]));
    const input = { ...pick(data, changed), ...compact(pick(data, ['password'])) };
    return {
      query: UPDATE_USER,
      variables: { id: params.id, input },
      parseResponse: ({ data: result }: Result) => ({ data: result.updateUser }),
    };
  },
};

const apiTokenQueries: ResourceQueries = {
  ...wholeListQueries(API_TOKENS, 'apiTokens', ['name'], { field: 'createdAt', order: 'ASC' }),
  CREATE: (params: CreateParams) => {
    const data = params.data as Record<string, unknown>;
    return {
      query: CREATE_API_TOKEN,
      variables: { input: { name: data.name, tenantIds: data.tenantIds ?? [] } },
      parseResponse: ({ data: result }: Result) => ({ data: result.createApiToken }),
    };
  },
};

// ---------------------------------------------------------------- wiring

const resources: Record<string, ResourceQueries> = {
  tickets: ticketQueries,
  tenants: tenantQueries,
  // The workflow pages list the desks themselves.
  workflows: tenantQueries,
  organizations: organizationQueries,
  outbound: outboundQueries,
  users: userQueries,
  apiTokens: apiTokenQueries,
};

/** Resources whose messages have `resources.<resource>.errors.<field>` for the fields the server names. */
const FIELD_ERROR_RESOURCES = new Set(['users', 'apiTokens']);

/**
 * BAD_USER_INPUT as react-admin's server-side validation: `body.errors` shows a message
 * under each input the server named (a taken email, a too short password). The GraphQL
 * errors stay in the body, so errors.ts still reads their codes.
 */
const asFormErrors =
  (resource: string) =>
  (error: unknown): never => {
    const fields = errorFields(error);
    if (!FIELD_ERROR_RESOURCES.has(resource) || !hasErrorCode(error, 'BAD_USER_INPUT') || !fields.length) throw error;
    const message = errorMessage(error);
    throw new HttpError(message, 400, {
      errors: Object.fromEntries(fields.map((field) => [field, `resources.${resource}.errors.${field}`])),
      graphQLErrors: [{ message, extensions: { code: 'BAD_USER_INPUT', fields } }],
    });
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
  /** Refuses an API token from now on; it stays listed, with its revocation time. */
  revokeApiToken(id: RaRecord['id']): Promise<{ data: RaRecord }>;
};

export const dataProvider: ReglamentDataProvider = {
  ...graphqlProvider,
  create: (resource, params) => graphqlProvider.create(resource, params).catch(asFormErrors(resource)),
  update: (resource, params) => graphqlProvider.update(resource, params).catch(asFormErrors(resource)),
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
  async revokeApiToken(id) {
    try {
      const result = await apolloClient.mutate({ mutation: REVOKE_API_TOKEN, variables: { id } });
      return { data: result.data.revokeApiToken };
    } catch (error) {
      throw toHttpError(error);
    }
  },
};
