import 'reflect-metadata';
/**
 * The inbound SMTP listener (CONTRACT, `SMTP_PORT`): mail accepted there goes the same way
 * as `receiveEmail` (NSO-2 routing by the receiving address); mail for an address no
 * tenant's workflow names is refused at RCPT, before its data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nodemailer from 'nodemailer';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { eventually, freePort } from './sink.js';

let t: TestServer;
let port: number;

beforeAll(async () => {
  t = await startTestServer({ SMTP_PORT: String(await freePort()) });
  port = t.server.smtpPort!;
});
afterAll(() => t?.stop());

const unique = () => Math.random().toString(36).slice(2, 8);
const transport = () => nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });

describe('SMTP listener', () => {
  it('NSO-2 a mail to gz54@krista.ru over SMTP registers a customer ticket', async () => {
    const sender = `smtp-${unique()}@example.org`;
    const messageId = `<${unique()}@example.org>`;
    const info = await transport().sendMail({ from: `"Сидоров Сидор" <${sender}>`, to: 'gz54@krista.ru', subject: 'Не работает выгрузка', text: 'Выгрузка падает с ошибкой.', messageId });
    expect(info.accepted).toEqual(['gz54@krista.ru']);
    // The intake answered before the listener said 250: the ticket exists now.
    const { rows } = await t.db.query(`select status, tenant_id, ticket_id from inbound_mail where message_id = $1`, [messageId]);
    expect(rows).toMatchObject([{ status: 'created', tenant_id: 'novosibirsk' }]);
    const { ticket } = await t.admin.data<{ ticket: { tenantId: string; audience: string; channel: string; subject: string; fields: Record<string, unknown>; history: Array<{ actor: string }> } }>(
      `query($id: ID!) { ticket(id: $id) { tenantId audience channel subject fields history { actor } } }`,
      { id: rows[0].ticket_id },
    );
    expect(ticket).toMatchObject({ tenantId: 'novosibirsk', audience: 'customer', channel: 'email', subject: 'Не работает выгрузка', fields: { email: sender, fullName: 'Сидоров Сидор' } });
    // NSO-4: and its acknowledgement is delivered (captured: no relay configured).
    await eventually(async () => {
      const { rows: out } = await t.db.query(`select status from outbox where recipient = $1`, [sender]);
      return out.length === 1 && out[0].status === 'captured' ? true : undefined;
    });
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
});
