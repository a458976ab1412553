/**
 * RBT-3: the average processing time (2–3 bd in the regulation) is a figure the desk reports:
 * from registration to the solution, in the tenant's working days (10:00–18:00 MSK here).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';

let t: TestServer;
// Monday 2026-11-23, 10:00 MSK: RusBITech opens.
beforeAll(async () => {
  t = await startTestServer({ CLOCK_START: '2026-11-23T07:00:00Z' });
});
afterAll(() => t?.stop());

async function ticket(subject: string): Promise<string> {
  const { createTicket } = await t.admin.data<{ createTicket: { id: string } }>(
    `mutation($s: String!) { createTicket(input: { tenantId: "rusbitech", channel: "email", kind: "consultation", subject: $s,
      fields: { organization: "ООО «Пример»", description: "Вопрос" } }) { id } }`,
    { s: subject },
  );
  return createTicket.id;
}

const send = (id: string, type: string, data?: unknown) =>
  t.admin.data(`mutation($id: ID!, $type: String!, $data: JSON) { sendTicketEvent(ticketId: $id, type: $type, data: $data) { id } }`, { id, type, data });

const advance = (by: string) => t.admin.data(`mutation($by: String!) { advanceClock(by: $by) }`, { by });

describe('processing time', () => {
  it('RBT-3 reports the average and median business days from registration to the solution', async () => {
    const slow = await ticket('Долгий вопрос');
    const quick = await ticket('Быстрый вопрос');
    await send(quick, 'TAKE');
    // Mon 10:00 → Tue 10:00: one full working day (8 h).
    await advance('PT24H');
    await send(quick, 'RESOLVE', { solution: 'Ответ' });
    await send(slow, 'TAKE');
    // Tue 10:00 → Wed 14:00: Mon 8 h + Tue 8 h + Wed 4 h = 20 h = 2.5 working days.
    await advance('PT28H');
    await send(slow, 'RESOLVE', { solution: 'Ответ' });
    // A ticket not solved yet does not count.
    await ticket('Открытый вопрос');

    const { processingTime } = await t.admin.data<{ processingTime: { solved: number; averageBusinessDays: number; medianBusinessDays: number } }>(
      `query { processingTime(tenantId: "rusbitech", from: "2026-11-01T00:00:00Z", to: "2026-12-01T00:00:00Z") { solved averageBusinessDays medianBusinessDays } }`,
    );
    expect(processingTime).toEqual({ solved: 2, averageBusinessDays: 1.75, medianBusinessDays: 1.75 });
  });

  it('counts nothing outside the period and refuses a period that ends before it starts', async () => {
    const { processingTime } = await t.admin.data(`query { processingTime(tenantId: "rusbitech", from: "2026-10-01T00:00:00Z", to: "2026-11-01T00:00:00Z") { solved averageBusinessDays } }`);
    expect(processingTime).toEqual({ solved: 0, averageBusinessDays: null });
    const refused = await t.admin.request(`query { processingTime(tenantId: "rusbitech", from: "2026-11-02T00:00:00Z", to: "2026-11-01T00:00:00Z") { solved } }`);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
