/**
 * Effects a machine step returns as data are carried out by the engine in the event's
 * transaction: letters go to the outbox and the thread, notes to the history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.stop());

describe('effects', () => {
  it('KUR-5: ESCALATE sends the escalation letter to sd@kurganobl.ru and records the note, the ticket stays in work', async () => {
    const { createTicket } = await t.admin.data(
      `mutation { createTicket(input: { tenantId: "kurgan-vipnet", channel: "email", from: "it@kurgan.example.ru", subject: "Нет связи с координатором",
        fields: { authority: "Администрация Шадринского района", fullName: "Зайцева Нина Павловна", phone: "+7 3522 000000" } }) { id number } }`,
    );
    for (const type of ['TAKE', 'ESCALATE']) {
      await t.admin.data(`mutation($id: ID!, $t: String!) { sendTicketEvent(ticketId: $id, type: $t) { id } }`, { id: createTicket.id, t: type });
    }
    const { ticket } = await t.admin.data(`query($id: ID!) { ticket(id: $id) { statusCategory history { event data } } }`, { id: createTicket.id });
    expect(ticket.statusCategory).toBe('open');
    expect(ticket.history.at(-1)).toEqual({ event: 'ESCALATE', data: { notes: ['Эскалировано в УИТ ПКО (sd@kurganobl.ru)'] } });
    const { outboundMessages } = await t.admin.data(`query($id: ID!) { outboundMessages(ticketId: $id, to: "sd@kurganobl.ru") { subject body } }`, { id: createTicket.id });
    expect(outboundMessages).toHaveLength(1);
    expect(outboundMessages[0].subject + outboundMessages[0].body).toContain(createTicket.number);
  });
});
