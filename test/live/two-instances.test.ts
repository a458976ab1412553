/**
 * Two server instances on one database (DESIGN principle 7): a change made through one
 * reaches the other's subscribers, each subscriber sees only its tenants, and timers due
 * while both run fire exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, signInAs, type TestServer } from '../support/test-server.js';
import { subscribeTicketChanges } from '../support/subscriber.js';
import { publishTimerDesk, resolvedTimerTicket, ticketState, timerEvents } from '../support/fixtures.js';

let a: TestServer;
let b: TestServer;
beforeAll(async () => {
  a = await startTestServer();
  b = await startTestServer({}, a.databaseUrl);
});
afterAll(async () => {
  await b?.stop();
  await a?.stop();
});

const createTicket = `mutation($tenant: ID!) { createTicket(input: { tenantId: $tenant, channel: "email" }) { id } }`;
const tokenOf = (client: { token: string | null }) => client.token!;

describe('live changes between instances', () => {
  it('a subscriber on B receives a change made on A within 1 s, after it is committed', async () => {
    const subscriber = await subscribeTicketChanges(b.url, tokenOf(b.admin));
    try {
      const { createTicket: created } = await a.admin.data(createTicket, { tenant: 'tomsk' });
      const started = performance.now();
      await a.admin.data(`mutation($id: ID!) { sendTicketEvent(ticketId: $id, type: "TAKE") { id } }`, { id: created.id });
      const change = await subscriber.next((c) => c.ticketId === created.id && c.event === 'TAKE', 1000);
      expect(performance.now() - started).toBeLessThan(1000);
      // The ticket is read after commit: the subscriber sees the new state, not the old one.
      expect(change.ticket).toMatchObject({ id: created.id, state: 'open', version: 2 });
    } finally {
      await subscriber.close();
    }
  });

  it("a subscriber of tenant X never receives tenant Y's events", async () => {
    const tomskAgent = await signInAs(a, 'agent', ['tomsk']);
    const everything = await subscribeTicketChanges(b.url, tokenOf(tomskAgent));
    const askedForOther = await subscribeTicketChanges(b.url, tokenOf(tomskAgent), 'novosibirsk');
    try {
      const { createTicket: foreign } = await a.admin.data(createTicket, { tenant: 'novosibirsk' });
      const { createTicket: own } = await a.admin.data(createTicket, { tenant: 'tomsk' });
      await everything.next((c) => c.ticketId === own.id);
      // The own-tenant change arrived after the foreign one was committed, so the foreign
      // one would have arrived by now if it were delivered at all.
      expect(everything.changes.map((c) => c.tenantId)).not.toContain('novosibirsk');
      expect(everything.changes.map((c) => c.ticketId)).not.toContain(foreign.id);
      expect(askedForOther.changes).toEqual([]);
    } finally {
      await everything.close();
      await askedForOther.close();
    }
  });

  it('a subscription without a token is refused', async () => {
    const anonymous = await subscribeTicketChanges(b.url, null);
    try {
      await expect(anonymous.next(() => true, 1000)).rejects.toThrow(/UNAUTHENTICATED|subscription failed/);
    } finally {
      await anonymous.close();
    }
  });
});

describe('timers with two instances', () => {
  it('timers due while both instances sweep fire exactly once each', async () => {
    await publishTimerDesk(a.admin);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await resolvedTimerTicket(i % 2 ? a.admin : b.admin));
    // Both instances advance at once, so both sweep the same due rows concurrently.
    await Promise.all([a.admin.data(`mutation { advanceClock(by: "PT3H") }`), b.admin.data(`mutation { advanceClock(by: "PT3H") }`)]);
    for (const id of ids) {
      const ticket = await ticketState(a.admin, id);
      expect(ticket.statusCategory).toBe('closed');
      expect(timerEvents(ticket.history)).toHaveLength(1);
    }
  });
});
