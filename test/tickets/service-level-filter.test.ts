/**
 * The queue filtered by service level (issue 6 §4, "priority or level"): SIN-6 serves
 * clients with extended support first; an agent may want to see only theirs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.stop());

async function organization(name: string, inn: string, serviceLevel: string): Promise<string> {
  const { createOrganization } = await t.admin.data<{ createOrganization: { id: string } }>(
    `mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }`,
    { i: { tenantId: 'sintez', name, inn, serviceLevel, contractFrom: '2026-01-01', contractUntil: '2027-12-31' } },
  );
  return createOrganization.id;
}

async function ticket(subject: string, organizationId?: string): Promise<string> {
  const { createTicket } = await t.admin.data<{ createTicket: { number: string } }>(
    `mutation($i: CreateTicketInput!) { createTicket(input: $i) { number } }`,
    { i: { tenantId: 'sintez', channel: 'email', kind: 'change', subject, organizationId } },
  );
  return createTicket.number;
}

const numbersAt = async (filter: Record<string, unknown>) => {
  const { tickets } = await t.admin.data<{ tickets: { items: Array<{ number: string }>; total: number } }>(
    `query($f: TicketFilter) { tickets(filter: $f, sortField: "queue") { items { number } total } }`,
    { f: filter },
  );
  return { numbers: tickets.items.map((i) => i.number), total: tickets.total };
};

describe('tickets filtered by service level (SIN-6)', () => {
  it("lists only the tickets of organisations on that level, by the level they were registered with", async () => {
    const extended = await organization('ООО «Расширенная»', '7451000001', 'extended');
    const standard = await organization('ООО «Обычная»', '7451000002', 'standard');
    const a = await ticket('Новый раздел на сайте', extended);
    const b = await ticket('Поправить меню', standard);
    const c = await ticket('Без организации');
    expect(await numbersAt({ tenantId: 'sintez', serviceLevel: 'extended' })).toEqual({ numbers: [a], total: 1 });
    expect(await numbersAt({ serviceLevel: 'standard' })).toEqual({ numbers: [b], total: 1 });
    const all = await numbersAt({ tenantId: 'sintez' });
    expect(all.numbers).toEqual(expect.arrayContaining([a, b, c]));
    // SIN-6: the extended client first in the service order.
    expect(all.numbers[0]).toBe(a);
  });
});
