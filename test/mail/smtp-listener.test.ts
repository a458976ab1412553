import 'reflect-metadata';
/**
 * The inbound SMTP listener (CONTRACT, `SMTP_PORT`): mail accepted there goes the same way
 * as `receiveEmail` (NSO-2 routing by the receiving address); mail for an address no
 * tenant's workflow names is refused at RCPT, before its data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nodemailer from 'nodemailer';
import iconv from 'iconv-lite';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { eventually, freePort } from './sink.js';

let t: TestServer;
let port: number;

beforeAll(async () => {
  t = await startTestServer({ SMTP_PORT: String(await freePort()), SMTP_RATE_LIMIT: '3', SMTP_RATE_WINDOW_MS: '600000' });
  port = t.server.smtpPort!;
});
afterAll(() => t?.stop());

const unique = () => Math.random().toString(36).slice(2, 8);
const transport = () => nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });

describe('SMTP listener', () => {
  it('NSO-2 a mail to gz54@krista.ru over SMTP registers a customer ticket; NSO-4/NSO-6 the acknowledgement and the info request go out', async () => {
    const sender = `smtp-${unique()}@example.org`;
    const messageId = `<${unique()}@example.org>`;
    const info = await transport().sendMail({ from: `"Сидоров Сидор" <${sender}>`, to: 'gz54@krista.ru', subject: 'Не работает выгрузка', text: 'Выгрузка падает с ошибкой.', messageId });
    expect(info.accepted).toEqual(['gz54@krista.ru']);
    // The intake answered before the listener said 250: the ticket exists now.
    const { rows } = await t.db.query(`select status, tenant_id, ticket_id from inbound_mail where message_id = $1`, [messageId]);
    expect(rows).toMatchObject([{ status: 'created', tenant_id: 'novosibirsk' }]);
    const { ticket } = await t.admin.data<{ ticket: { number: string; tenantId: string; audience: string; channel: string; subject: string; statusCategory: string; fields: Record<string, unknown>; history: Array<{ actor: string }> } }>(
      `query($id: ID!) { ticket(id: $id) { number tenantId audience channel subject statusCategory fields history { actor } } }`,
      { id: rows[0].ticket_id },
    );
    expect(ticket).toMatchObject({ tenantId: 'novosibirsk', audience: 'customer', channel: 'email', subject: 'Не работает выгрузка', fields: { email: sender, fullName: 'Сидоров Сидор' } });
    // NSO-6: the mail lacks most of what NSO-5 requires, so the ticket waits for the customer.
    expect(ticket.statusCategory).toBe('waiting_customer');
    // NSO-4: the acknowledgement, then (NSO-6) the request for the missing data, both
    // delivered (captured: no relay configured).
    const letters = await eventually(async () => {
      const { rows: out } = await t.db.query(`select status, subject from outbox where recipient = $1 order by id`, [sender]);
      return out.length === 2 && out.every((r) => r.status === 'captured') ? out : undefined;
    });
    expect(letters.map((r: { subject: string }) => r.subject)).toEqual([
      `[${ticket.number}] Обращение зарегистрировано`,
      `[${ticket.number}] Запрос дополнительных сведений`,
    ]);
  });

  it('routes a Bcc copy (our address only in the envelope) by its envelope recipient', async () => {
    const messageId = `<${unique()}@example.org>`;
    await transport().sendMail({ from: `bcc-${unique()}@example.org`, to: 'someone@example.org', bcc: 'gz54@krista.ru', subject: 'Копия', text: 'Текст', messageId, envelope: { from: 'x@example.org', to: ['gz54@krista.ru'] } });
    const { rows } = await t.db.query(`select status, tenant_id from inbound_mail where message_id = $1`, [messageId]);
    expect(rows).toMatchObject([{ status: 'created', tenant_id: 'novosibirsk' }]);
  });

  it('refuses an unknown recipient at RCPT with a 5xx, and keeps nothing', async () => {
    const messageId = `<${unique()}@example.org>`;
    const sending = transport().sendMail({ from: 'a@example.org', to: 'nobody@krista.ru', subject: 'Кому-нибудь', text: 'Текст', messageId });
    await expect(sending).rejects.toMatchObject({ responseCode: 550, command: 'RCPT TO' });
    const { rows } = await t.db.query(`select 1 from inbound_mail where message_id = $1`, [messageId]);
    expect(rows).toHaveLength(0);
  });

  it('accepts a mail the intake refuses (an auto-reply) and keeps it with its reason', async () => {
    const messageId = `<${unique()}@example.org>`;
    const info = await transport().sendMail({ from: 'robot@example.org', to: 'gz54@krista.ru', subject: 'Out of office', text: 'Я в отпуске', messageId, headers: { 'Auto-Submitted': 'auto-replied' } });
    expect(info.accepted).toEqual(['gz54@krista.ru']);
    const { rows } = await t.db.query(`select status, reason from inbound_mail where message_id = $1`, [messageId]);
    expect(rows).toMatchObject([{ status: 'rejected', reason: expect.stringMatching(/automatic/) }]);
  });

  it('decodes an 8-bit windows-1251 mail by its own charset, and keeps its exact bytes', async () => {
    const messageId = `<${unique()}@example.org>`;
    const body = 'Добрый день! Не формируется отчёт по закупкам.\r\nС уважением, Петрова Анна';
    const raw = Buffer.concat([
      Buffer.from(
        [`From: cp1251-${unique()}@example.org`, 'To: gz54@krista.ru', 'Subject: =?windows-1251?B?' + iconv.encode('Отчёт', 'windows-1251').toString('base64') + '?=', `Message-ID: ${messageId}`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=windows-1251', 'Content-Transfer-Encoding: 8bit', '', ''].join('\r\n'),
        'ascii',
      ),
      iconv.encode(body, 'windows-1251'),
      Buffer.from('\r\n', 'ascii'),
    ]);
    await transport().sendMail({ envelope: { from: 'x@example.org', to: ['gz54@krista.ru'] }, raw });
    const { rows } = await t.db.query(`select status, ticket_id, raw_bytes from inbound_mail where message_id = $1`, [messageId]);
    expect(rows).toMatchObject([{ status: 'created' }]);
    expect((rows[0].raw_bytes as Buffer).includes(iconv.encode(body, 'windows-1251'))).toBe(true);
    const { ticket } = await t.admin.data<{ ticket: { subject: string; fields: { description: string } } }>(`query($id: ID!) { ticket(id: $id) { subject fields } }`, { id: rows[0].ticket_id });
    expect(ticket.subject).toBe('Отчёт');
    expect(ticket.fields.description).toBe(body.replace('\r\n', '\n'));
  });

  it('keeps a mail with a NUL byte, readable, without the NUL', async () => {
    const messageId = `<${unique()}@example.org>`;
    const raw = Buffer.from(`From: nul-${unique()}@example.org\r\nTo: gz54@krista.ru\r\nSubject: Null\x00byte\r\nMessage-ID: ${messageId}\r\n\r\nBody\x00with a NUL\r\n`, 'latin1');
    await transport().sendMail({ envelope: { from: 'x@example.org', to: ['gz54@krista.ru'] }, raw });
    const { rows } = await t.db.query(`select status, subject, raw_bytes from inbound_mail where message_id = $1`, [messageId]);
    expect(rows).toMatchObject([{ status: 'created', subject: 'Nullbyte' }]);
    expect((rows[0].raw_bytes as Buffer).equals(Buffer.concat([Buffer.from('Delivered-To: gz54@krista.ru\r\n'), raw]))).toBe(true);
  });

  it('tells a sender over the limit to try again later (450), and still takes mail from others', async () => {
    const flooder = `flood-${unique()}@example.org`;
    const results = [];
    for (let i = 0; i < 4; i++) {
      results.push(await transport().sendMail({ from: flooder, to: 'gz54@krista.ru', subject: `Спам ${i}`, text: 'Текст' }).then(() => 'accepted', (e: { responseCode?: number }) => e.responseCode));
    }
    expect(results).toEqual(['accepted', 'accepted', 'accepted', 450]);
    const { rows } = await t.db.query(`select count(*)::int as n from inbound_mail where sender = $1`, [flooder]);
    expect(rows[0].n).toBe(3);
    await expect(transport().sendMail({ from: `calm-${unique()}@example.org`, to: 'gz54@krista.ru', subject: 'Вопрос', text: 'Текст' })).resolves.toMatchObject({ accepted: ['gz54@krista.ru'] });
  });
});
