/**
 * Many writers, one ticket: the row lock queues them, so no event is lost or applied to a
 * stale snapshot; numbers stay unique however many tickets are created at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.stop());

const create = `mutation($tenant: ID!) { createTicket(input: { tenantId: $tenant, channel: "email" }) { id number version } }`;
const send = `mutation($id: ID!, $type: String!, $v: Int) { sendTicketEvent(ticketId: $id, type: $type, expectedVersion: $v) { version } }`;
const history = `query($id: ID!) { ticket(id: $id) { version history { event } } }`;

describe('racing writers', () => {
  it('20 racing events with the same expectedVersion: exactly one wins, the others get VERSION_CONFLICT', async () => {
    const { createTicket: ticket } = await t.admin.data(create, { tenant: 'tomsk' });
    const results = await Promise.all(Array.from({ length: 20 }, () => t.admin.request(send, { id: ticket.id, type: 'TAKE', v: 1 })));
    const wins = results.filter((r) => !r.errors);
    expect(wins).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'VERSION_CONFLICT')).toHaveLength(19);
    const { ticket: after } = await t.admin.data(history, { id: ticket.id });
    expect(after.version).toBe(2);
    expect(after.history.filter((h: { event: string }) => h.event === 'TAKE')).toHaveLength(1);
  });

  it('20 racing TAKE without expectedVersion are serialised: one applies, 19 find it no longer allowed', async () => {
    const { createTicket: ticket } = await t.admin.data(create, { tenant: 'tomsk' });
    const results = await Promise.all(Array.from({ length: 20 }, () => t.admin.request(send, { id: ticket.id, type: 'TAKE' })));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'EVENT_NOT_ALLOWED')).toHaveLength(19);
    const { ticket: after } = await t.admin.data(history, { id: ticket.id });
    expect(after.version).toBe(2);
    expect(after.history).toHaveLength(2);
  });

  it('racing events that are all allowed are all applied, each on the snapshot the previous one left', async () => {
    const { createTicket: ticket } = await t.admin.data(create, { tenant: 'tomsk' });
    await t.admin.data(send, { id: ticket.id, type: 'TAKE' });
    // REQUEST_INFO and PROVIDE_INFO alternate: any lost update would leave a refused event.
    const types = Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? 'REQUEST_INFO' : 'PROVIDE_INFO'));
    let applied = 0;
    await Promise.all(
      types.map(async () => {
        for (;;) {
          const { ticket: now } = await t.admin.data(`query($id: ID!) { ticket(id: $id) { availableEvents version } }`, { id: ticket.id });
          const type = now.availableEvents.includes('REQUEST_INFO') ? 'REQUEST_INFO' : 'PROVIDE_INFO';
          const result = await t.admin.request(send, { id: ticket.id, type, v: now.version });
          if (!result.errors) return applied++;
          expect(result.errors[0]?.extensions?.code).toMatch(/VERSION_CONFLICT|EVENT_NOT_ALLOWED/);
        }
      }),
    );
    const { ticket: after } = await t.admin.data(history, { id: ticket.id });
    expect(applied).toBe(10);
    expect(after.version).toBe(12);
    expect(after.history).toHaveLength(12);
  });

  it('NSO-4: 50 tickets created at once get 50 distinct DateChecksum numbers with consecutive counters', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => t.admin.data(create, { tenant: 'novosibirsk' })));
    const numbers = results.map((r) => r.createTicket.number as string);
    expect(new Set(numbers).size).toBe(50);
    const counters = numbers.map((n) => Number(n.slice('Ticket#'.length + 10, 'Ticket#'.length + 15))).sort((a, b) => a - b);
    expect(counters.at(-1)! - counters[0]!).toBe(49);
  });
});
