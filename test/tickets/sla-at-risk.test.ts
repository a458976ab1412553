/**
 * The ticket list's "SLA at risk" filter (issue 6): tickets with a running clock (not met, not
 * paused) that is breached or falls due within 4 hours of the server's clock, the same rule
 * as the amber and red countdown chips. Counted in SQL, so paging and the total agree, and
 * within the caller's tenants only. Time moves with the manual clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs, type TestServer } from '../support/test-server.js';
import { startSlaDeskServer } from '../support/fixtures.js';

let t: TestServer;

// Monday 23.11.2026, 10:00 in Moscow: the SLA desk (and RusBITech) open.
beforeAll(async () => {
  t = await startSlaDeskServer();
});
afterAll(() => t?.stop());

async function create(tenantId: string, subject: string, ...events: string[]): Promise<string> {
  const { createTicket } = await t.admin.data<{ createTicket: { id: string } }>(
    `mutation($tenant: ID!, $s: String!) { createTicket(input: { tenantId: $tenant, channel: "email", priority: "normal", subject: $s }) { id } }`,
    { tenant: tenantId, s: subject },
  );
  for (const type of events) {
    await t.admin.data(`mutation($id: ID!, $t: String!) { sendTicketEvent(ticketId: $id, type: $t) { id } }`, { id: createTicket.id, t: type });
  }
  return createTicket.id;
}

const advance = (by: string) => t.admin.data(`mutation($by: String!) { advanceClock(by: $by) }`, { by });

interface Page {
  total: number;
  items: Array<{ id: string; subject: string }>;
}

async function atRisk(filter: string, client = t.admin, args = ''): Promise<Page> {
  const { tickets } = await client.data<{ tickets: Page }>(`{ tickets(filter: { ${filter} }, sortField: "subject", sortOrder: ASC${args}) { total items { id subject } } }`);
  return tickets;
}
const subjects = (page: Page) => page.items.map((i) => i.subject);

describe('SLA at risk', () => {
  it('narrows the list to clocks breached or due within 4 hours, and follows the clock', async () => {
    // The reaction clock (4 working hours) stops on TAKE; the resolution clock (2 business
    // days, due Wednesday 10:00) pauses while the customer is asked and stops on RESOLVE.
    await create('sla-desk', 'far', 'TAKE');
    await create('sla-desk', 'paused', 'TAKE', 'REQUEST_INFO');
    await create('sla-desk', 'solved', 'TAKE', 'RESOLVE');
    const near = await create('sla-desk', 'near');
    await create('rusbitech', 'rusbitech'); // another desk's ticket at risk, also due 14:00

    // "near" answers by 14:00: exactly 4 hours left, which the chips already show amber.
    expect(subjects(await atRisk('tenantId: "sla-desk", slaAtRisk: true'))).toEqual(['near']);
    expect(subjects(await atRisk('tenantId: "sla-desk", slaAtRisk: false'))).toEqual(['far', 'paused', 'solved']);

    // 15:00: the reaction clock is breached; the ticket stays at risk.
    await advance('PT5H');
    const { ticket } = await t.admin.data(`query($id: ID!) { ticket(id: $id) { deadlines { kind breached } } }`, { id: near });
    expect(ticket.deadlines).toContainEqual({ kind: 'reaction', breached: true });
    expect(subjects(await atRisk('tenantId: "sla-desk", slaAtRisk: true'))).toEqual(['near']);

    // Wednesday 07:30: "far" has 2.5 hours left. "paused" would too, but its clock waits for
    // the customer; "solved" has met its clocks.
    await advance('PT40H30M');
    expect(subjects(await atRisk('tenantId: "sla-desk", slaAtRisk: true'))).toEqual(['far', 'near']);
    expect(subjects(await atRisk('tenantId: "sla-desk", slaAtRisk: false'))).toEqual(['paused', 'solved']);
  });

  it('pages and counts in SQL, and shows an agent only their own desks', async () => {
    const all = await atRisk('slaAtRisk: true');
    expect(subjects(all)).toEqual(['far', 'near', 'rusbitech']);
    const second = await atRisk('slaAtRisk: true', t.admin, ', page: 1, perPage: 2');
    expect(second).toMatchObject({ total: 3, items: [{ subject: 'rusbitech' }] });
    // Combined with the other filters.
    expect(subjects(await atRisk('slaAtRisk: true, q: "far"'))).toEqual(['far']);

    const agent = await signInAs(t, 'agent', ['sla-desk']);
    const own = await atRisk('slaAtRisk: true', agent);
    expect([own.total, ...subjects(own)]).toEqual([2, 'far', 'near']);
  });
});
