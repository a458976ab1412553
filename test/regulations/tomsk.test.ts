/**
 * The Tomsk regulation (docs/regulations/tomsk.txt, rules TOM-* of RULES.md) as scenarios,
 * driven only through the public GraphQL API on the manual clock.
 *
 * Tomsk time is Asia/Tomsk, UTC+7 all year (no DST): 15:00 Tomsk is 08:00Z. The desk's
 * business calendar (workflows/tomsk.yaml `calendar:`) is Mon–Fri 09:00–18:00 Tomsk, on the
 * Russian production calendar (PRODUCTION-CALENDAR.md), pre-holiday days end an hour early.
 *
 * TOM-3 ("one request, one problem") asks nothing of the product: see
 * docs/regulations/not-behaviour.md.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs, startTestServer, type TestServer } from '../support/test-server.js';
import type { GraphQLClient } from '../support/graphql-client.js';
import { mailWithAttachments, messageId, rawMail } from '../intake/mail.js';
import { advanceClockTo } from './clock.js';

const TENANT = 'tomsk';
const MAILBOX = 'help@rostu-comp.ru';

/** A Tomsk wall-clock time ("2026-11-20 15:00") as the UTC instant: Tomsk is UTC+7. */
const tomsk = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`).toISOString();

const unique = () => Math.random().toString(36).slice(2, 8);

interface Ticket {
  id: string;
  number: string;
  tenantId: string;
  kind: string | null;
  channel: string;
  subject: string | null;
  state: string;
  statusCategory: string;
  closeReason: string | null;
  fields: Record<string, unknown>;
  missingFields: string[];
  availableEvents: string[];
  version: number;
  history: Array<{ event: string; actor: string; at: string; fromState: string | null; toState: string; data: Record<string, unknown> | null }>;
  messages: Array<{ direction: string; from: string | null; to: string | null; subject: string | null; body: string }>;
  links: Array<{ relation: string; ticket: { id: string; number: string } }>;
}

const ticketFields = `id number tenantId kind channel subject state statusCategory closeReason fields missingFields availableEvents version
  history { event actor at fromState toState data } messages { direction from to subject body } links { relation ticket { id number } }`;

interface Letter {
  ticketId: string | null;
  to: string;
  subject: string;
  body: string;
  at: string;
}

interface Receipt {
  outcome: 'CREATED' | 'APPENDED' | 'REJECTED';
  reason: string | null;
  ticket: Ticket | null;
}

/** Helpers bound to one test server. */
function desk(t: () => TestServer) {
  const api = {
    async now(): Promise<string> {
      return (await t().admin.data<{ now: string }>(`{ now }`)).now;
    },
    /** Moves the manual clock on to `iso` (firing every timer due by then). */
    advanceTo: (iso: string) => advanceClockTo(t().admin, iso),
    async create(input: Record<string, unknown>, client: GraphQLClient = t().admin): Promise<Ticket> {
      return (await client.data<{ createTicket: Ticket }>(`mutation($i: CreateTicketInput!) { createTicket(input: $i) { ${ticketFields} } }`, {
        i: { tenantId: TENANT, channel: 'email', ...input },
      })).createTicket;
    },
    async send(id: string, type: string, data?: Record<string, unknown>, client: GraphQLClient = t().admin): Promise<Ticket> {
      return (await client.data<{ sendTicketEvent: Ticket }>(
        `mutation($id: ID!, $type: String!, $data: JSON) { sendTicketEvent(ticketId: $id, type: $type, data: $data) { ${ticketFields} } }`,
        { id, type, data },
      )).sendTicketEvent;
    },
    /** The error code of an event the ticket must refuse. */
    async refused(id: string, type: string, data?: Record<string, unknown>): Promise<string | undefined> {
      return t().admin.errorCode(`mutation($id: ID!, $type: String!, $data: JSON) { sendTicketEvent(ticketId: $id, type: $type, data: $data) { id } }`, { id, type, data });
    },
    async ticket(id: string): Promise<Ticket> {
      return (await t().admin.data<{ ticket: Ticket }>(`query($id: ID!) { ticket(id: $id) { ${ticketFields} } }`, { id })).ticket;
    },
    async mail(raw: string): Promise<Receipt> {
      return (await t().admin.data<{ receiveEmail: Receipt }>(`mutation($raw: String!) { receiveEmail(raw: $raw) { outcome reason ticket { ${ticketFields} } } }`, { raw })).receiveEmail;
    },
    async lettersTo(to: string): Promise<Letter[]> {
      return (await t().admin.data<{ outboundMessages: Letter[] }>(`query($to: String!) { outboundMessages(to: $to) { ticketId to subject body at } }`, { to })).outboundMessages;
    },
    async lettersOf(ticketId: string): Promise<Letter[]> {
      return (await t().admin.data<{ outboundMessages: Letter[] }>(`query($id: ID!) { outboundMessages(ticketId: $id) { ticketId to subject body at } }`, { id: ticketId })).outboundMessages;
    },
    async total(): Promise<number> {
      return (await t().admin.data<{ tickets: { total: number } }>(`query($t: ID!) { tickets(filter: { tenantId: $t }) { total } }`, { t: TENANT })).tickets.total;
    },
    /** A ticket registered, taken and given a solution now: it enters `resolved` (TOM-6). */
    async resolvedTicket(requester: string): Promise<Ticket> {
      const created = await api.create({ kind: 'consultation', subject: 'Томская область: не формируется отчёт', from: requester, fields: { email: requester, fullName: 'Иванова Анна' } });
      await api.send(created.id, 'TAKE');
      const resolved = await api.send(created.id, 'RESOLVE', { solution: 'Обновите справочник и переформируйте отчёт.' });
      expect(resolved).toMatchObject({ state: 'resolved', statusCategory: 'resolved', closeReason: 'resolved' });
      expect(resolved.availableEvents).toContain('REOPEN');
      return resolved;
    },
  };
  return api;
}

// ------------------------------------------------------------------------------------------
describe('tomsk: from Friday 2026-10-30 17:30 (channels, mailbox, request contents; the reopen window over a weekend, a shortened day and Nov 4)', () => {
  let t: TestServer;
  let agent: GraphQLClient;
  const d = desk(() => t);

  beforeAll(async () => {
    // Friday 2026-10-30 17:30 Tomsk (10:30Z), half an hour before the close of an ordinary
    // working day. The next week: Tue Nov 3 is shortened (09:00–17:00), Wed Nov 4 a holiday.
    t = await startTestServer({ CLOCK_START: tomsk('2026-10-30 17:30') });
    agent = await signInAs(t, 'agent', [TENANT]);
  });
  afterAll(() => t?.stop());

  it('TOM-1 the desk offers two phone lines with their hours in Tomsk time, and the shared mailbox', async () => {
    const { tenants } = await agent.data<{ tenants: Array<{ id: string; timezone: string; channels: Array<Record<string, unknown>> }> }>(
      `{ tenants { id timezone channels { kind address official hours audience } } }`,
    );
    const tenant = tenants.find((x) => x.id === TENANT)!;
    // "по томскому времени": the hours are read in the tenant's zone.
    expect(tenant.timezone).toBe('Asia/Tomsk');
    expect(tenant.channels).toEqual([
      { kind: 'phone', address: '+7 (3822) 71 25 04', official: true, hours: '09:00-18:00', audience: null },
      { kind: 'phone', address: '+7 (495) 135-4-135', official: true, hours: '09:00-22:00', audience: null },
      { kind: 'email', address: MAILBOX, official: true, hours: '24/7', audience: null },
    ]);

    // The regional line's hours are the desk's working day: 09:00–18:00 Tomsk = 02:00Z–11:00Z.
    const { businessCalendar } = await agent.data(
      `{ businessCalendar(tenantId: "tomsk", from: "2026-10-30", to: "2026-10-30") { timezone days { date businessDay intervals { start end } } } }`,
    );
    expect(businessCalendar.timezone).toBe('Asia/Tomsk');
    expect(businessCalendar.days).toEqual([
      { date: '2026-10-30', businessDay: true, intervals: [{ start: '2026-10-30T02:00:00.000Z', end: '2026-10-30T11:00:00.000Z' }] },
    ]);

    // A call to a line becomes a ticket of the phone channel.
    const { logPhoneCall } = await agent.data(
      `mutation($i: LogPhoneCallInput!) { logPhoneCall(input: $i) { id } }`,
      { i: { tenantId: TENANT, callerName: 'Петрова Ольга', callerPhone: '+7 3822 000000', summary: 'Не проводится платёжное поручение' } },
    );
    const { convertPhoneCallToTicket } = await agent.data(
      `mutation($id: ID!) { convertPhoneCallToTicket(id: $id, kind: "error") { ticket { channel tenantId number kind } } }`,
      { id: logPhoneCall.id },
    );
    expect(convertPhoneCallToTicket.ticket).toMatchObject({ channel: 'phone', tenantId: TENANT, kind: 'error' });
    expect(convertPhoneCallToTicket.ticket.number).toMatch(/^TOM-2026-\d{6}$/);

    // The regulation names phones and e-mail only: no web form, no messenger.
    for (const channel of ['web', 'telegram']) {
      const result = await agent.request(`mutation($i: CreateTicketInput!) { createTicket(input: $i) { id } }`, { i: { tenantId: TENANT, channel, subject: 'Томская область' } });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['channel'] });
    }
  });

  it('TOM-1 tenants{channels} tells the Moscow office line\'s extension (доб. 3)', async () => {
    // The Moscow number alone reaches the group's switchboard; the regulation gives "доп. 3".
    const result = await agent.request(`{ tenants { id channels { kind address extension } } }`);
    expect(result.errors).toBeUndefined();
    const tenant = (result.data as { tenants: Array<{ id: string; channels: Array<Record<string, unknown>> }> }).tenants.find((x) => x.id === TENANT)!;
    expect(tenant.channels).toContainEqual({ kind: 'phone', address: '+7 (495) 135-4-135', extension: '3' });
  });

  it('TOM-2 the shared mailbox registers only subjects with «Томская область» (any case); others are refused with a reply, replies to a Tomsk ticket thread without it', async () => {
    const before = await d.total();

    // 1. No phrase in the subject (the body naming the region does not count): refused.
    const stranger = `omsk-${unique()}@example.org`;
    const refusedSubject = `Ошибка в отчёте «Сведения о закупках» ${unique()}`;
    const refusedId = messageId();
    const refused = await d.mail(rawMail({ from: `"Омский пользователь" <${stranger}>`, to: MAILBOX, subject: refusedSubject, body: 'Пишу из Томская область, но в теме забыл.', messageId: refusedId }));
    expect(refused).toEqual({ outcome: 'REJECTED', reason: 'the subject must contain «Томская область»', ticket: null });
    expect(await d.total()).toBe(before);
    // The sender is told why, in the desk's own words (template mail_rejected).
    const [reply, ...more] = await d.lettersTo(stranger);
    expect(more).toEqual([]);
    expect(reply).toMatchObject({ ticketId: null, to: stranger, subject: `Re: ${refusedSubject}` });
    expect(reply!.body).toContain(`Ваше письмо «${refusedSubject}» не зарегистрировано`);
    expect(reply!.body).toContain('«Томская область»');
    // The refused mail is kept with its reason.
    const { inboundMails } = await t.admin.data(`{ inboundMails(status: "rejected", tenantId: "tomsk") { items { messageId reason ticketId } } }`);
    expect(inboundMails.items).toContainEqual({ messageId: refusedId, reason: 'the subject must contain «Томская область»', ticketId: null });

    // 2. The phrase in capitals, and in lower case: registered for Tomsk, with the reason after it.
    const requester = `tomsk-${unique()}@example.org`;
    const upper = await d.mail(rawMail({ from: `"Сидорова Мария" <${requester}>`, to: MAILBOX, subject: 'ТОМСКАЯ ОБЛАСТЬ — не формируется отчёт', body: 'Отчёт не формируется.' }));
    expect(upper.outcome).toBe('CREATED');
    expect(upper.ticket).toMatchObject({ tenantId: TENANT, channel: 'email', subject: 'ТОМСКАЯ ОБЛАСТЬ — не формируется отчёт', statusCategory: 'new' });
    expect(upper.ticket!.number).toMatch(/^TOM-2026-\d{6}$/);
    const lower = await d.mail(rawMail({ from: `other-${unique()}@example.org`, to: MAILBOX, subject: 'томская область: вопрос по справочнику' }));
    expect(lower.outcome).toBe('CREATED');
    expect(lower.ticket!.tenantId).toBe(TENANT);
    expect(await d.total()).toBe(before + 2);
    expect((await d.lettersTo(requester)).map((l) => l.subject)).toEqual([`[${upper.ticket!.number}] Обращение зарегистрировано`]);

    // 3. The requester's reply names the ticket's number but not the region: it is that
    //    ticket's mail, appended, not refused.
    const answer = await d.mail(rawMail({ from: requester, to: MAILBOX, subject: `Re: [${upper.ticket!.number}] Обращение зарегистрировано`, body: 'Прикладываю параметры отчёта.' }));
    expect(answer.outcome).toBe('APPENDED');
    expect(answer.ticket!.id).toBe(upper.ticket!.id);
    expect(answer.ticket!.messages.filter((m) => m.direction === 'in').map((m) => m.body)).toEqual(['Отчёт не формируется.', 'Прикладываю параметры отчёта.']);
    expect(await d.total()).toBe(before + 2);
    expect(await d.lettersTo(requester)).toHaveLength(1); // no refusal

    // 4. A number that is no Tomsk ticket does not open the mailbox: refused.
    const fake = await d.mail(rawMail({ from: stranger, to: MAILBOX, subject: 'Re: [TOM-2026-999999] ответ' }));
    expect(fake.outcome).toBe('REJECTED');
    expect(await d.lettersTo(stranger)).toHaveLength(2);
    expect(await d.total()).toBe(before + 2);
  });

  it('TOM-4 a consultation asks for contacts (full name, organisation, phone, e-mail), the question, the steps and screenshots', async () => {
    const requester = `consult-${unique()}@example.org`;
    const created = await d.create({ kind: 'consultation', subject: 'Томская область: как сформировать реестр', from: requester, fields: { email: requester, fullName: 'Кузнецов Иван' } }, agent);
    // Registered although incomplete; missingFields shows the gaps in the regulation's order.
    expect(created).toMatchObject({ kind: 'consultation', state: 'new', statusCategory: 'new' });
    expect(created.missingFields).toEqual(['organization', 'phone', 'description', 'steps', 'screenshots']);
    // An error's own items are not asked of a consultation.
    expect(created.missingFields).not.toContain('entityPath');

    const waiting = await d.send(created.id, 'REQUEST_INFO', undefined, agent);
    expect(waiting.statusCategory).toBe('waiting_customer');
    const ask = (await d.lettersOf(created.id)).find((l) => l.subject === `[${created.number}] Требуются дополнительные сведения`);
    expect(ask).toMatchObject({ to: requester });
    for (const label of ['наименование организации', 'контактный телефон', 'описание проблемы', 'скриншот ошибки']) expect(ask!.body).toContain(label);

    const complete = await d.send(created.id, 'PROVIDE_INFO', {
      fields: {
        organization: 'ОГКУ «Центр бухгалтерского учёта»',
        phone: '+7 3822 000001',
        description: 'Как сформировать реестр заявок на кассовый расход?',
        steps: 'Открыл Документы → Реестры, нажал «Сформировать».',
        screenshots: ['registry.png'],
      },
    }, agent);
    expect(complete).toMatchObject({ statusCategory: 'open', missingFields: [] });

    // The request kinds are the regulation's two; any other is malformed input.
    const other = await agent.request(`mutation($i: CreateTicketInput!) { createTicket(input: $i) { id } }`, { i: { tenantId: TENANT, channel: 'email', kind: 'complaint' } });
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['kind'] });
  });

  it('TOM-5 an error asks also for the system entity path; document/report data, logs, error text and video are asked for, never required', async () => {
    const requester = `error-${unique()}@example.org`;
    const contacts = { fullName: 'Смирнова Елена', organization: 'Администрация Томского района', phone: '+7 3822 000002', email: requester };
    const created = await d.create({ kind: 'error', subject: 'Томская область: ошибка при проведении документа', from: requester, fields: { ...contacts, description: 'Документ не проводится' } }, agent);
    expect(created.kind).toBe('error');
    expect(created.missingFields).toEqual(['entityPath', 'steps', 'screenshots']);
    for (const optional of ['documentRef', 'reportParams', 'errorLogs', 'errorText', 'video']) expect(created.missingFields).not.toContain(optional);

    await d.send(created.id, 'REQUEST_INFO', undefined, agent);
    const ask = (await d.lettersOf(created.id)).find((l) => l.subject === `[${created.number}] Требуются дополнительные сведения`);
    expect(ask!.body).toContain('путь к объекту в системе');

    // The requester answers by mail with a screenshot and the error-log archive: the files fill
    // `screenshots` and `errorLogs`, the ticket is back in work.
    const answer = await d.mail(
      mailWithAttachments({ from: requester, to: MAILBOX, subject: `Re: [${created.number}] Требуются дополнительные сведения`, body: 'Скриншот и журнал во вложении.' }, [
        { filename: 'error.png', contentType: 'image/png', content: Buffer.from('89504e470d0a1a0a', 'hex') },
        { filename: 'journal.zip', contentType: 'application/zip', content: Buffer.from('504b0506000000000000000000000000000000000000', 'hex') },
      ]),
    );
    expect(answer.outcome).toBe('APPENDED');
    expect(answer.ticket).toMatchObject({ id: created.id, statusCategory: 'open' });
    expect(answer.ticket!.fields).toMatchObject({ screenshots: ['error.png'], errorLogs: ['journal.zip'] });
    expect(answer.ticket!.missingFields).toEqual(['entityPath', 'steps']);

    await d.send(created.id, 'REQUEST_INFO', { missing: ['entityPath', 'steps'] }, agent);
    const complete = await d.send(created.id, 'PROVIDE_INFO', {
      fields: { entityPath: 'Навигатор: Администратор \\ Справочники \\ Центры ответственности', steps: 'Открыть документ, нажать «Провести».' },
    }, agent);
    expect(complete).toMatchObject({ statusCategory: 'open', missingFields: [] });
    expect(complete.fields.entityPath).toBe('Навигатор: Администратор \\ Справочники \\ Центры ответственности');
  });

  it('TOM-6 a solved ticket can be reopened within 2 bd, and is closed for good after (over a weekend, a shortened day and the Nov 4 holiday)', async () => {
    // A: solution received Fri Oct 30 17:30, 8.5 h into the working day. Business day 1 after
    //   Friday is Mon Nov 2, day 2 is Tue Nov 3, a shortened day (09:00–17:00, 8 h < 8.5 h):
    //   the window ends at its close, Tue 2026-11-03 17:00 Tomsk = 10:00Z. (48 calendar
    //   hours would end it on Sunday.)
    const requester = `reopen-${unique()}@example.org`;
    const a = await d.resolvedTicket(requester); // left alone: expires
    const b = await d.resolvedTicket(requester); // reopened Monday, solved again
    const c = await d.resolvedTicket(requester); // reopened a minute before the end

    // The solution letter tells the requester the window.
    const solution = (await d.lettersOf(a.id)).find((l) => l.subject === `[${a.number}] Решение по обращению`);
    expect(solution).toMatchObject({ to: requester });
    expect(solution!.body).toContain('Обновите справочник и переформируйте отчёт.');
    expect(solution!.body).toContain('В течение 2 рабочих дней');

    // Sunday 17:31, more than 48 h later: still within the window.
    await d.advanceTo(tomsk('2026-11-01 17:31'));
    expect((await d.ticket(a.id)).statusCategory).toBe('resolved');

    // Monday 10:00: B is returned to work, within its original description, and solved again.
    // B's window now runs from the second solution, 1 h into Monday: bd 1 = Tue Nov 3, Wed
    // Nov 4 is a holiday, bd 2 = Thu Nov 5 → Thu 2026-11-05 10:00 Tomsk = 03:00Z.
    await d.advanceTo(tomsk('2026-11-02 10:00'));
    const reopened = await d.send(b.id, 'REOPEN', { comment: 'Отчёт по-прежнему не формируется' });
    expect(reopened).toMatchObject({ state: 'open', statusCategory: 'open', closeReason: null });
    await d.send(b.id, 'RESOLVE', { solution: 'Исправлено в обновлении.' });

    // Tue 16:59, a minute before the end: A is still resolved and may be reopened; C is.
    await d.advanceTo(tomsk('2026-11-03 16:59'));
    const aBefore = await d.ticket(a.id);
    expect(aBefore).toMatchObject({ state: 'resolved', statusCategory: 'resolved', closeReason: 'resolved' });
    expect(aBefore.availableEvents).toContain('REOPEN');
    expect(await d.send(c.id, 'REOPEN')).toMatchObject({ statusCategory: 'open' });

    // Tue 17:01: A is closed for good, by the system; C (reopened) stays in work.
    await d.advanceTo(tomsk('2026-11-03 17:01'));
    const aAfter = await d.ticket(a.id);
    expect(aAfter).toMatchObject({ state: 'closed', statusCategory: 'closed', closeReason: 'reopen_window_expired' });
    expect(aAfter.availableEvents).toEqual([]);
    expect(aAfter.history.at(-1)).toMatchObject({ actor: 'system', fromState: 'resolved', toState: 'closed', at: tomsk('2026-11-03 17:00') });
    expect(await d.refused(a.id, 'REOPEN')).toBe('EVENT_NOT_ALLOWED');
    expect((await d.ticket(c.id)).statusCategory).toBe('open');

    // B: the first solution's window (Tue 17:00) closed nothing; the holiday does not count.
    expect((await d.ticket(b.id)).statusCategory).toBe('resolved');
    await d.advanceTo(tomsk('2026-11-04 17:00'));
    expect((await d.ticket(b.id)).statusCategory).toBe('resolved');
    await d.advanceTo(tomsk('2026-11-05 09:59'));
    expect((await d.ticket(b.id)).statusCategory).toBe('resolved');
    await d.advanceTo(tomsk('2026-11-05 10:01'));
    const bAfter = await d.ticket(b.id);
    expect(bAfter).toMatchObject({ statusCategory: 'closed', closeReason: 'reopen_window_expired' });
    expect(bAfter.history.at(-1)).toMatchObject({ actor: 'system', at: tomsk('2026-11-05 10:00') });

    // "a new request must be filed": a mail citing A now opens a new ticket linked to A,
    // even without «Томская область» in the subject.
    const again = await d.mail(rawMail({ from: requester, to: MAILBOX, subject: `Re: [${a.number}] Решение по обращению`, body: 'Снова не формируется.' }));
    expect(again.outcome).toBe('CREATED');
    expect(again.ticket!.id).not.toBe(a.id);
    expect(again.ticket!.links).toEqual([{ relation: 'repeats', ticket: { id: a.id, number: a.number } }]);
    expect((await d.ticket(a.id)).statusCategory).toBe('closed');
  });
});

// ------------------------------------------------------------------------------------------
describe('tomsk: from Wednesday 2026-12-30 11:00 (the reopen window over the New Year and the May 2027 holidays)', () => {
  let t: TestServer;
  const d = desk(() => t);

  beforeAll(async () => {
    // Wednesday 2026-12-30 11:00 Tomsk (04:00Z).
    t = await startTestServer({ CLOCK_START: tomsk('2026-12-30 11:00') });
  });
  afterAll(() => t?.stop());

  it('TOM-6 the 2 bd window skips Dec 31 and Jan 1–10: solved Dec 30 11:00 → closes Jan 12 11:00; solved Dec 31 → Jan 13 09:00', async () => {
    // PRODUCTION-CALENDAR.md: Thu 2026-12-31 is a day off (from Sun Jan 4); 2027-01-01..08
    // (Fri..Fri) are days off, Jan 9–10 a weekend. The first business day of 2027 is Mon Jan 11.
    // Solved Wed Dec 30 11:00 (2 h into the day): bd 1 = Mon Jan 11, bd 2 = Tue Jan 12 →
    //   window ends Tue 2027-01-12 11:00 Tomsk = 04:00Z.
    const requester = `newyear-${unique()}@example.org`;
    const first = await d.resolvedTicket(requester);

    // Solved on Thu Dec 31 12:00, a day off: the count starts at the next opening, Mon Jan 11
    // 09:00 (0 h into the day); bd 1 = Tue Jan 12, bd 2 = Wed Jan 13 → Wed 2027-01-13 09:00
    // Tomsk = 02:00Z (the two business days Jan 11 and Jan 12 are both wholly within it).
    await d.advanceTo(tomsk('2026-12-31 12:00'));
    const second = await d.resolvedTicket(requester);

    // Deep in the holidays (Jan 9, ten calendar days on) both still may be reopened.
    await d.advanceTo(tomsk('2027-01-09 12:00'));
    expect((await d.ticket(first.id)).statusCategory).toBe('resolved');
    expect((await d.ticket(second.id)).statusCategory).toBe('resolved');

    await d.advanceTo(tomsk('2027-01-12 10:59'));
    expect(await d.ticket(first.id)).toMatchObject({ statusCategory: 'resolved', closeReason: 'resolved' });
    await d.advanceTo(tomsk('2027-01-12 11:01'));
    const closed = await d.ticket(first.id);
    expect(closed).toMatchObject({ statusCategory: 'closed', closeReason: 'reopen_window_expired' });
    expect(closed.history.at(-1)).toMatchObject({ actor: 'system', toState: 'closed', at: tomsk('2027-01-12 11:00') });
    expect(await d.refused(first.id, 'REOPEN')).toBe('EVENT_NOT_ALLOWED');

    expect((await d.ticket(second.id)).statusCategory).toBe('resolved');
    await d.advanceTo(tomsk('2027-01-13 08:59'));
    expect((await d.ticket(second.id)).statusCategory).toBe('resolved');
    await d.advanceTo(tomsk('2027-01-13 09:01'));
    const closedSecond = await d.ticket(second.id);
    expect(closedSecond).toMatchObject({ statusCategory: 'closed', closeReason: 'reopen_window_expired' });
    expect(closedSecond.history.at(-1)).toMatchObject({ actor: 'system', at: tomsk('2027-01-13 09:00') });
  });

  it('TOM-6 the 2 bd window skips the May 2027 holidays: solved Fri Apr 30 → Wed May 5, solved Fri May 7 → Wed May 12', async () => {
    // PRODUCTION-CALENDAR.md 2027 (provisional, by the Labour Code): May 1 is a Saturday, its
    // day off is Mon May 3; May 9 is a Sunday, its day off is Mon May 10.
    const requester = `may-${unique()}@example.org`;

    // M1 solved Fri 2027-04-30 10:00 (1 h into the day): May 1–3 are not business days;
    //   bd 1 = Tue May 4, bd 2 = Wed May 5 → Wed 2027-05-05 10:00 Tomsk = 03:00Z.
    await d.advanceTo(tomsk('2027-04-30 10:00'));
    const m1 = await d.resolvedTicket(requester);
    await d.advanceTo(tomsk('2027-05-03 12:00')); // the Monday off
    expect((await d.ticket(m1.id)).statusCategory).toBe('resolved');
    await d.advanceTo(tomsk('2027-05-05 09:59'));
    expect((await d.ticket(m1.id)).statusCategory).toBe('resolved');
    await d.advanceTo(tomsk('2027-05-05 10:01'));
    expect(await d.ticket(m1.id)).toMatchObject({ statusCategory: 'closed', closeReason: 'reopen_window_expired' });
    expect((await d.ticket(m1.id)).history.at(-1)!.at).toBe(tomsk('2027-05-05 10:00'));

    // M2 solved Fri 2027-05-07 11:00 (2 h into the day): May 8–10 are not business days;
    //   bd 1 = Tue May 11, bd 2 = Wed May 12 → Wed 2027-05-12 11:00 Tomsk = 04:00Z.
    await d.advanceTo(tomsk('2027-05-07 11:00'));
    const m2 = await d.resolvedTicket(requester);
    await d.advanceTo(tomsk('2027-05-10 12:00')); // the Monday off
    expect((await d.ticket(m2.id)).statusCategory).toBe('resolved');
    await d.advanceTo(tomsk('2027-05-12 10:59'));
    expect((await d.ticket(m2.id)).statusCategory).toBe('resolved');
    await d.advanceTo(tomsk('2027-05-12 11:01'));
    expect(await d.ticket(m2.id)).toMatchObject({ statusCategory: 'closed', closeReason: 'reopen_window_expired' });
    expect((await d.ticket(m2.id)).history.at(-1)!.at).toBe(tomsk('2027-05-12 11:00'));
  });
});
