/**
 * SIN-1 (an unofficial channel registers nothing), NSO-8 (a repeated request is linked to the
 * previous one, both ways) and threading by our Message-ID in In-Reply-To / References when
 * the subject lost the number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, signInAs, type TestServer } from '../support/test-server.js';
import { outboundMessageId } from '../../server/src/mail/outbox.worker.js';
import { rawMail } from './mail.js';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.stop());

const unique = () => Math.random().toString(36).slice(2, 8);

interface Linked {
  id: string;
  number: string;
  statusCategory: string;
  fields: Record<string, unknown>;
  history: Array<{ event: string }>;
  messages: Array<{ direction: string; body: string }>;
  links: Array<{ relation: string; ticket: { id: string; number: string } }>;
}
const ticketFields = `id number statusCategory fields history { event } messages { direction body } links { relation ticket { id number } }`;

async function feed(raw: string) {
  const { receiveEmail } = await t.admin.data(`mutation($raw: String!) { receiveEmail(raw: $raw) { outcome reason ticket { ${ticketFields} } } }`, { raw });
  return receiveEmail as { outcome: string; reason: string | null; ticket: Linked | null };
}

async function ticket(id: string, client = t.admin): Promise<Linked> {
  return (await client.data(`query($id: ID!) { ticket(id: $id) { ${ticketFields} } }`, { id })).ticket;
}

async function send(ticketId: string, type: string, data?: Record<string, unknown>) {
  await t.admin.data(`mutation($id: ID!, $type: String!, $data: JSON) { sendTicketEvent(ticketId: $id, type: $type, data: $data) { id } }`, { id: ticketId, type, data });
}

const createTicket = `mutation($i: CreateTicketInput!) { createTicket(input: $i) { ${ticketFields} } }`;

/** The Message-ID the outbox worker gives the ticket's first letter (read back from its row). */
async function firstLetterMessageId(ticketId: string, domain: string): Promise<string> {
  const { rows } = await t.db.query(`select id, created_at from outbox where ticket_id = $1 order by id limit 1`, [ticketId]);
  expect(rows).toHaveLength(1);
  return outboundMessageId(rows[0], domain);
}

describe('SIN-1 only official channels register requests', () => {
  it.each(['telegram', 'phone'])('createTicket through %s on sintez is BAD_USER_INPUT naming channel', async (channel) => {
    const result = await t.admin.request(createTicket, { i: { tenantId: 'sintez', channel, subject: 'Вопрос в чате' } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['channel'] });
    expect(result.errors?.[0]?.message).toMatch(/official/);
  });

  it.each(['email', 'web', 'api'])('createTicket through %s on sintez registers the request', async (channel) => {
    const { createTicket: created } = await t.admin.data(createTicket, { i: { tenantId: 'sintez', channel, subject: 'Обновить раздел «Цены»' } });
    expect(created.number).toMatch(/^TID26\d{6}$/);
  });

  it('a phone channel that is official elsewhere (novosibirsk) still registers; NSO-6 a request without the NSO-5 data waits for the customer', async () => {
    const { createTicket: created } = await t.admin.data(createTicket, { i: { tenantId: 'novosibirsk', channel: 'phone' } });
    expect(created.number).toMatch(/^Ticket#20261123\d{8}$/);
    expect(created.statusCategory).toBe('waiting_customer');
  });
});

describe('NSO-8 links between a repeated request and the previous one', () => {
  it('a mail reply to a closed ticket opens a new ticket that repeats it; the old one is repeated_by the new one', async () => {
    const sender = `repeat-${unique()}@example.org`;
    const old = (await feed(rawMail({ from: sender, subject: 'Ошибка печати' }))).ticket!;
    await send(old.id, 'CLOSE', { reason: 'duplicate' });

    const receipt = await feed(rawMail({ from: sender, subject: `Re: [${old.number}] Ошибка печати снова` }));
    expect(receipt.outcome).toBe('CREATED');
    const repeated = receipt.ticket!;
    expect(repeated.id).not.toBe(old.id);
    expect(repeated.fields.previousNumber).toBe(old.number);
    expect(repeated.links).toEqual([{ relation: 'repeats', ticket: { id: old.id, number: old.number } }]);
    expect((await ticket(old.id)).links).toEqual([{ relation: 'repeated_by', ticket: { id: repeated.id, number: repeated.number } }]);
    const { rows } = await t.db.query(`select tenant_id, relation from ticket_link where ticket_id = any($1::uuid[]) order by id`, [[old.id, repeated.id]]);
    expect(rows).toEqual([
      { tenant_id: 'novosibirsk', relation: 'repeats' },
      { tenant_id: 'novosibirsk', relation: 'repeated_by' },
    ]);
  });

  it('a ticket without links has none', async () => {
    const fresh = (await feed(rawMail({ subject: `Новый вопрос ${unique()}` }))).ticket!;
    expect(fresh.links).toEqual([]);
  });

  it('createTicket with fields.previousNumber of a ticket of the same tenant links them (web/API requests)', async () => {
    const { createTicket: old } = await t.admin.data(createTicket, { i: { tenantId: 'novosibirsk', channel: 'web', subject: 'Первое' } });
    const { createTicket: repeated } = await t.admin.data(createTicket, {
      i: { tenantId: 'novosibirsk', channel: 'web', subject: 'Повторное', fields: { previousNumber: old.number } },
    });
    expect(repeated.links).toEqual([{ relation: 'repeats', ticket: { id: old.id, number: old.number } }]);
    expect((await ticket(old.id)).links).toEqual([{ relation: 'repeated_by', ticket: { id: repeated.id, number: repeated.number } }]);
  });

  it('a previousNumber of another tenant or of no ticket links nothing', async () => {
    const { createTicket: tomsk } = await t.admin.data(createTicket, { i: { tenantId: 'tomsk', channel: 'email' } });
    for (const previousNumber of [tomsk.number, 'Ticket#2026112399999999']) {
      const { createTicket: created } = await t.admin.data(createTicket, { i: { tenantId: 'novosibirsk', channel: 'web', fields: { previousNumber } } });
      expect(created.links).toEqual([]);
    }
    expect((await ticket(tomsk.id)).links).toEqual([]);
  });

  it('links to a ticket the caller may not see are left out', async () => {
    const { createTicket: old } = await t.admin.data(createTicket, { i: { tenantId: 'novosibirsk', channel: 'web' } });
    const { createTicket: repeated } = await t.admin.data(createTicket, { i: { tenantId: 'novosibirsk', channel: 'web', fields: { previousNumber: old.number } } });
    // A cross-tenant row cannot come from the product; written by hand, it must not leak.
    const { createTicket: foreign } = await t.admin.data(createTicket, { i: { tenantId: 'tomsk', channel: 'email' } });
    await t.db.query(`insert into ticket_link (tenant_id, ticket_id, linked_ticket_id, relation, created_at) values ('novosibirsk', $1, $2, 'repeats', now())`, [repeated.id, foreign.id]);
    const agent = await signInAs(t, 'agent', ['novosibirsk']);
    expect((await ticket(repeated.id, agent)).links).toEqual([{ relation: 'repeats', ticket: { id: old.id, number: old.number } }]);
    expect((await ticket(repeated.id)).links).toHaveLength(2);
  });
});

describe('threading by our Message-ID in In-Reply-To / References', () => {
  it('a reply to our letter without the number in the subject joins the open ticket', async () => {
    const sender = `headers-${unique()}@example.org`;
    const created = (await feed(rawMail({ from: sender, subject: 'Не открывается реестр' }))).ticket!;
    const ourId = await firstLetterMessageId(created.id, 'krista.ru');

    const receipt = await feed(rawMail({ from: sender, subject: 'Re: ваше письмо', body: 'Дополнение', headers: [`In-Reply-To: ${ourId}`, `References: ${ourId}`] }));
    expect(receipt.outcome).toBe('APPENDED');
    expect(receipt.ticket!.id).toBe(created.id);
    expect(receipt.ticket!.messages.filter((m) => m.direction === 'in').map((m) => m.body)).toEqual(['Не формируется отчёт.', 'Дополнение']);
  });

  it('References alone (our id among others) is enough; a ticket waiting for the customer (NSO-6) takes PROVIDE_INFO', async () => {
    const sender = `refs-${unique()}@example.org`;
    const created = (await feed(rawMail({ from: sender, subject: 'Не подписывается контракт' }))).ticket!;
    // NSO-6: the incomplete mail was asked for its gaps at registration.
    expect(created.statusCategory).toBe('waiting_customer');
    const ourId = await firstLetterMessageId(created.id, 'krista.ru');

    const receipt = await feed(rawMail({ from: sender, subject: 'Сведения', body: 'ИНН 5401234567', headers: [`References: <x1@example.org> ${ourId} <x2@example.org>`] }));
    expect(receipt.outcome).toBe('APPENDED');
    expect(receipt.ticket).toMatchObject({ id: created.id, statusCategory: 'open' });
    expect(receipt.ticket!.history.map((h) => h.event)).toEqual(['CREATE', 'PROVIDE_INFO']);
  });

  it('a reply to our letter of a closed ticket opens a new ticket linked to it', async () => {
    const sender = `closed-${unique()}@example.org`;
    const old = (await feed(rawMail({ from: sender, subject: 'Ошибка отчёта' }))).ticket!;
    const ourId = await firstLetterMessageId(old.id, 'krista.ru');
    await send(old.id, 'CLOSE', { reason: 'duplicate' });

    const receipt = await feed(rawMail({ from: sender, subject: 'Снова ошибка', headers: [`In-Reply-To: ${ourId}`] }));
    expect(receipt.outcome).toBe('CREATED');
    expect(receipt.ticket!.id).not.toBe(old.id);
    expect(receipt.ticket!.fields.previousNumber).toBe(old.number);
    expect(receipt.ticket!.links).toEqual([{ relation: 'repeats', ticket: { id: old.id, number: old.number } }]);
  });

  it('an id with a wrong creation time, or of another tenant\'s letter, threads nothing', async () => {
    const sender = `forged-${unique()}@example.org`;
    const created = (await feed(rawMail({ from: sender, subject: 'Исходное' }))).ticket!;
    const { rows } = await t.db.query(`select id, created_at from outbox where ticket_id = $1 order by id limit 1`, [created.id]);
    const forged = outboundMessageId({ id: rows[0].id, created_at: new Date(rows[0].created_at.getTime() + 1) }, 'krista.ru');
    expect((await feed(rawMail({ from: sender, subject: 'Без номера', headers: [`In-Reply-To: ${forged}`] }))).outcome).toBe('CREATED');

    const ourId = outboundMessageId(rows[0], 'krista.ru');
    const elsewhere = await feed(rawMail({ from: sender, to: 'support@sintez.info', subject: 'Без номера', headers: [`In-Reply-To: ${ourId}`] }));
    expect(elsewhere.outcome).toBe('CREATED');
    expect(elsewhere.ticket!.number).toMatch(/^TID/);
  });
});

describe('intake fields from the letter', () => {
  it('a new ticket takes the INN (valid check only) and the phone from the body', async () => {
    const body = 'Здравствуйте! ИНН 7707083894 (опечатка), правильно ИНН 7707083893.\nТелефон для связи: 8 (913) 123-45-67';
    const created = (await feed(rawMail({ subject: `Реквизиты ${unique()}`, body }))).ticket!;
    expect(created.fields).toMatchObject({ inn: '7707083893', phone: '+79131234567', description: body });
  });

  it('a body without them adds neither', async () => {
    const created = (await feed(rawMail({ subject: `Без реквизитов ${unique()}`, body: 'ИНН 5401234567, звоните 112' }))).ticket!;
    expect(created.fields.inn).toBeUndefined();
    expect(created.fields.phone).toBeUndefined();
  });
});
