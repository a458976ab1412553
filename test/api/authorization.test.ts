/**
 * Who may do what: every operation of CONTRACT.md against the five kinds of caller. Another
 * tenant's ticket is FORBIDDEN to read or write directly and silently absent from lists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, signInAs, integrationClient, type TestServer } from '../support/test-server.js';
import type { GraphQLClient } from '../support/graphql-client.js';

type Caller = 'admin' | 'agentOfTenant' | 'agentOfOther' | 'integrationOfTenant' | 'noToken';
const callers: Caller[] = ['admin', 'agentOfTenant', 'agentOfOther', 'integrationOfTenant', 'noToken'];

let t: TestServer;
let clients: Record<Caller, GraphQLClient>;
let ticketId: string;
let ticketNumber: string;
const tenantSource = () => import('node:fs').then((fs) => fs.readFileSync('workflows/novosibirsk.yaml', 'utf8'));

beforeAll(async () => {
  t = await startTestServer();
  clients = {
    admin: t.admin,
    agentOfTenant: await signInAs(t, 'agent', ['novosibirsk']),
    agentOfOther: await signInAs(t, 'agent', ['tomsk']),
    integrationOfTenant: await integrationClient(t, ['novosibirsk']),
    noToken: t.anonymous,
  };
  const { createTicket } = await t.admin.data(
    `mutation { createTicket(input: { tenantId: "novosibirsk", channel: "email", subject: "Матрица прав", from: "user@example.org" }) { id number } }`,
  );
  ticketId = createTicket.id;
  ticketNumber = createTicket.number;
});
afterAll(() => t?.stop());

type Expectation = 'ok' | 'UNAUTHENTICATED' | 'FORBIDDEN';
interface Operation {
  name: string;
  run: (client: GraphQLClient) => Promise<{ errors?: Array<{ extensions?: Record<string, any> }>; data?: any }>;
  expect: Record<Caller, Expectation>;
}

const readable: Record<Caller, Expectation> = {
  admin: 'ok',
  agentOfTenant: 'ok',
  agentOfOther: 'FORBIDDEN',
  integrationOfTenant: 'ok',
  noToken: 'UNAUTHENTICATED',
};
const adminOnly: Record<Caller, Expectation> = {
  admin: 'ok',
  agentOfTenant: 'FORBIDDEN',
  agentOfOther: 'FORBIDDEN',
  integrationOfTenant: 'FORBIDDEN',
  noToken: 'UNAUTHENTICATED',
};
const anyoneSignedIn: Record<Caller, Expectation> = {
  admin: 'ok',
  agentOfTenant: 'ok',
  agentOfOther: 'ok',
  integrationOfTenant: 'ok',
  noToken: 'UNAUTHENTICATED',
};

const operations: Operation[] = [
  { name: 'tenants', run: (c) => c.request(`{ tenants { id } }`), expect: anyoneSignedIn },
  { name: 'tickets', run: (c) => c.request(`{ tickets { total items { id } } }`), expect: anyoneSignedIn },
  { name: 'ticket', run: (c) => c.request(`query($id: ID!) { ticket(id: $id) { id } }`, { id: ticketId }), expect: readable },
  {
    name: 'ticketByNumber',
    run: (c) => c.request(`query($n: String!) { ticketByNumber(tenantId: "novosibirsk", number: $n) { id } }`, { n: ticketNumber }),
    expect: readable,
  },
  {
    name: 'createTicket',
    run: (c) => c.request(`mutation { createTicket(input: { tenantId: "novosibirsk", channel: "web" }) { id } }`),
    expect: readable,
  },
  {
    name: 'sendTicketEvent',
    // REQUEST_INFO is refused in state "new", so a caller who gets through sees EVENT_NOT_ALLOWED.
    run: async (c) => {
      const result = await c.request(`mutation($id: ID!) { sendTicketEvent(ticketId: $id, type: "REQUEST_INFO") { id } }`, { id: ticketId });
      return result.errors?.[0]?.extensions?.code === 'EVENT_NOT_ALLOWED' ? { data: {} } : result;
    },
    expect: readable,
  },
  {
    name: 'outboundMessages',
    run: (c) => c.request(`query($id: ID!) { outboundMessages(ticketId: $id) { to } }`, { id: ticketId }),
    expect: readable,
  },
  {
    name: 'createOrganization',
    run: (c) =>
      c.request(`mutation { createOrganization(input: { tenantId: "novosibirsk", name: "ГБУЗ НСО", inn: "5406123456" }) { id } }`),
    expect: { ...readable, integrationOfTenant: 'FORBIDDEN' },
  },
  {
    name: 'createUser',
    run: (c) =>
      c.request(`mutation($e: String!) { createUser(input: { email: $e, password: "long-password", role: "agent", tenantIds: ["tomsk"] }) { id } }`, {
        e: `u${Math.random().toString(36).slice(2)}@test.local`,
      }),
    expect: adminOnly,
  },
  {
    name: 'createApiToken',
    run: (c) => c.request(`mutation { createApiToken(input: { name: "1C", tenantIds: ["tomsk"] }) { token } }`),
    expect: adminOnly,
  },
  {
    name: 'publishWorkflow',
    run: async (c) => c.request(`mutation($s: String!) { publishWorkflow(tenantId: "novosibirsk", source: $s) { version } }`, { s: await tenantSource() }),
    expect: adminOnly,
  },
  { name: 'advanceClock', run: (c) => c.request(`mutation { advanceClock(by: "PT1M") }`), expect: anyoneSignedIn },
];

describe('authorisation matrix', () => {
  for (const operation of operations) {
    for (const caller of callers) {
      const expected = operation.expect[caller];
      it(`${operation.name} by ${caller}: ${expected}`, async () => {
        const result = await operation.run(clients[caller]);
        if (expected === 'ok') expect(result.errors).toBeUndefined();
        else expect(result.errors?.[0]?.extensions?.code).toBe(expected);
      });
    }
  }

  it('now is public: it tells only the product time', async () => {
    const { now } = await t.anonymous.data(`{ now }`);
    expect(Date.parse(now)).toBeGreaterThanOrEqual(Date.parse('2026-11-23T03:00:00Z'));
  });

  it("another tenant's tickets are silently absent from an agent's list", async () => {
    const own = await clients.agentOfTenant.data(`{ tickets(perPage: 100) { items { id tenantId } } }`);
    const other = await clients.agentOfOther.data(`{ tickets(perPage: 100) { total items { id tenantId } } }`);
    expect(own.tickets.items.map((i: { id: string }) => i.id)).toContain(ticketId);
    expect(other.tickets.items.every((i: { tenantId: string }) => i.tenantId === 'tomsk')).toBe(true);
    expect(other.tickets.items.map((i: { id: string }) => i.id)).not.toContain(ticketId);
  });

  it('an agent lists only the tenants it was given', async () => {
    const { tenants } = await clients.agentOfOther.data(`{ tenants { id } }`);
    expect(tenants.map((x: { id: string }) => x.id)).toEqual(['tomsk']);
  });
});
