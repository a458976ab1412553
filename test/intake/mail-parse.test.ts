/** Reading a mail without a server: subjects, addresses, machine-written mail. */
import { describe, expect, it } from 'vitest';
import { parseMail, stripReplyPrefixes } from '../../server/src/intake/mail.parse.js';
import { outboundMessageId, outboxRowOf } from '../../server/src/mail/outbox.worker.js';
import { legacyCyrillicMail, rawMail } from './mail.js';

describe('stripReplyPrefixes', () => {
  it.each([
    ['Re: Вопрос', 'Вопрос'],
    ['RE: Fwd: FW: Вопрос', 'Вопрос'],
    ['AW: WG: VS: SV: Вопрос', 'Вопрос'],
    ['Ответ: Отв: Пересл: Вопрос', 'Вопрос'],
    ['Re[2]: Re(3): Re^4: Вопрос', 'Вопрос'],
    ['re:Вопрос', 'Вопрос'],
    ['Отчёт: не формируется', 'Отчёт: не формируется'],
    ['Return: value', 'Return: value'],
  ])('%s → %s', (subject, stripped) => {
    expect(stripReplyPrefixes(subject)).toBe(stripped);
  });
});

describe('parseMail', () => {
  it('reads sender, display name, recipients, subject, text and Message-ID', async () => {
    const result = await parseMail(rawMail({ from: '"Иванов Иван" <Ivanov@Example.org>', to: 'a@x.ru, b@y.ru', cc: 'c@z.ru', subject: 'Тема', body: 'Текст', messageId: '<m1@x>' }));
    expect(result).toEqual({
      ok: true,
      mail: expect.objectContaining({
        from: { address: 'Ivanov@Example.org', name: 'Иванов Иван' },
        to: [{ address: 'a@x.ru', name: null }, { address: 'b@y.ru', name: null }],
        cc: [{ address: 'c@z.ru', name: null }],
        subject: 'Тема',
        text: 'Текст',
        messageId: '<m1@x>',
        automatic: null,
      }),
    });
  });

  it('decodes windows-1251 and KOI8-R', async () => {
    const result = await parseMail(legacyCyrillicMail({ from: 'a@x.ru', to: 'b@y.ru', subject: 'Ошибка в отчёте', body: 'Съешь же ещё этих мягких французских булок' }));
    expect(result.ok && [result.mail.subject, result.mail.text]).toEqual(['Ошибка в отчёте', 'Съешь же ещё этих мягких французских булок']);
  });

  it('turns an HTML-only body into text', async () => {
    const raw = ['From: a@x.ru', 'To: b@y.ru', 'Subject: html', 'Content-Type: text/html; charset=utf-8', '', '<p>Привет, <b>мир</b></p>', ''].join('\r\n');
    const result = await parseMail(raw);
    expect(result.ok && result.mail.text).toBe('Привет, мир');
  });

  it.each(['', 'no headers here', 'X-Only: header\r\n\r\nbody without a sender'])('calls %j unparseable', async (raw) => {
    const result = await parseMail(raw);
    expect(result.ok).toBe(false);
  });

  it('says Auto-Submitted: no is a person', async () => {
    const result = await parseMail(rawMail({ headers: ['Auto-Submitted: no'] }));
    expect(result.ok && result.mail.automatic).toBeNull();
  });
});

describe('reply ids', () => {
  it('reads In-Reply-To first, then References from the newest, without repeats', async () => {
    const result = await parseMail(rawMail({ headers: ['In-Reply-To: <c@x>', 'References: <a@x> <b@x>\r\n <c@x>'] }));
    expect(result.ok && result.mail.replyTo).toEqual(['<c@x>', '<b@x>', '<a@x>']);
  });

  it('is empty for a mail that answers nothing', async () => {
    const result = await parseMail(rawMail({}));
    expect(result.ok && result.mail.replyTo).toEqual([]);
  });

  it('our outbound Message-ID leads back to its outbox row; other ids do not', () => {
    const id = outboundMessageId({ id: '42', created_at: new Date('2026-11-23T03:00:00.123Z') }, 'krista.ru');
    expect(id).toBe('<outbox.42.1795402800123@krista.ru>');
    expect(outboxRowOf(id)).toEqual({ id: '42', createdAtMs: 1795402800123 });
    expect(outboxRowOf('<intake-test-1@example.org>')).toBeNull();
    expect(outboxRowOf('<outbox.x.1@krista.ru>')).toBeNull();
  });
});
