/**
 * Files that come with mail (ISSUE 4 §2): kept for the ticket under the size limits, listed
 * by name in the intake field they serve (images → screenshots, archives and logs →
 * errorLogs, video → video), and downloadable by whoever may see the ticket.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, signInAs, type TestServer } from '../support/test-server.js';
import { mailWithAttachments, messageId, rawMail } from './mail.js';

let t: TestServer;

beforeAll(async () => {
  // Small limits, so a test can cross them without megabytes of base64.
  t = await startTestServer({ MAIL_MAX_ATTACHMENT_BYTES: '4000', MAIL_MAX_MESSAGE_BYTES: '6000' });
});
afterAll(() => t?.stop());

const receive = `mutation($raw: String!) { receiveEmail(raw: $raw) { outcome ticket {
  id number statusCategory fields missingFields attachments { id filename contentType size field kept skippedReason url } } } }`;

interface Received {
  outcome: string;
  ticket: {
    id: string;
    number: string;
    statusCategory: string;
    fields: Record<string, unknown>;
    missingFields: string[];
    attachments: Array<{ id: string; filename: string; contentType: string; size: number; field: string; kept: boolean; skippedReason: string | null; url: string | null }>;
  };
}

async function feed(raw: string): Promise<Received> {
  return (await t.admin.data<{ receiveEmail: Received }>(receive, { raw })).receiveEmail;
}

const bytes = (n: number, seed = 7) => Buffer.from(Array.from({ length: n }, (_, i) => (i * seed) % 251));
const png = bytes(1200, 3);

async function download(url: string, token: string | null) {
  const response = await fetch(new URL(url, t.url), { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()), headers: response.headers };
}

const tokenOf = (client: { token?: string | null }) => client.token ?? null;

describe('mail attachments', () => {
  it('NSO-5 lists a screenshot, a log archive and a video in their fields, and the rest as attachments', async () => {
    const { outcome, ticket } = await feed(
      mailWithAttachments({ subject: 'Ошибка при подписании', body: 'Скриншот и логи во вложении.' }, [
        { filename: 'Снимок экрана.png', contentType: 'image/png', content: png },
        { filename: 'logs.zip', contentType: 'application/zip', content: bytes(900) },
        { filename: 'запись.mp4', contentType: 'video/mp4', content: bytes(800, 5) },
        { filename: 'Письмо.pdf', contentType: 'application/pdf', content: bytes(300, 11) },
      ]),
    );
    expect(outcome).toBe('CREATED');
    expect(ticket.fields).toMatchObject({
      screenshots: ['Снимок экрана.png'],
      errorLogs: ['logs.zip'],
      video: ['запись.mp4'],
      attachments: ['Письмо.pdf'],
    });
    // NSO-5 asks for a screenshot: the one in the mail counts.
    expect(ticket.missingFields).not.toContain('screenshots');
    expect(ticket.attachments.map((a) => [a.filename, a.field, a.size, a.kept])).toEqual([
      ['logs.zip', 'errorLogs', 900, true],
      ['Письмо.pdf', 'attachments', 300, true],
      ['Снимок экрана.png', 'screenshots', 1200, true],
      ['запись.mp4', 'video', 800, true],
    ]);
  });

  it('serves a kept file as a download to whoever may see the ticket, and to nobody else', async () => {
    const { ticket } = await feed(mailWithAttachments({ subject: 'Скриншот' }, [{ filename: 'screen.png', contentType: 'image/png', content: png }]));
    const [file] = ticket.attachments;
    const asAdmin = await download(file!.url!, tokenOf(t.admin));
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body.equals(png)).toBe(true);
    expect(asAdmin.headers.get('content-type')).toBe('image/png');
    expect(asAdmin.headers.get('content-disposition')).toMatch(/^attachment; filename\*=UTF-8''screen\.png$/);

    const tomskAgent = await signInAs(t, 'agent', ['tomsk']);
    expect((await download(file!.url!, tokenOf(tomskAgent))).status).toBe(404);
    expect((await download(file!.url!, null)).status).toBe(401);
    const novosibirskAgent = await signInAs(t, 'agent', ['novosibirsk']);
    expect((await download(file!.url!, tokenOf(novosibirskAgent))).status).toBe(200);
  });

  it('keeps no file over the per-file limit, nor files past the per-message limit, and says why', async () => {
    const { ticket } = await feed(
      mailWithAttachments({ subject: 'Много файлов' }, [
        { filename: 'huge.png', contentType: 'image/png', content: bytes(4500) },
        { filename: 'one.png', contentType: 'image/png', content: bytes(3000) },
        { filename: 'two.zip', contentType: 'application/zip', content: bytes(3500) },
        { filename: 'three.log', contentType: 'text/plain', content: bytes(2000) },
      ]),
    );
    const byName = Object.fromEntries(ticket.attachments.map((a) => [a.filename, a]));
    expect(byName['huge.png']).toMatchObject({ kept: false, url: null, size: 4500 });
    expect(byName['huge.png']!.skippedReason).toMatch(/per file/);
    expect(byName['one.png']).toMatchObject({ kept: true });
    // 3000 + 3500 is over the 6000 of one message; 3000 + 2000 is not.
    expect(byName['two.zip']).toMatchObject({ kept: false });
    expect(byName['two.zip']!.skippedReason).toMatch(/per message/);
    expect(byName['three.log']).toMatchObject({ kept: true, field: 'errorLogs' });
    // Only what was kept is listed in the fields: the agent cannot open the rest.
    expect(ticket.fields).toMatchObject({ screenshots: ['one.png'], errorLogs: ['three.log'] });
    expect((await download(`/attachments/${byName['huge.png']!.id}`, tokenOf(t.admin))).status).toBe(404);
  });

  it('NSO-6 a screenshot sent in reply to the info request completes the ticket', async () => {
    const sender = `reply-${Math.random().toString(36).slice(2)}@example.org`;
    const first = await feed(rawMail({ from: sender, subject: 'Не работает печать', body: 'Ошибка печати.' }));
    expect(first.ticket.missingFields).toContain('screenshots');
    // NSO-6: the incomplete request was asked for its gaps at registration.
    expect(first.ticket.statusCategory).toBe('waiting_customer');
    const reply = await feed(
      mailWithAttachments({ from: sender, subject: `Re: [${first.ticket.number}] Запрос дополнительных сведений`, messageId: messageId() }, [
        { filename: 'image001.png', contentType: 'image/png', content: png, inline: true },
      ]),
    );
    expect(reply.outcome).toBe('APPENDED');
    expect(reply.ticket.id).toBe(first.ticket.id);
    expect(reply.ticket.statusCategory).toBe('open');
    expect(reply.ticket.fields.screenshots).toEqual(['image001.png']);
    expect(reply.ticket.missingFields).not.toContain('screenshots');
  });
});
