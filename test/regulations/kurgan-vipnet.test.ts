/**
 * The Kurgan secure-network regulation (docs/regulations/kurgan-vipnet.txt, rules KUR-* of
 * RULES.md) as scenarios, driven only through the public GraphQL API on the manual clock.
 *
 * The requester's time is Asia/Yekaterinburg, UTC+5 all year (no DST): 08:00 local is 03:00Z.
 * The desk's calendar (workflows/kurgan-vipnet.yaml `calendar:`) is Mon–Fri 08:00–17:00 on the
 * Russian production calendar.
 *
 * KUR-1 (the procedure's scope) asks nothing of the product: see
 * docs/regulations/not-behaviour.md.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs, startTestServer, type TestServer } from '../support/test-server.js';
import type { GraphQLClient } from '../support/graphql-client.js';
import { rawMail } from '../intake/mail.js';
import { advanceClockTo } from './clock.js';

const TENANT = 'kurgan-vipnet';
const MAILBOX = '155@krasnodar.pro';
const UIT = 'sd@kurganobl.ru';

/** A Yekaterinburg (Kurgan) wall-clock time ("2026-11-22 03:00") as the UTC instant: UTC+5. */
const local = (at: string) => new Date(`${at.replace(' ', 'T')}:00+05:00`).toISOString();

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
  createdAt: string;
  history: Array<{ event: string; actor: string; at: string; fromState: string | null; toState: string; data: Record<string, unknown> | null }>;
  messages: Array<{ direction: string; from: string | null; to: string | null; subject: string | null; body: string }>;
}

const ticketFields = `id number tenantId kind channel subject state statusCategory closeReason fields missingFields availableEvents version createdAt
  history { event actor at fromState toState data } messages { direction from to subject body }`;

interface Letter {
  ticketId: string | null;
  to: string;
  subject: string;
  body: string;
}

interface Receipt {
  outcome: 'CREATED' | 'APPENDED' | 'REJECTED';
  reason: string | null;
  ticket: Ticket | null;
}

// One server for the file: every scenario only moves the clock forward, to absolute times,
// and the scenarios are declared in the order of those times.
let t: TestServer;
let agent: GraphQLClient;

beforeAll(async () => {
  // Sunday 2026-11-22 03:00 in Kurgan (2026-11-21T22:00Z): night, a day off.
  t = await startTestServer({ CLOCK_START: local('2026-11-22 03:00') });
  agent = await signInAs(t, 'agent', [TENANT]);
});
afterAll(() => t?.stop());

const advanceTo = (iso: string) => advanceClockTo(t.admin, iso);

async function create(input: Record<string, unknown>, client: GraphQLClient = agent): Promise<Ticket> {
  return (await client.data<{ createTicket: Ticket }>(`mutation($i: CreateTicketInput!) { createTicket(input: $i) { ${ticketFields} } }`, {
    i: { tenantId: TENANT, channel: 'email', ...input },
  })).createTicket;
}

async function send(id: string, type: string, data?: Record<string, unknown>, client: GraphQLClient = agent): Promise<Ticket> {
  return (await client.data<{ sendTicketEvent: Ticket }>(
    `mutation($id: ID!, $type: String!, $data: JSON) { sendTicketEvent(ticketId: $id, type: $type, data: $data) { ${ticketFields} } }`,
    { id, type, data },
  )).sendTicketEvent;
}

async function ticket(id: string): Promise<Ticket> {
  return (await agent.data<{ ticket: Ticket }>(`query($id: ID!) { ticket(id: $id) { ${ticketFields} } }`, { id })).ticket;
}

async function mail(raw: string): Promise<Receipt> {
  return (await t.admin.data<{ receiveEmail: Receipt }>(`mutation($raw: String!) { receiveEmail(raw: $raw) { outcome reason ticket { ${ticketFields} } } }`, { raw })).receiveEmail;
}

async function lettersTo(to: string): Promise<Letter[]> {
  return (await agent.data<{ outboundMessages: Letter[] }>(`query($to: String!) { outboundMessages(to: $to) { ticketId to subject body } }`, { to })).outboundMessages;
}

async function lettersOf(ticketId: string): Promise<Letter[]> {
  return (await agent.data<{ outboundMessages: Letter[] }>(`query($id: ID!) { outboundMessages(ticketId: $id) { ticketId to subject body } }`, { id: ticketId })).outboundMessages;
}

describe('kurgan-vipnet: channels, request contents, escalation, registration numbers', () => {
  it('KUR-2 phone 08:00–17:00 in the requester\'s time; e-mail (the main channel) and the web form 24/7', async () => {
    const { tenants } = await agent.data<{ tenants: Array<{ id: string; timezone: string; channels: Array<Record<string, unknown>> }> }>(
      `{ tenants { id timezone channels { kind address official hours audience } } }`,
    );
    expect(tenants.map((x) => x.id)).toEqual([TENANT]);
    expect(tenants[0]!.timezone).toBe('Asia/Yekaterinburg');
    expect(tenants[0]!.channels).toEqual([
      { kind: 'email', address: MAILBOX, official: true, hours: '24/7', audience: null },
      { kind: 'web', address: 'http://rosint.net/feedback/', official: true, hours: '24/7', audience: null },
      { kind: 'phone', address: '8-800-200-79-32', official: true, hours: '08:00-17:00', audience: null },
    ]);

    // The line's hours are the desk's working day: 08:00–17:00 Kurgan (UTC+5) = 03:00Z–12:00Z.
    const { businessCalendar } = await agent.data(
      `{ businessCalendar(tenantId: "kurgan-vipnet", from: "2026-11-22", to: "2026-11-23") { timezone days { date businessDay intervals { start end } } } }`,
    );
    expect(businessCalendar.timezone).toBe('Asia/Yekaterinburg');
    expect(businessCalendar.days).toEqual([
      { date: '2026-11-22', businessDay: false, intervals: [] },
      { date: '2026-11-23', businessDay: true, intervals: [{ start: '2026-11-23T03:00:00.000Z', end: '2026-11-23T12:00:00.000Z' }] },
    ]);

    // E-mail around the clock: a letter at 03:00 on a Sunday is registered at once.
    const sender = `night-${unique()}@example.org`;
    const received = await mail(rawMail({ from: `"Дежурный ОИВ" <${sender}>`, to: MAILBOX, subject: 'Нет связи с сетью ViPNet', body: 'С 02:00 нет связи.' }));
    expect(received.outcome).toBe('CREATED');
    expect(received.ticket).toMatchObject({ tenantId: TENANT, channel: 'email', statusCategory: 'new', createdAt: local('2026-11-22 03:00') });

    // The web form and the phone register requests too; a channel the regulation lacks does not.
    expect((await create({ channel: 'web', kind: 'incident', subject: 'Форма обратной связи' })).channel).toBe('web');
    const { logPhoneCall } = await agent.data(`mutation($i: LogPhoneCallInput!) { logPhoneCall(input: $i) { id } }`, {
      i: { tenantId: TENANT, callerName: 'Орлов Пётр', callerPhone: '8 (3522) 41-00-00', summary: 'Не поднимается туннель до координатора' },
    });
    const { convertPhoneCallToTicket } = await agent.data(
      `mutation($id: ID!) { convertPhoneCallToTicket(id: $id, kind: "incident") { ticket { channel tenantId kind } } }`,
      { id: logPhoneCall.id },
    );
    expect(convertPhoneCallToTicket.ticket).toEqual({ channel: 'phone', tenantId: TENANT, kind: 'incident' });
    const telegram = await agent.request(`mutation($i: CreateTicketInput!) { createTicket(input: $i) { id } }`, { i: { tenantId: TENANT, channel: 'telegram' } });
    expect(telegram.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['channel'] });
  });

  it('KUR-2 tenants{channels} tells the phone line\'s extension 155', async () => {
    // "8-800-200-79-32, добавочный 155": without the extension the caller reaches the secretary.
    const result = await agent.request(`{ tenants { id channels { kind address extension } } }`);
    expect(result.errors).toBeUndefined();
    const tenant = (result.data as { tenants: Array<{ id: string; channels: Array<Record<string, unknown>> }> }).tenants.find((x) => x.id === TENANT)!;
    expect(tenant.channels).toContainEqual({ kind: 'phone', address: '8-800-200-79-32', extension: '155' });
  });

  it('KUR-3 a request must give the authority (ОИВ/ОМСУ), the user\'s full name, phone, e-mail and the fault; what is missing is asked for', async () => {
    // Through the API: registered although incomplete, missingFields names the gaps.
    const requester = `user-${unique()}@example.org`;
    const created = await create({ kind: 'incident', subject: 'Не работает VipNet Coordinator', from: requester, fields: { fullName: 'Зайцева Нина Павловна', email: requester } });
    expect(created).toMatchObject({ state: 'new', statusCategory: 'new', kind: 'incident' });
    expect(created.missingFields).toEqual(['authority', 'phone', 'description']);

    const waiting = await send(created.id, 'REQUEST_INFO');
    expect(waiting.statusCategory).toBe('waiting_customer');
    const [ask] = (await lettersOf(created.id)).filter((l) => l.subject === `[${created.number}] Требуются дополнительные сведения`);
    expect(ask).toMatchObject({ to: requester });
    for (const label of ['наименование ОИВ (ОМСУ)', 'контактный телефон', 'описание проблемы']) expect(ask!.body).toContain(label);

    const complete = await send(created.id, 'PROVIDE_INFO', {
      fields: { authority: 'Администрация Шадринского муниципального округа', phone: '+7 3522 000000', description: 'Координатор не отвечает с 09:00' },
    });
    expect(complete).toMatchObject({ statusCategory: 'open', missingFields: [] });

    // By mail: the sender's name and address, the letter's text and a phone it names count;
    // the authority cannot be read from a letter, so it is asked for.
    const sender = `mail-${unique()}@example.org`;
    const received = await mail(rawMail({
      from: `"Орлова Анна Сергеевна" <${sender}>`,
      to: MAILBOX,
      subject: 'Не поднимается туннель',
      body: 'Не поднимается туннель до координатора. Тел. 8 (3522) 42-00-00',
    }));
    expect(received.outcome).toBe('CREATED');
    expect(received.ticket!.fields).toMatchObject({ fullName: 'Орлова Анна Сергеевна', email: sender, phone: '+73522420000' });
    expect(received.ticket!.missingFields).toEqual(['authority']);
  });

  it('KUR-5 ESCALATE writes to УИТ ПКО (sd@kurganobl.ru) with every prescribed item, records the escalation, and the ticket stays in work', async () => {
    await advanceTo(local('2026-11-23 10:00'));
    const requester = `escalate-${unique()}@example.org`;
    const created = await create({
      kind: 'incident',
      subject: 'Нет связи с координатором',
      from: requester,
      fields: {
        authority: 'Администрация Шадринского муниципального округа',
        fullName: 'Зайцева Нина Павловна',
        phone: '+7 3522 000000',
        email: requester,
        description: 'Нет связи с координатором ViPNet',
      },
    });
    expect(created.missingFields).toEqual([]);
    const taken = await send(created.id, 'TAKE');
    expect(taken.availableEvents).toContain('ESCALATE');

    const escalated = await send(created.id, 'ESCALATE', { status: 'Ожидается замена оборудования у провайдера' });
    // Still in work: the escalation is a letter, not a change of state.
    expect(escalated).toMatchObject({ state: 'open', statusCategory: 'open', version: taken.version + 1 });

    // The letter: the authority, the registration number, a short description, the current
    // state of the resolution, the contact's full name and phone.
    const letters = (await lettersTo(UIT)).filter((l) => l.ticketId === created.id);
    expect(letters).toHaveLength(1);
    expect(letters[0]!.subject).toBe(`Эскалация обращения ${created.number}`);
    expect(letters[0]!.body.split('\n').filter(Boolean)).toEqual([
      'Наименование ОИВ (ОМСУ): Администрация Шадринского муниципального округа',
      `Регистрационный номер: ${created.number}`,
      'Краткое описание проблемы: Нет связи с координатором ViPNet',
      'Текущее состояние решения: Ожидается замена оборудования у провайдера',
      'Контактное лицо: Зайцева Нина Павловна, телефон +7 3522 000000',
    ]);

    // Recorded: the history row of the escalation names it, and the letter is in the thread.
    expect(escalated.history.at(-1)).toMatchObject({
      event: 'ESCALATE',
      fromState: 'open',
      toState: 'open',
      at: local('2026-11-23 10:00'),
      data: expect.objectContaining({ status: 'Ожидается замена оборудования у провайдера', notes: ['Эскалировано в УИТ ПКО (sd@kurganobl.ru)'] }),
    });
    expect(escalated.messages).toContainEqual(expect.objectContaining({ direction: 'out', to: UIT, subject: `Эскалация обращения ${created.number}` }));
    // The requester is not copied on the letter to УИТ ПКО.
    expect((await lettersTo(requester)).map((l) => l.subject)).toEqual([`[${created.number}] Обращение зарегистрировано`]);

    // Work goes on after the escalation.
    const resolved = await send(created.id, 'RESOLVE', { solution: 'Оборудование заменено, связь восстановлена.' });
    expect(resolved.statusCategory).toBe('resolved');
  });

  it('KUR-4 the requester is told the registration number КУР-YYYY-NNNNN (the local year) and it threads all further correspondence', async () => {
    // Thu 2026-12-31 23:58 in Kurgan = 18:58Z. The counter is yearly, by the local date.
    await advanceTo(local('2026-12-31 23:58'));
    const sender = `number-${unique()}@example.org`;
    const received = await mail(rawMail({ from: `"Петров Пётр" <${sender}>`, to: MAILBOX, subject: 'Сбой координатора', body: 'Координатор перезагружается.' }));
    expect(received.outcome).toBe('CREATED');
    const number = received.ticket!.number;
    expect(number).toMatch(/^КУР-2026-\d{5}$/);

    // The acknowledgement tells the number and that it is to be used from now on.
    const [ack, ...rest] = await lettersTo(sender);
    expect(rest).toEqual([]);
    expect(ack).toMatchObject({ ticketId: received.ticket!.id, subject: `[${number}] Обращение зарегистрировано` });
    expect(ack!.body).toContain(`регистрационный номер ${number}`);
    expect(ack!.body).toContain('Используйте его при дальнейшем общении');

    // Further letters naming the number join the ticket, with or without brackets.
    const reply = await mail(rawMail({ from: sender, to: MAILBOX, subject: `Re: [${number}] Обращение зарегистрировано`, body: 'Дополнение: журнал во вложении.' }));
    expect(reply).toMatchObject({ outcome: 'APPENDED', ticket: { id: received.ticket!.id } });
    const plain = await mail(rawMail({ from: sender, to: MAILBOX, subject: `По обращению ${number}`, body: 'Связь восстановилась.' }));
    expect(plain).toMatchObject({ outcome: 'APPENDED', ticket: { id: received.ticket!.id } });
    const { ticketByNumber } = await agent.data(`query($n: String!) { ticketByNumber(tenantId: "kurgan-vipnet", number: $n) { id } }`, { n: number });
    expect(ticketByNumber.id).toBe(received.ticket!.id);

    // 23:59 local: the next 2026 number. 00:01 local on Jan 1 (still Dec 31 at UTC, 19:01Z):
    // the 2027 count starts at 00001.
    await advanceTo(local('2026-12-31 23:59'));
    const last2026 = await create({ kind: 'incident', subject: 'Последнее в году' });
    expect(last2026.number).toBe(`КУР-2026-${String(Number(number.slice(-5)) + 1).padStart(5, '0')}`);
    await advanceTo(local('2027-01-01 00:01'));
    expect((await t.admin.data<{ now: string }>('{ now }')).now).toBe('2026-12-31T19:01:00.000Z');
    expect((await create({ kind: 'incident', subject: 'Первое в году' })).number).toBe('КУР-2027-00001');
    expect((await create({ kind: 'incident', subject: 'Второе в году' })).number).toBe('КУР-2027-00002');
  });
});
