/**
 * The regulation of ГИСЗ НСО (docs/regulations/novosibirsk.txt, rules NSO-1 … NSO-12 of
 * RULES.md) as scenarios, driven only through the public GraphQL API on the manual clock.
 *
 * Novosibirsk is UTC+7 all year (Asia/Novosibirsk, no DST); the desk works 09:00–18:00 local
 * = 02:00–11:00 UTC, Monday to Friday, on the Russian production calendar, one hour less on a
 * shortened (pre-holiday) day. Every expected instant below is worked out by hand from the
 * regulation and PRODUCTION-CALENDAR.md, never by asking the product:
 *  - 2026: Dec 31 is a day off (moved from Sun Jan 4); Apr 30 and May 8 are shortened
 *    (09:00–17:00); May 1 (Fri) and May 11 (Mon, for Sat May 9) are days off.
 *  - 2027 (provisional): Jan 1–8 are days off, Jan 9–10 a weekend: the first business day of
 *    2027 is Monday Jan 11.
 *  - "N bd" (workflows/README.md): the same working moment N business days later, or that
 *    day's close when it is shorter; "eobd+1": the close of the business day after the
 *    current one.
 *
 * One fresh server per block: the manual clock only moves forward, so the tests of a block run
 * in order on one timeline (each says where it moves the clock to).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrationClient, signInAs, startTestServer, type TestServer } from '../support/test-server.js';
import type { GraphQLClient } from '../support/graphql-client.js';
import { advanceClockTo } from './clock.js';

const TENANT = 'novosibirsk';

// ---------------------------------------------------------------------------------------
// Helpers (self-contained: only the public API)
// ---------------------------------------------------------------------------------------

interface Deadline {
  kind: string;
  dueAt: string | null;
  pausedAt: string | null;
  metAt: string | null;
  breached: boolean;
}
interface HistoryEntry {
  event: string;
  fromState: string | null;
  toState: string;
  actor: string;
  at: string;
  data: Record<string, any> | null;
  version: number;
}
interface Complaint {
  at: string;
  actor: string;
  text: string | null;
  breaches: string[];
  deadlines: Deadline[];
}
interface Ticket {
  id: string;
  tenantId: string;
  number: string;
  kind: string | null;
  channel: string;
  audience: string | null;
  subject: string | null;
  state: string;
  statusCategory: string;
  closeReason: string | null;
  fields: Record<string, any>;
  missingFields: string[];
  availableEvents: string[];
  version: number;
  createdAt: string;
  history: HistoryEntry[];
  deadlines: Deadline[];
  links: Array<{ relation: string; ticket: { id: string; number: string } }>;
  complaints: Complaint[];
  phoneCalls: Array<{ id: string }>;
}
interface Letter {
  ticketId: string | null;
  to: string | null;
  subject: string | null;
  body: string;
  at: string;
  direction: string;
}

const TICKET = `id tenantId number kind channel audience subject state statusCategory closeReason fields missingFields availableEvents version createdAt
  history { event fromState toState actor at data version }
  deadlines { kind dueAt pausedAt metAt breached }
  links { relation ticket { id number } }
  complaints { at actor text breaches deadlines }
  phoneCalls { id }`;

/** Every intake field NSO-5 asks for. */
const COMPLETE = {
  inn: '5406123456',
  fullName: 'Петрова Анна Сергеевна',
  occurredAt: '2026-11-20T10:15:00+07:00',
  description: 'При подписании контракта появляется ошибка «Сертификат не найден».',
  steps: 'Реестр контрактов → Контракт → Подписать',
  screenshots: ['oshibka.png'],
};

const iso = (text: string) => new Date(text).toISOString();

async function productNow(t: TestServer): Promise<string> {
  return (await t.anonymous.data<{ now: string }>(`{ now }`)).now;
}

async function advance(t: TestServer, by: string): Promise<string> {
  return (await t.admin.data<{ advanceClock: string }>(`mutation($by: String!) { advanceClock(by: $by) }`, { by })).advanceClock;
}

/** Moves the manual clock forward to `at` (firing every timer due by then). */
const advanceTo = (t: TestServer, at: string) => advanceClockTo(t.admin, at);

async function create(client: GraphQLClient, input: Record<string, unknown>): Promise<Ticket> {
  return (await client.data<{ createTicket: Ticket }>(`mutation($i: CreateTicketInput!) { createTicket(input: $i) { ${TICKET} } }`, { i: { tenantId: TENANT, ...input } }))
    .createTicket;
}

async function send(client: GraphQLClient, id: string, type: string, data?: Record<string, unknown>): Promise<Ticket> {
  return (
    await client.data<{ sendTicketEvent: Ticket }>(`mutation($id: ID!, $type: String!, $data: JSON) { sendTicketEvent(ticketId: $id, type: $type, data: $data) { ${TICKET} } }`, {
      id,
      type,
      data,
    })
  ).sendTicketEvent;
}

/** The code and `extensions.fields` of an event that must be refused. */
async function refusedEvent(client: GraphQLClient, id: string, type: string, data?: Record<string, unknown>): Promise<{ code?: string; fields?: string[] }> {
  const result = await client.request(`mutation($id: ID!, $type: String!, $data: JSON) { sendTicketEvent(ticketId: $id, type: $type, data: $data) { id } }`, { id, type, data });
  if (!result.errors?.length) throw new Error(`expected ${type} to be refused, got ${JSON.stringify(result.data)}`);
  const extensions = result.errors[0]!.extensions ?? {};
  return { code: extensions.code, fields: extensions.fields };
}

async function ticket(t: TestServer, id: string): Promise<Ticket> {
  return (await t.admin.data<{ ticket: Ticket }>(`query($id: ID!) { ticket(id: $id) { ${TICKET} } }`, { id })).ticket;
}

async function deadline(t: TestServer, id: string, kind: string): Promise<Deadline | undefined> {
  return (await ticket(t, id)).deadlines.find((d) => d.kind === kind);
}

async function letters(t: TestServer, ticketId: string): Promise<Letter[]> {
  return (await t.admin.data<{ outboundMessages: Letter[] }>(`query($id: ID) { outboundMessages(ticketId: $id) { ticketId to subject body at direction } }`, { id: ticketId }))
    .outboundMessages;
}

let mailSequence = 0;
/** One RFC 5322 message as a mail client writes it (UTF-8, base64 subject and body). */
function rawMail(spec: { from: string; name?: string; to: string; subject: string; body: string }): string {
  mailSequence += 1;
  const word = (text: string) => `=?utf-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
  return [
    `From: ${spec.name ? `${word(spec.name)} ` : ''}<${spec.from}>`,
    `To: ${spec.to}`,
    `Subject: ${word(spec.subject)}`,
    `Message-ID: <nso-${process.pid}-${mailSequence}-${Math.random().toString(36).slice(2)}@example.org>`,
    'Date: Mon, 23 Nov 2026 10:00:00 +0700',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(spec.body, 'utf8').toString('base64').replace(/.{1,76}/g, '$&\r\n').trimEnd(),
    '',
  ].join('\r\n');
}

async function mail(client: GraphQLClient, spec: { from: string; name?: string; to?: string; subject: string; body?: string }): Promise<{ outcome: string; reason: string | null; ticket: Ticket | null }> {
  const raw = rawMail({ to: 'gz54@krista.ru', body: 'Не формируется отчёт.', ...spec });
  return (await client.data<{ receiveEmail: { outcome: string; reason: string | null; ticket: Ticket | null } }>(
    `mutation($raw: String!) { receiveEmail(raw: $raw) { outcome reason ticket { ${TICKET} } } }`,
    { raw },
  )).receiveEmail;
}

const unique = () => Math.random().toString(36).slice(2, 8);

/**
 * The OTRS/Znuny DateChecksum digit as NSO-4 words it: the 15 digits from the left times
 * 1, 2, 1, 2, …, summed; 10 minus the sum modulo 10; 10 becomes 1.
 */
function dateChecksum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits[i]) * (i % 2 === 0 ? 1 : 2);
  const check = 10 - (sum % 10);
  return check === 10 ? 1 : check;
}

// ---------------------------------------------------------------------------------------
// An ordinary week: Monday 23.11.2026 10:00 local (03:00Z). Intake, channels and records
// first (the clock stands still), then the deadlines of NSO-9, NSO-10 and NSO-12, which move
// it, and the announcements of NSO-1 last.
// ---------------------------------------------------------------------------------------

describe('novosibirsk: an ordinary week (from Mon 23.11.2026 10:00 local)', () => {
  let t: TestServer;
  let agent: GraphQLClient;
  let gateway: GraphQLClient;
  // Kept for NSO-12: P ran past both answer deadlines, Q past its final date (NSO-9).
  let P: Ticket;
  let Q: Ticket;

  beforeAll(async () => {
    t = await startTestServer({ CLOCK_START: '2026-11-23T03:00:00Z' });
    agent = await signInAs(t, 'agent', [TENANT]);
    gateway = await integrationClient(t, [TENANT]);
  });
  afterAll(() => t?.stop());

  it('NSO-2 two audiences with their own channels, and the receiving mailbox sets the audience', async () => {
    const { tenants } = await agent.data<{ tenants: Array<{ id: string; timezone: string; channels: Array<Record<string, unknown>> }> }>(
      `{ tenants { id timezone channels { kind address audience official hours } } }`,
    );
    const nso = tenants.find((x) => x.id === TENANT)!;
    expect(nso.timezone).toBe('Asia/Novosibirsk');
    // Customers: gz54@krista.ru and the web form around the clock, 8-800-200-20-72 09:00–18:00;
    // municipal customers: mz154@krista.ru around the clock, (383) 201-66-19 09:00–18:00.
    expect(nso.channels).toEqual(
      expect.arrayContaining([
        { kind: 'email', address: 'gz54@krista.ru', audience: 'customer', official: true, hours: '24/7' },
        expect.objectContaining({ kind: 'web', audience: 'customer', official: true, hours: '24/7' }),
        { kind: 'phone', address: '8-800-200-20-72', audience: 'customer', official: true, hours: '09:00-18:00' },
        { kind: 'email', address: 'mz154@krista.ru', audience: 'municipal', official: true, hours: '24/7' },
        { kind: 'phone', address: '(383) 201-66-19', audience: 'municipal', official: true, hours: '09:00-18:00' },
      ]),
    );
    expect(nso.channels).toHaveLength(5);

    const customer = await mail(gateway, { from: `zakupki-${unique()}@gkb1.example.ru`, name: 'Иванов Иван', to: 'gz54@krista.ru', subject: 'Не открывается реестр' });
    expect(customer.outcome).toBe('CREATED');
    expect(customer.ticket).toMatchObject({ tenantId: TENANT, channel: 'email', audience: 'customer', subject: 'Не открывается реестр' });

    const municipal = await mail(gateway, { from: `mz-${unique()}@berdsk.example.ru`, name: 'Смирнова Ольга', to: 'mz154@krista.ru', subject: 'Ошибка в плане-графике' });
    expect(municipal.outcome).toBe('CREATED');
    expect(municipal.ticket).toMatchObject({ tenantId: TENANT, channel: 'email', audience: 'municipal', subject: 'Ошибка в плане-графике' });
  });

  it('NSO-2 the public web form is a customers\' channel: its request is registered with the customer audience', async () => {
    const sender = `web-${unique()}@gkb2.example.ru`;
    // Requesters have no accounts: the form needs no token.
    const { submitRequest } = await t.anonymous.data<{ submitRequest: { number: string; statusCategory: string; missingFields: string[] } }>(
      `mutation($i: SubmitRequestInput!) { submitRequest(input: $i) { number statusCategory missingFields } }`,
      { i: { tenantId: TENANT, kind: 'request', subject: 'Не формируется извещение', from: sender, fields: COMPLETE } },
    );
    expect(submitRequest).toMatchObject({ statusCategory: 'new', missingFields: [] });
    const { ticketByNumber } = await agent.data<{ ticketByNumber: Ticket }>(`query($n: String!) { ticketByNumber(tenantId: "${TENANT}", number: $n) { ${TICKET} } }`, {
      n: submitRequest.number,
    });
    expect(ticketByNumber).toMatchObject({ channel: 'web', subject: 'Не формируется извещение' });
    expect((await letters(t, ticketByNumber.id)).map((l) => [l.to, l.subject])).toEqual([[sender, `[${submitRequest.number}] Обращение зарегистрировано`]]);
    // The form is the customers' (2.1 of the regulation; the workflow's web channel says so).
    expect(ticketByNumber.audience).toBe('customer');
  });

  it('NSO-3 a phone call is logged as a short consultation, and a call can become a ticket of the municipal line', async () => {
    const log = `mutation($i: LogPhoneCallInput!) { logPhoneCall(input: $i) { id tenantId outcome ticketId summary agent at } }`;
    const consultation = (await agent.data<{ logPhoneCall: { id: string; outcome: string; ticketId: string | null; at: string; agent: string } }>(log, {
      i: { tenantId: TENANT, callerName: 'Кузнецов Пётр', callerPhone: '+7 383 200-00-01', summary: 'Как сменить пароль в личном кабинете' },
    })).logPhoneCall;
    expect(consultation).toMatchObject({ outcome: 'consultation', ticketId: null, at: '2026-11-23T03:00:00.000Z' });
    expect(consultation.agent).toMatch(/^agent:/);

    // Help filling in a request: the agent turns the call into a ticket of the (383) line.
    const call = (await agent.data<{ logPhoneCall: { id: string } }>(log, {
      i: {
        tenantId: TENANT,
        callerName: 'Сидорова Мария Ивановна',
        callerPhone: '+7 383 201-00-02',
        organization: 'Администрация г. Бердска',
        summary: 'Не публикуется извещение\nОшибка с утра',
      },
    })).logPhoneCall;
    const converted = (await agent.data<{ convertPhoneCallToTicket: { outcome: string; ticketId: string; ticket: Ticket } }>(
      `mutation($id: ID!) { convertPhoneCallToTicket(id: $id, kind: "request", audience: "municipal") { outcome ticketId ticket { ${TICKET} } } }`,
      { id: call.id },
    )).convertPhoneCallToTicket;
    expect(converted.outcome).toBe('ticket');
    expect(converted.ticket).toMatchObject({
      id: converted.ticketId,
      tenantId: TENANT,
      channel: 'phone',
      audience: 'municipal',
      kind: 'request',
      subject: 'Не публикуется извещение',
      fields: { fullName: 'Сидорова Мария Ивановна', phone: '+7 383 201-00-02', organization: 'Администрация г. Бердска' },
      phoneCalls: [{ id: call.id }],
    });
    const calls = (await agent.data<{ phoneCalls: { items: Array<{ id: string; outcome: string; ticketId: string | null }> } }>(
      `query { phoneCalls(tenantId: "${TENANT}", perPage: 50) { items { id outcome ticketId } } }`,
    )).phoneCalls.items;
    expect(calls).toEqual(expect.arrayContaining([
      { id: consultation.id, outcome: 'consultation', ticketId: null },
      { id: call.id, outcome: 'ticket', ticketId: converted.ticketId },
    ]));
  });

  it('NSO-5 a request must carry INN, full name, time of the problem, description, steps and a screenshot', async () => {
    const { tenants } = await agent.data<{ tenants: Array<{ id: string; kinds: Array<{ id: string; requiredFields: string[] }> }> }>(`{ tenants { id kinds { id requiredFields } } }`);
    const kinds = tenants.find((x) => x.id === TENANT)!.kinds;
    expect(kinds.map((k) => [k.id, [...k.requiredFields].sort()])).toEqual([['request', ['description', 'fullName', 'inn', 'occurredAt', 'screenshots', 'steps']]]);

    const empty = await create(agent, { channel: 'web', kind: 'request', from: `empty-${unique()}@example.ru`, subject: 'Ошибка' });
    expect([...empty.missingFields].sort()).toEqual(['description', 'fullName', 'inn', 'occurredAt', 'screenshots', 'steps']);

    // An empty list of screenshots is no screenshot.
    const noScreenshot = await create(agent, { channel: 'web', kind: 'request', from: `noshot-${unique()}@example.ru`, fields: { ...COMPLETE, screenshots: [] } });
    expect(noScreenshot.missingFields).toEqual(['screenshots']);

    const complete = await create(agent, { channel: 'web', kind: 'request', from: `full-${unique()}@example.ru`, fields: COMPLETE });
    expect(complete).toMatchObject({ missingFields: [], statusCategory: 'new', state: 'new' });
  });

  it('NSO-6 an incomplete request is registered and answered at once with a request for what it lacks, to the address it came from', async () => {
    const sender = `zakazchik-${unique()}@poliklinika2.example.ru`;
    const received = await mail(gateway, { from: sender, name: 'Орлова Елена', subject: 'Не подписывается контракт', body: 'Ошибка при подписании.' });
    expect(received.outcome).toBe('CREATED');
    const waiting = received.ticket!;
    // Registered, then at once waiting for the customer: nothing was refused.
    expect(waiting).toMatchObject({ statusCategory: 'waiting_customer', state: 'waiting_customer', fields: { email: sender, fullName: 'Орлова Елена' } });
    expect([...waiting.missingFields].sort()).toEqual(['inn', 'occurredAt', 'screenshots', 'steps']);
    const sent = await letters(t, waiting.id);
    expect(sent.map((l) => [l.to, l.subject])).toEqual([
      [sender, `[${waiting.number}] Обращение зарегистрировано`],
      [sender, `[${waiting.number}] Запрос дополнительных сведений`],
    ]);
    expect(sent[1]!.body).toContain(`Для решения обращения ${waiting.number} просим сообщить:`);
    expect(sent[1]!.body).toMatch(/ИНН/);

    // The customer's answer, a reply citing the number, is the information: back to work.
    const reply = await mail(gateway, { from: sender, subject: `Re: [${waiting.number}] Запрос дополнительных сведений`, body: 'Ошибка возникла 20.11.2026 в 10:15, скриншот прилагаю.' });
    expect(reply.outcome).toBe('APPENDED');
    expect(reply.ticket).toMatchObject({ id: waiting.id, statusCategory: 'open' });
    expect(reply.ticket!.history.at(-1)).toMatchObject({ event: 'PROVIDE_INFO', fromState: 'waiting_customer', toState: 'open', actor: `requester:${sender}` });

    // A further request for information (an additional request) goes the same way.
    const asked = await send(agent, waiting.id, 'REQUEST_INFO', { missing: ['inn', 'screenshots'] });
    expect(asked.statusCategory).toBe('waiting_customer');
    const again = (await letters(t, waiting.id)).at(-1)!;
    expect(again).toMatchObject({ to: sender, subject: `[${waiting.number}] Запрос дополнительных сведений` });
    expect(again.body).toContain('ИНН организации, скриншот ошибки');

    // A complete request is not asked anything.
    const complete = await create(agent, { channel: 'web', kind: 'request', from: `full-${unique()}@example.ru`, fields: COMPLETE });
    expect(complete.statusCategory).toBe('new');
    expect((await letters(t, complete.id)).map((l) => l.subject)).toEqual([`[${complete.number}] Обращение зарегистрировано`]);
  });

  it('NSO-7 the answer with the solution is mailed and closes the ticket', async () => {
    const sender = `otvet-${unique()}@example.ru`;
    const open = await create(agent, { channel: 'email', kind: 'request', from: sender, subject: 'Как выгрузить отчёт', fields: COMPLETE });
    await send(agent, open.id, 'TAKE');
    expect(await refusedEvent(agent, open.id, 'RESOLVE')).toEqual({ code: 'BAD_USER_INPUT', fields: ['data.solution'] });
    const solution = 'Отчёт выгружается кнопкой «Экспорт» на панели инструментов.';
    const closed = await send(agent, open.id, 'RESOLVE', { solution });
    expect(closed).toMatchObject({ statusCategory: 'closed', closeReason: 'resolved' });
    expect(closed.availableEvents).not.toContain('RESOLVE');
    expect(closed.availableEvents).not.toContain('TAKE');
    const answer = (await letters(t, open.id)).at(-1)!;
    expect(answer).toMatchObject({ to: sender, subject: `[${open.number}] Решение по обращению`, at: '2026-11-23T03:00:00.000Z' });
    expect(answer.body).toContain(solution);
    expect(answer.body).toContain(`Обращение ${open.number} закрыто.`);

    // After a preliminary answer too, the solution closes the ticket.
    const promised = await create(agent, { channel: 'email', kind: 'request', from: sender, subject: 'Долгий вопрос', fields: COMPLETE });
    await send(agent, promised.id, 'TAKE');
    await send(agent, promised.id, 'PROMISE', { finalDueAt: '2026-11-25T08:00:00Z' });
    expect(await send(agent, promised.id, 'RESOLVE', { solution })).toMatchObject({ statusCategory: 'closed', closeReason: 'resolved' });
  });

  it('NSO-8 a repeated request that carries the previous number is linked to the previous ticket', async () => {
    const sender = `povtor-${unique()}@example.ru`;
    const first = (await mail(gateway, { from: sender, name: 'Зайцев Олег', subject: 'Не сохраняется заявка' })).ticket!;
    await send(agent, first.id, 'CLOSE', { reason: 'resolved' });

    // A mail citing the closed ticket's number in its subject is a new ticket, linked both ways.
    const repeated = await mail(gateway, { from: sender, subject: `Повторно: ${first.number}`, body: 'Проблема повторилась.' });
    expect(repeated.outcome).toBe('CREATED');
    const second = repeated.ticket!;
    expect(second.id).not.toBe(first.id);
    expect(second.links).toEqual([{ relation: 'repeats', ticket: { id: first.id, number: first.number } }]);
    expect((await ticket(t, first.id)).links).toEqual([{ relation: 'repeated_by', ticket: { id: second.id, number: second.number } }]);

    // The number in the body of a letter with a neutral subject counts too.
    const inBody = (await mail(gateway, { from: sender, subject: 'Снова ошибка', body: `Повторное обращение, предыдущее ${first.number}.` })).ticket!;
    expect(inBody.links).toEqual([{ relation: 'repeats', ticket: { id: first.id, number: first.number } }]);

    // The web form or an API names it in fields.previousNumber.
    const viaApi = await create(agent, { channel: 'web', kind: 'request', from: sender, fields: { ...COMPLETE, previousNumber: first.number } });
    expect(viaApi.links).toEqual([{ relation: 'repeats', ticket: { id: first.id, number: first.number } }]);
    expect((await ticket(t, first.id)).links.map((l) => [l.relation, l.ticket.id]).sort()).toEqual(
      [['repeated_by', second.id], ['repeated_by', inBody.id], ['repeated_by', viaApi.id]].sort(),
    );

    // A number of an open ticket in the subject is a reply to it, not a repeated request.
    const appended = await mail(gateway, { from: sender, subject: `Re: ${second.number}`, body: 'Дополнение.' });
    expect(appended).toMatchObject({ outcome: 'APPENDED', ticket: { id: second.id } });
  });

  it('NSO-11 a remote-assistance session is recorded on the ticket', async () => {
    const open = await create(agent, { channel: 'email', kind: 'request', from: `remote-${unique()}@example.ru`, fields: COMPLETE });
    const taken = await send(agent, open.id, 'TAKE');
    expect(taken.availableEvents).toContain('REMOTE_SESSION');
    expect(await refusedEvent(agent, open.id, 'REMOTE_SESSION')).toEqual({ code: 'BAD_USER_INPUT', fields: ['data.note'] });
    const note = 'Подключение через «Удалённый помощник»: переустановлен сертификат ЭП, подпись работает.';
    const after = await send(agent, open.id, 'REMOTE_SESSION', { note });
    expect(after).toMatchObject({ state: 'open', statusCategory: 'open', version: taken.version + 1 });
    expect(after.history.at(-1)).toMatchObject({ event: 'REMOTE_SESSION', fromState: 'open', toState: 'open', data: { notes: [note] } });
    expect(after.history.at(-1)!.actor).toMatch(/^agent:/);
  });

  it('NSO-9 the answer within 1 bd, else a preliminary answer by the end of the next bd naming a final date at most 5 bd after all information', async () => {
    const t0 = '2026-11-23T03:00:00.000Z'; // Mon 10:00 local
    P = await create(agent, { channel: 'email', kind: 'request', from: 'p@example.ru', subject: 'P', fields: COMPLETE });
    // answer 1bd: Mon 10:00 → Tue 24.11 10:00 local = 03:00Z.
    // preliminary eobd+1: the close of the bd after Monday = Tue 24.11 18:00 local = 11:00Z.
    expect(P.deadlines).toEqual(
      expect.arrayContaining([
        { kind: 'answer', dueAt: '2026-11-24T03:00:00.000Z', pausedAt: null, metAt: null, breached: false },
        { kind: 'preliminary', dueAt: '2026-11-24T11:00:00.000Z', pausedAt: null, metAt: null, breached: false },
      ]),
    );
    expect(P.deadlines.find((d) => d.kind === 'final')).toBeUndefined();

    // The answer at once: both clocks met, never breached.
    const V = await create(agent, { channel: 'email', kind: 'request', from: 'v@example.ru', subject: 'V', fields: COMPLETE });
    await send(agent, V.id, 'TAKE');
    const answered = await send(agent, V.id, 'RESOLVE', { solution: 'Ответ сразу.' });
    expect(answered.deadlines.find((d) => d.kind === 'answer')).toMatchObject({ metAt: t0, breached: false });
    expect(answered.deadlines.find((d) => d.kind === 'preliminary')).toMatchObject({ metAt: t0, breached: false });

    // Q: more time needed. Without information requests the 5 bd count from the request:
    // Mon 23.11 10:00 + 5 bd (Tue, Wed, Thu, Fri, Mon) = Mon 30.11 10:00 local = 03:00Z.
    Q = await create(agent, { channel: 'email', kind: 'request', from: 'q@example.ru', subject: 'Q', fields: COMPLETE });
    await send(agent, Q.id, 'TAKE');
    expect(await refusedEvent(agent, Q.id, 'PROMISE', {})).toEqual({ code: 'BAD_USER_INPUT', fields: ['data.finalDueAt'] });
    expect(await refusedEvent(agent, Q.id, 'PROMISE', { finalDueAt: '2026-11-23T02:00:00Z' })).toEqual({ code: 'BAD_USER_INPUT', fields: ['data.finalDueAt'] });
    expect(await refusedEvent(agent, Q.id, 'PROMISE', { finalDueAt: '2026-11-30T03:01:00Z' })).toEqual({ code: 'BAD_USER_INPUT', fields: ['data.finalDueAt'] });
    const promised = await send(agent, Q.id, 'PROMISE', { finalDueAt: '2026-11-30T03:00:00Z' });
    expect(promised).toMatchObject({ state: 'promised', statusCategory: 'open' });
    expect(promised.deadlines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'answer', metAt: t0, breached: false }),
        expect.objectContaining({ kind: 'preliminary', metAt: t0, breached: false }),
        { kind: 'final', dueAt: '2026-11-30T03:00:00.000Z', pausedAt: null, metAt: null, breached: false },
      ]),
    );
    const preliminary = (await letters(t, Q.id)).at(-1)!;
    expect(preliminary).toMatchObject({ to: 'q@example.ru', subject: `[${Q.number}] Предварительный ответ` });
    expect(preliminary.body).toContain('Окончательный ответ будет направлен не позднее');
    // The date as the customer reads it: Mon 30.11 10:00 Novosibirsk time.
    expect(preliminary.body).toContain('30.11.2026 10:00 (UTC+7)');

    // U: information requested at once; the clocks wait with the ticket.
    const U = await create(agent, { channel: 'email', kind: 'request', from: 'u@example.ru', subject: 'U', fields: COMPLETE });
    await send(agent, U.id, 'TAKE');
    const asked = await send(agent, U.id, 'REQUEST_INFO', { missing: ['steps'] });
    expect(asked.deadlines.find((d) => d.kind === 'answer')).toMatchObject({ pausedAt: t0, breached: false });

    // One minute before Tue 10:00 local: P's answer not yet late; one minute after: breached.
    await advanceTo(t, '2026-11-24T02:59:00Z');
    expect(await deadline(t, P.id, 'answer')).toMatchObject({ breached: false, metAt: null });
    await advance(t, 'PT2M');
    expect(await deadline(t, P.id, 'answer')).toMatchObject({ breached: true, metAt: null });
    expect(await deadline(t, P.id, 'preliminary')).toMatchObject({ breached: false });
    expect(await deadline(t, U.id, 'answer')).toMatchObject({ pausedAt: t0, breached: false });
    expect(await deadline(t, V.id, 'answer')).toMatchObject({ metAt: t0, breached: false });

    // Tue 24.11 15:00 local (08:00Z): U's customer answers. The clocks paused Mon 10:00 →
    // Tue 15:00 = 14 working hours (1 bd + 5 h). answer had 9 working hours left (Mon 10:00 →
    // Tue 10:00): from Tue 15:00, 3 h on Tuesday + 6 h → Wed 25.11 15:00 local = 08:00Z.
    // preliminary had 17 h left (Mon 10–18, Tue 9–18): 3 h + 9 h (Wed) + 5 h → Thu 26.11 14:00
    // local = 07:00Z.
    await advanceTo(t, '2026-11-24T08:00:00Z');
    const provided = await send(agent, U.id, 'PROVIDE_INFO', { fields: { steps: 'Реестр → Контракт → Подписать' } });
    expect(provided.statusCategory).toBe('open');
    expect(provided.deadlines).toEqual(
      expect.arrayContaining([
        { kind: 'answer', dueAt: '2026-11-25T08:00:00.000Z', pausedAt: null, metAt: null, breached: false },
        { kind: 'preliminary', dueAt: '2026-11-26T07:00:00.000Z', pausedAt: null, metAt: null, breached: false },
      ]),
    );
    // All information arrived Tue 15:00 local: the final date may be at most 5 bd later,
    // Tue 01.12 15:00 local = 08:00Z (later than the 30.11 10:00 counted from the request).
    expect(await refusedEvent(agent, U.id, 'PROMISE', { finalDueAt: '2026-12-01T08:01:00Z' })).toEqual({ code: 'BAD_USER_INPUT', fields: ['data.finalDueAt'] });
    const uPromised = await send(agent, U.id, 'PROMISE', { finalDueAt: '2026-12-01T08:00:00Z' });
    expect(uPromised.deadlines.find((d) => d.kind === 'final')).toEqual({ kind: 'final', dueAt: '2026-12-01T08:00:00.000Z', pausedAt: null, metAt: null, breached: false });
    expect(uPromised.deadlines.find((d) => d.kind === 'answer')).toMatchObject({ metAt: '2026-11-24T08:00:00.000Z', breached: false });

    // P's preliminary answer: one minute before Tue 18:00 local, and one minute after.
    await advanceTo(t, '2026-11-24T10:59:00Z');
    expect(await deadline(t, P.id, 'preliminary')).toMatchObject({ breached: false });
    await advance(t, 'PT2M');
    expect(await deadline(t, P.id, 'preliminary')).toMatchObject({ breached: true });

    // Q's final answer is due on the date named: Mon 30.11 10:00 local.
    await advanceTo(t, '2026-11-30T02:59:00Z');
    expect(await deadline(t, Q.id, 'final')).toMatchObject({ breached: false, metAt: null });
    await advance(t, 'PT2M');
    expect(await deadline(t, Q.id, 'final')).toMatchObject({ breached: true, metAt: null });

    // U's final answer comes in time: met, and it stays unbreached past its date.
    const resolved = await send(agent, U.id, 'RESOLVE', { solution: 'Исправлено.' });
    expect(resolved.deadlines.find((d) => d.kind === 'final')).toMatchObject({ metAt: '2026-11-30T03:01:00.000Z', breached: false });
    await advanceTo(t, '2026-12-01T08:01:00Z');
    expect(await deadline(t, U.id, 'final')).toMatchObject({ metAt: '2026-11-30T03:01:00.000Z', breached: false });
  });

  it('NSO-10 a request for information unanswered for 3 bd closes the ticket as stale; a named date moves that deadline', async () => {
    // Wed 02.12.2026 17:00 local (10:00Z). 3 bd: Thu 03.12, Fri 04.12, Mon 07.12 → 17:00 local = 10:00Z.
    await advanceTo(t, '2026-12-02T10:00:00Z');
    const open = async (from: string) => {
      const created = await create(agent, { channel: 'email', kind: 'request', from, subject: from, fields: COMPLETE });
      await send(agent, created.id, 'TAKE');
      return send(agent, created.id, 'REQUEST_INFO', { missing: ['screenshots'] });
    };
    const R = await open('r@example.ru');
    const S = await open('s@example.ru');
    const T = await open('t@example.ru');
    const Y = await open('y@example.ru');
    expect(R.statusCategory).toBe('waiting_customer');
    expect((await letters(t, R.id)).at(-1)!.body).toMatch(/в течение 3 рабочих дней/);

    // S names a date for the answer: Wed 09.12 12:00 local = 05:00Z. A date in the past is refused.
    expect(await refusedEvent(agent, S.id, 'NAME_DATE', { date: '2026-12-01T05:00:00Z' })).toEqual({ code: 'BAD_USER_INPUT', fields: ['data.date'] });
    expect(await refusedEvent(agent, S.id, 'NAME_DATE', {})).toEqual({ code: 'BAD_USER_INPUT', fields: ['data.date'] });
    expect(await send(agent, S.id, 'NAME_DATE', { date: '2026-12-09T05:00:00Z' })).toMatchObject({ statusCategory: 'waiting_customer' });
    await send(agent, Y.id, 'NAME_DATE', { date: '2026-12-09T05:00:00Z' });

    // T answers on Thu 03.12 10:00 local: it is not closed later.
    await advanceTo(t, '2026-12-03T03:00:00Z');
    expect(await send(agent, T.id, 'PROVIDE_INFO', { fields: { screenshots: ['screen.png'] } })).toMatchObject({ statusCategory: 'open' });
    // Y answers too, and is asked again at once: the date it named before no longer counts;
    // 3 bd from Thu 03.12 10:00 local = Fri 04, Mon 07, Tue 08.12 10:00 local = 03:00Z.
    await send(agent, Y.id, 'PROVIDE_INFO', { fields: { screenshots: ['screen.png'] } });
    expect(await send(agent, Y.id, 'REQUEST_INFO', { missing: ['errorLogs'] })).toMatchObject({ statusCategory: 'waiting_customer' });

    await advanceTo(t, '2026-12-07T09:59:00Z');
    expect(await ticket(t, R.id)).toMatchObject({ statusCategory: 'waiting_customer', closeReason: null });
    await advance(t, 'PT2M');
    const stale = await ticket(t, R.id);
    expect(stale).toMatchObject({ statusCategory: 'closed', closeReason: 'stale' });
    expect(stale.history.at(-1)).toMatchObject({ fromState: 'waiting_customer', toState: 'closed', actor: 'system', at: '2026-12-07T10:00:00.000Z' });
    const told = (await letters(t, R.id)).at(-1)!;
    expect(told).toMatchObject({ to: 'r@example.ru', subject: `[${R.number}] Обращение закрыто` });
    expect(told.body).toContain('потерявшее актуальность');
    expect(await ticket(t, S.id)).toMatchObject({ statusCategory: 'waiting_customer' });
    expect(await ticket(t, T.id)).toMatchObject({ statusCategory: 'open', closeReason: null });

    await advanceTo(t, '2026-12-08T02:59:00Z');
    expect(await ticket(t, Y.id)).toMatchObject({ statusCategory: 'waiting_customer' });
    await advance(t, 'PT2M');
    expect(await ticket(t, Y.id)).toMatchObject({ statusCategory: 'closed', closeReason: 'stale' });

    // The named date: Wed 09.12 12:00 local.
    await advanceTo(t, '2026-12-09T04:59:00Z');
    expect(await ticket(t, S.id)).toMatchObject({ statusCategory: 'waiting_customer' });
    await advance(t, 'PT2M');
    expect(await ticket(t, S.id)).toMatchObject({ statusCategory: 'closed', closeReason: 'stale' });
    expect(await ticket(t, T.id)).toMatchObject({ statusCategory: 'open' });
  });

  it('NSO-12 a complaint is recorded on the ticket with its deadlines and breaches as evidence, on a closed ticket too', async () => {
    const now = await productNow(t); // 09.12.2026 05:01Z
    expect(await refusedEvent(agent, P.id, 'COMPLAIN', {})).toEqual({ code: 'BAD_USER_INPUT', fields: ['data.text'] });
    const text = `Нарушен срок ответа по обращению ${P.number}`;
    const complained = await send(agent, P.id, 'COMPLAIN', { text });
    // The ticket itself is not moved by the complaint.
    expect(complained).toMatchObject({ state: P.state, statusCategory: 'new' });
    expect(complained.complaints).toHaveLength(1);
    const [complaint] = complained.complaints;
    expect(complaint).toMatchObject({ at: now, text, breaches: expect.arrayContaining(['answer', 'preliminary']) });
    expect(complaint!.breaches).toHaveLength(2);
    expect(complaint!.actor).toMatch(/^agent:/);
    expect(complaint!.deadlines).toEqual(
      expect.arrayContaining([
        { kind: 'answer', dueAt: '2026-11-24T03:00:00.000Z', pausedAt: null, metAt: null, breached: true },
        { kind: 'preliminary', dueAt: '2026-11-24T11:00:00.000Z', pausedAt: null, metAt: null, breached: true },
      ]),
    );
    // The evidence stays as it stood when the complaint came.
    await send(agent, P.id, 'TAKE');
    await send(agent, P.id, 'RESOLVE', { solution: 'Ответ с опозданием.' });
    const later = await ticket(t, P.id);
    expect(later.deadlines.find((d) => d.kind === 'answer')!.metAt).toBe(now);
    expect(later.complaints[0]!.deadlines).toEqual(complaint!.deadlines);

    // A closed ticket: Q was answered after its final date; the complaint (forwarded from
    // gisz@zakaznso.ru by the mail gateway) is still recorded, and the ticket stays closed.
    await send(agent, Q.id, 'RESOLVE', { solution: 'Окончательный ответ.' });
    const closedComplaint = await send(gateway, Q.id, 'COMPLAIN', { text: `Претензия: окончательный ответ по ${Q.number} дан позже обещанного срока` });
    expect(closedComplaint).toMatchObject({ statusCategory: 'closed', closeReason: 'resolved' });
    expect(closedComplaint.complaints).toHaveLength(1);
    expect(closedComplaint.complaints[0]!.breaches).toEqual(['final']);
    expect(closedComplaint.complaints[0]!.deadlines).toEqual(
      expect.arrayContaining([{ kind: 'final', dueAt: '2026-11-30T03:00:00.000Z', pausedAt: null, metAt: now, breached: true }]),
    );
  });

  it('NSO-12 a complaint mailed to gisz@zakaznso.ru with the ticket number is recorded on that ticket; one without a number is refused and its sender told why', async () => {
    const before = (await ticket(t, P.id)).complaints.length;
    const body = `Прошу разобраться: по обращению ${P.number} ответ не дан в срок.\n\nС уважением, Орлова`;
    const complained = await mail(gateway, { from: 'orlova@school5.example', to: 'gisz@zakaznso.ru', subject: 'Жалоба на нарушение сроков', body });
    expect(complained).toMatchObject({ outcome: 'APPENDED', reason: null, ticket: { id: P.id } });
    const after = await ticket(t, P.id);
    expect(after.complaints).toHaveLength(before + 1);
    expect(after.complaints.at(-1)).toMatchObject({ text: expect.stringContaining(P.number), actor: 'requester:orlova@school5.example' });
    expect(after.complaints.at(-1)!.breaches.length).toBeGreaterThan(0);
    // The complaint is in the ticket's thread too; no new ticket was registered.
    const { ticket: thread } = await t.admin.data<{ ticket: { messages: Array<{ direction: string; body: string }> } }>(
      `query($id: ID!) { ticket(id: $id) { messages { direction body } } }`,
      { id: P.id },
    );
    expect(thread.messages.at(-1)).toMatchObject({ direction: 'in', body: expect.stringContaining('ответ не дан в срок') });

    const vague = await mail(gateway, { from: 'anon@example.ru', to: 'gisz@zakaznso.ru', subject: 'Жалоба', body: 'Никто не отвечает!' });
    expect(vague).toMatchObject({ outcome: 'REJECTED', ticket: null });
    expect(vague.reason).toMatch(/number/);
    const { outboundMessages } = await t.admin.data<{ outboundMessages: Letter[] }>(`{ outboundMessages(to: "anon@example.ru") { ticketId to subject body at direction } }`);
    expect(outboundMessages.at(-1)!.body).toMatch(/номер/i);
  });

  it('NSO-10 the customer names the date through the personal link of the request for information', async () => {
    // Wed 09.12.2026 12:01 local (05:01Z), after NSO-12. Without a date the ticket would go
    // stale on Mon 14.12 12:01 local (Thu 10, Fri 11, Mon 14); the customer writes through the
    // link that the data will come by Fri 11.12 18:00 local (11:00Z), and nothing comes.
    await advanceTo(t, '2026-12-09T05:01:00Z');
    const sender = `link-${unique()}@example.ru`;
    const created = await create(agent, { channel: 'email', kind: 'request', from: sender, subject: 'Ссылка', fields: COMPLETE });
    await send(agent, created.id, 'TAKE');
    await send(agent, created.id, 'REQUEST_INFO', { missing: ['errorLogs'] });
    const request = (await letters(t, created.id)).at(-1)!;
    expect(request.subject).toBe(`[${created.number}] Запрос дополнительных сведений`);
    const token = /\/portal\/t\/([A-Za-z0-9_-]+)/.exec(request.body)?.[1];
    expect(token, 'the letter carries a personal link').toBeTruthy();
    const { requesterTicket } = await t.anonymous.data<{ requesterTicket: { number: string; availableEvents: string[] } }>(
      `query($k: String!) { requesterTicket(token: $k) { number availableEvents } }`,
      { k: token },
    );
    expect(requesterTicket.number).toBe(created.number);
    expect(requesterTicket.availableEvents).toContain('NAME_DATE');
    await t.anonymous.data(`mutation($k: String!, $d: JSON) { requesterEvent(token: $k, type: "NAME_DATE", data: $d) { status } }`, {
      k: token,
      d: { date: '2026-12-11T11:00:00Z' },
    });
    expect((await ticket(t, created.id)).history.at(-1)).toMatchObject({ event: 'NAME_DATE', actor: `requester:${sender}` });

    await advanceTo(t, '2026-12-11T10:59:00Z');
    expect(await ticket(t, created.id)).toMatchObject({ statusCategory: 'waiting_customer' });
    await advance(t, 'PT2M');
    expect(await ticket(t, created.id)).toMatchObject({ statusCategory: 'closed', closeReason: 'stale' });
  });

  it('NSO-9 after an additional request, the final date counts from the new information, and a new preliminary answer moves the final deadline', async () => {
    // Mon 14.12.2026 10:00 local (03:00Z). The first preliminary answer names the latest date,
    // 5 bd after the request: Tue 15, Wed 16, Thu 17, Fri 18, Mon 21.12 10:00 local = 03:00Z.
    await advanceTo(t, '2026-12-14T03:00:00Z');
    const X = await create(agent, { channel: 'email', kind: 'request', from: 'x@example.ru', subject: 'X', fields: COMPLETE });
    await send(agent, X.id, 'TAKE');
    await send(agent, X.id, 'PROMISE', { finalDueAt: '2026-12-21T03:00:00Z' });
    // An additional request: the final clock waits with the ticket.
    const asked = await send(agent, X.id, 'REQUEST_INFO', { missing: ['errorLogs'] });
    expect(asked.statusCategory).toBe('waiting_customer');
    expect(asked.deadlines.find((d) => d.kind === 'final')).toMatchObject({ pausedAt: '2026-12-14T03:00:00.000Z', breached: false });

    // Tue 15.12 15:00 local (08:00Z): the information arrives. The clock had 45 working hours
    // left (5 bd); from Tue 15:00: 3 h + 9 h (Wed) + 9 h (Thu) + 9 h (Fri) + 9 h (Mon 21) + 6 h
    // → Tue 22.12 15:00 local = 08:00Z.
    await advanceTo(t, '2026-12-15T08:00:00Z');
    const provided = await send(agent, X.id, 'PROVIDE_INFO', { fields: { errorLogs: ['log.zip'] } });
    expect(provided.deadlines.find((d) => d.kind === 'final')).toMatchObject({ dueAt: '2026-12-22T08:00:00.000Z', pausedAt: null, breached: false });

    // The new preliminary answer may name at most 5 bd after Tue 15.12 15:00 = Tue 22.12 15:00
    // local (08:00Z); the specialist names Fri 18.12 18:00 local (11:00Z), and the customer is
    // told so. The final deadline moves to that date.
    expect(await refusedEvent(agent, X.id, 'PROMISE', { finalDueAt: '2026-12-22T08:01:00Z' })).toEqual({ code: 'BAD_USER_INPUT', fields: ['data.finalDueAt'] });
    const repromised = await send(agent, X.id, 'PROMISE', { finalDueAt: '2026-12-18T11:00:00Z' });
    expect(repromised.state).toBe('promised');
    expect((await letters(t, X.id)).at(-1)!.body).toContain('18.12.2026 18:00 (UTC+7)');
    expect(repromised.deadlines.find((d) => d.kind === 'final')).toMatchObject({ dueAt: '2026-12-18T11:00:00.000Z', metAt: null, breached: false });

    await advanceTo(t, '2026-12-18T10:59:00Z');
    expect(await deadline(t, X.id, 'final')).toMatchObject({ breached: false });
    await advance(t, 'PT2M');
    expect(await deadline(t, X.id, 'final')).toMatchObject({ breached: true });
  });

  // Last in this block (the clock is at Fri 18.12.2026 11:01Z, or earlier when run alone).
  it('NSO-1 outages and scheduled maintenance are announced to requesters for their time window', async () => {
    const create = `mutation($i: CreateAnnouncementInput!) { createAnnouncement(input: $i) { id kind active startsAt endsAt } }`;
    const list = `query($t: ID!, $a: Boolean) { announcements(tenantId: $t, activeOnly: $a) { id kind title active createdBy } }`;
    // Maintenance Mon 21.12.2026 12:00–14:00 local = 05:00–07:00Z; an outage in force from
    // now on, until further notice.
    const now = await productNow(t);
    const maintenance = (await agent.data<{ createAnnouncement: { id: string; active: boolean } }>(create, {
      i: { tenantId: TENANT, kind: 'maintenance', title: 'Регламентные работы ГИСЗ НСО', body: 'Система будет недоступна.', startsAt: '2026-12-21T05:00:00Z', endsAt: '2026-12-21T07:00:00Z' },
    })).createAnnouncement;
    expect(maintenance.active).toBe(false);
    const outage = (await agent.data<{ createAnnouncement: { id: string; active: boolean; endsAt: string | null } }>(create, {
      i: { tenantId: TENANT, kind: 'outage', title: 'Аварийная ситуация: не работает подписание', body: '', startsAt: now },
    })).createAnnouncement;
    expect(outage).toMatchObject({ active: true, endsAt: null });

    // Requesters have no accounts: the portal reads announcements without a token.
    const shown = async (activeOnly: boolean) =>
      (await t.anonymous.data<{ announcements: Array<{ id: string; active: boolean; createdBy: string | null; kind: string }> }>(list, { t: TENANT, a: activeOnly })).announcements;
    expect((await shown(true)).map((a) => a.id)).toEqual([outage.id]);
    expect(await shown(false)).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: maintenance.id, kind: 'maintenance', active: false, createdBy: null })]),
    );
    // Another desk's portal does not show them.
    const tomsk = (await t.anonymous.data<{ announcements: Array<{ id: string }> }>(list, { t: 'tomsk', a: false })).announcements.map((a) => a.id);
    expect(tomsk).not.toContain(maintenance.id);

    // One minute before the window: not yet in force; one minute into it: in force.
    await advanceTo(t, '2026-12-21T04:59:00Z');
    expect((await shown(true)).map((a) => a.id)).not.toContain(maintenance.id);
    await advance(t, 'PT2M');
    expect((await shown(true)).find((a) => a.id === maintenance.id)).toMatchObject({ active: true });
    // One minute before its end still shown; one minute after, gone from both lists.
    await advanceTo(t, '2026-12-21T06:59:00Z');
    expect((await shown(true)).map((a) => a.id)).toContain(maintenance.id);
    await advance(t, 'PT2M');
    expect((await shown(true)).map((a) => a.id)).toEqual([outage.id]);
    expect((await shown(false)).map((a) => a.id)).not.toContain(maintenance.id);
  });
});

// ---------------------------------------------------------------------------------------
// New Year: Wednesday 30.12.2026 17:00 local (10:00Z). Dec 31 2026 and Jan 1–8 2027 are
// days off, Jan 9–10 a weekend: the next business day is Monday 11.01.2027. NSO-4's numbers
// at the local midnight of New Year's Eve (17:00Z) come first.
// ---------------------------------------------------------------------------------------

describe('novosibirsk: deadlines across the New Year holidays (from Wed 30.12.2026 17:00 local)', () => {
  let t: TestServer;
  let agent: GraphQLClient;
  const tickets: Record<string, Ticket> = {};

  // Every ticket of this block is registered at 17:00 local on Wed 30.12.2026.
  beforeAll(async () => {
    t = await startTestServer({ CLOCK_START: '2026-12-30T10:00:00Z' });
    agent = await signInAs(t, 'agent', [TENANT]);
    const complete = (name: string) => create(agent, { channel: 'email', kind: 'request', from: `${name}@example.ru`, subject: name, fields: COMPLETE });
    tickets.N1 = await complete('n1');
    tickets.N2 = await complete('n2');
    await send(agent, tickets.N2.id, 'TAKE');
    for (const name of ['N3', 'N5']) {
      tickets[name] = await complete(name.toLowerCase());
      await send(agent, tickets[name]!.id, 'TAKE');
      await send(agent, tickets[name]!.id, 'REQUEST_INFO', { missing: ['screenshots'] });
    }
    // N4: incomplete, asked for the missing data at registration (NSO-6).
    tickets.N4 = await create(agent, { channel: 'email', kind: 'request', from: 'n4@example.ru', subject: 'n4', fields: { fullName: 'Лебедев Н.' } });
  });
  afterAll(() => t?.stop());


  it('NSO-4 an emailed request is registered at once with Ticket#YYYYMMDD10NNNNNC on the local date, the counter restarting every day', async () => {
    const gateway = await integrationClient(t, [TENANT]);
    // 31.12.2026 23:58 local = 16:58Z; no ticket has been registered on Dec 31 local yet.
    await advanceTo(t, '2026-12-31T16:58:00Z');
    // The regulation's own example: 2026112110 00042 → 2+0+2+12+1+2+2+2+1+0+0+0+0+8+2 = 34 → 10−4 = 6.
    expect(dateChecksum('202611211000042')).toBe(6);

    // 23:58 on Dec 31 local. Digits 20261231 10 00001, weights 1,2,1,2…:
    // 2+0+2+12+1+4+3+2+1+0+0+0+0+0+1 = 28 → 10−8 = 2.
    const sender = `nso4-${unique()}@example.ru`;
    const first = await mail(gateway, { from: sender, name: 'Волков Илья', subject: 'Не работает поиск' });
    expect(first.outcome).toBe('CREATED');
    expect(first.ticket!.number).toBe('Ticket#2026123110000012');
    expect(dateChecksum('202612311000001')).toBe(2);
    // Registered within the hour (at once), and the sender is told the number.
    const [ack] = await letters(t, first.ticket!.id);
    expect(ack).toMatchObject({ to: sender, at: first.ticket!.createdAt, subject: `[Ticket#2026123110000012] Обращение зарегистрировано` });
    expect(first.ticket!.createdAt).toBe('2026-12-31T16:58:00.000Z');
    expect(ack!.body).toContain('под номером Ticket#2026123110000012');

    // 00002: sum 29 → 1.
    const second = await create(gateway, { channel: 'api', kind: 'request', fields: COMPLETE });
    expect(second.number).toBe('Ticket#2026123110000021');

    // 23:59 local, still Dec 31. 00003: sum 30 → 10−0 = 10, which becomes 1.
    await advance(t, 'PT1M');
    const third = await create(gateway, { channel: 'api', kind: 'request', fields: COMPLETE });
    expect(third.number).toBe('Ticket#2026123110000031');
    expect(dateChecksum('202612311000003')).toBe(1);

    // 17:00Z is midnight in Novosibirsk: at 17:01Z (still Dec 31 in UTC) the local date is
    // 2027-01-01 and the counter restarts. Digits 20270101 10 00001:
    // 2+0+2+14+0+2+0+2+1+0+0+0+0+0+1 = 24 → 6.
    await advance(t, 'PT2M');
    const newYear = await mail(gateway, { from: sender, subject: 'С Новым годом, снова ошибка' });
    expect(newYear.ticket!.number).toBe('Ticket#2027010110000016');
    expect(dateChecksum('202701011000001')).toBe(6);
    // 18:00Z (01:00 local on Jan 1): 00002, sum 25 → 5.
    await advanceTo(t, '2026-12-31T18:00:00Z');
    const later = await create(gateway, { channel: 'api', kind: 'request', fields: COMPLETE });
    expect(later.number).toBe('Ticket#2027010110000025');
    expect(later.createdAt).toBe('2026-12-31T18:00:00.000Z');
  });

  it('NSO-9 across the New Year holidays: the answer is due Mon 11.01.2027 17:00, the preliminary answer by 18:00, the final date at most Fri 15.01', async () => {
    // answer 1bd: 8 working hours of Wed 30.12 have passed at 17:00; the next business day
    // is Mon 11.01.2027 → 09:00 + 8 h = 17:00 local = 10:00Z.
    // preliminary eobd+1: the close of Mon 11.01 = 18:00 local = 11:00Z.
    const N1 = await ticket(t, tickets.N1!.id);
    expect(N1.deadlines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'answer', dueAt: '2027-01-11T10:00:00.000Z', breached: false }),
        expect.objectContaining({ kind: 'preliminary', dueAt: '2027-01-11T11:00:00.000Z', breached: false }),
      ]),
    );
    // On New Year's night (Fri 01.01.2027 01:00 local, after NSO-4 above) the preliminary
    // answer names the final date. No information was requested, so the 5 bd count from the
    // registration: Wed 30.12 17:00 + 5 bd = Mon 11, Tue 12, Wed 13, Thu 14, Fri 15.01 at
    // 17:00 local = 10:00Z (with no holidays it would have been Wed 06.01).
    expect(await refusedEvent(agent, tickets.N2!.id, 'PROMISE', { finalDueAt: '2027-01-15T10:01:00Z' })).toEqual({ code: 'BAD_USER_INPUT', fields: ['data.finalDueAt'] });
    const promised = await send(agent, tickets.N2!.id, 'PROMISE', { finalDueAt: '2027-01-15T10:00:00Z' });
    expect(promised.deadlines.find((d) => d.kind === 'final')).toMatchObject({ dueAt: '2027-01-15T10:00:00.000Z', breached: false });

    // Nothing falls due over the holidays.
    await advanceTo(t, '2027-01-11T09:59:00Z');
    expect(await deadline(t, N1.id, 'answer')).toMatchObject({ breached: false });
    await advance(t, 'PT2M');
    expect(await deadline(t, N1.id, 'answer')).toMatchObject({ breached: true });
    expect(await deadline(t, N1.id, 'preliminary')).toMatchObject({ breached: false });
    await advanceTo(t, '2027-01-11T10:59:00Z');
    expect(await deadline(t, N1.id, 'preliminary')).toMatchObject({ breached: false });
    await advance(t, 'PT2M');
    expect(await deadline(t, N1.id, 'preliminary')).toMatchObject({ breached: true });
  });

  it('NSO-10 across the New Year holidays: a request for information of Wed 30.12 17:00 goes stale on Wed 13.01.2027 17:00; a named date moves it', async () => {
    // 3 bd after Wed 30.12 17:00: Mon 11, Tue 12, Wed 13.01 at 17:00 local = 10:00Z. The same
    // for N4, asked at registration.
    // N5 names Thu 14.01.2027 12:00 local (05:00Z) on Mon 11.01.
    expect(await send(agent, tickets.N5!.id, 'NAME_DATE', { date: '2027-01-14T05:00:00Z' })).toMatchObject({ statusCategory: 'waiting_customer' });

    await advanceTo(t, '2027-01-13T09:59:00Z');
    for (const name of ['N3', 'N4', 'N5']) expect(await ticket(t, tickets[name]!.id), name).toMatchObject({ statusCategory: 'waiting_customer' });
    await advance(t, 'PT2M');
    expect(await ticket(t, tickets.N3!.id)).toMatchObject({ statusCategory: 'closed', closeReason: 'stale' });
    expect(await ticket(t, tickets.N4!.id)).toMatchObject({ statusCategory: 'closed', closeReason: 'stale' });
    expect((await letters(t, tickets.N4!.id)).map((l) => l.subject)).toEqual([
      `[${tickets.N4!.number}] Обращение зарегистрировано`,
      `[${tickets.N4!.number}] Запрос дополнительных сведений`,
      `[${tickets.N4!.number}] Обращение закрыто`,
    ]);
    expect(await ticket(t, tickets.N5!.id)).toMatchObject({ statusCategory: 'waiting_customer' });

    await advanceTo(t, '2027-01-14T04:59:00Z');
    expect(await ticket(t, tickets.N5!.id)).toMatchObject({ statusCategory: 'waiting_customer' });
    await advance(t, 'PT2M');
    expect(await ticket(t, tickets.N5!.id)).toMatchObject({ statusCategory: 'closed', closeReason: 'stale' });
  });

  it('NSO-9 across the New Year holidays: the final answer falls due on the date the preliminary answer named (Fri 15.01.2027 17:00)', async () => {
    await advanceTo(t, '2027-01-15T09:59:00Z');
    expect(await deadline(t, tickets.N2!.id, 'final')).toMatchObject({ breached: false, metAt: null });
    await advance(t, 'PT2M');
    expect(await deadline(t, tickets.N2!.id, 'final')).toMatchObject({ breached: true, metAt: null });
  });
});

// ---------------------------------------------------------------------------------------
// May holidays 2026: Thursday 30.04.2026 16:30 local (09:30Z), a shortened day (09:00–17:00).
// May 1 (Fri) is a holiday, May 2–3 a weekend; May 8 (Fri) is shortened; May 9–10 a weekend,
// May 11 (Mon) a day off for Sat May 9.
// ---------------------------------------------------------------------------------------

describe('novosibirsk: deadlines across the May holidays 2026 (from Thu 30.04.2026 16:30 local)', () => {
  let t: TestServer;
  let agent: GraphQLClient;
  const tickets: Record<string, Ticket> = {};

  // Every ticket but M6 is registered at 16:30 local on Thu 30.04.2026.
  beforeAll(async () => {
    t = await startTestServer({ CLOCK_START: '2026-04-30T09:30:00Z' });
    agent = await signInAs(t, 'agent', [TENANT]);
    tickets.M1 = await create(agent, { channel: 'email', kind: 'request', from: 'm1@example.ru', subject: 'm1', fields: COMPLETE });
    tickets.M2 = await create(agent, { channel: 'email', kind: 'request', from: 'm2@example.ru', subject: 'm2', fields: COMPLETE });
    await send(agent, tickets.M2.id, 'TAKE');
    // M3: incomplete, asked for the missing data at registration (NSO-6).
    tickets.M3 = await create(agent, { channel: 'email', kind: 'request', from: 'm3@example.ru', subject: 'm3', fields: { fullName: 'Егорова М.' } });
  });
  afterAll(() => t?.stop());

  it('NSO-9 across May 1–3: the answer is due Mon 04.05 16:30, the preliminary answer by 18:00, the final date at most Fri 08.05 16:30', async () => {
    // 7.5 working hours of Thu 30.04 have passed at 16:30. answer 1bd: next business day
    // Mon 04.05 → 09:00 + 7.5 h = 16:30 local = 09:30Z. preliminary eobd+1: close of Mon 04.05
    // = 18:00 local = 11:00Z.
    const M1 = await ticket(t, tickets.M1!.id);
    expect(M1.deadlines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'answer', dueAt: '2026-05-04T09:30:00.000Z', breached: false }),
        expect.objectContaining({ kind: 'preliminary', dueAt: '2026-05-04T11:00:00.000Z', breached: false }),
      ]),
    );
    // 5 bd: Mon 04, Tue 05, Wed 06, Thu 07, Fri 08.05 (shortened to 17:00, still 7.5 h in at
    // 16:30) → 16:30 local = 09:30Z.
    expect(await refusedEvent(agent, tickets.M2!.id, 'PROMISE', { finalDueAt: '2026-05-08T09:31:00Z' })).toEqual({ code: 'BAD_USER_INPUT', fields: ['data.finalDueAt'] });
    const promised = await send(agent, tickets.M2!.id, 'PROMISE', { finalDueAt: '2026-05-08T09:30:00Z' });
    expect(promised.deadlines.find((d) => d.kind === 'final')).toMatchObject({ dueAt: '2026-05-08T09:30:00.000Z', breached: false });

    await advanceTo(t, '2026-05-04T09:29:00Z');
    expect(await deadline(t, M1.id, 'answer')).toMatchObject({ breached: false });
    await advance(t, 'PT2M');
    expect(await deadline(t, M1.id, 'answer')).toMatchObject({ breached: true });
    await advanceTo(t, '2026-05-04T10:59:00Z');
    expect(await deadline(t, M1.id, 'preliminary')).toMatchObject({ breached: false });
    await advance(t, 'PT2M');
    expect(await deadline(t, M1.id, 'preliminary')).toMatchObject({ breached: true });
  });

  it('NSO-10 across May 1–3: a request asked at registration on Thu 30.04 16:30 goes stale on Wed 06.05 16:30', async () => {
    // 3 bd: Mon 04, Tue 05, Wed 06.05 at 16:30 local = 09:30Z.
    expect(await ticket(t, tickets.M3!.id)).toMatchObject({ statusCategory: 'waiting_customer' });
    await advanceTo(t, '2026-05-06T09:29:00Z');
    expect(await ticket(t, tickets.M3!.id)).toMatchObject({ statusCategory: 'waiting_customer' });
    await advance(t, 'PT2M');
    expect(await ticket(t, tickets.M3!.id)).toMatchObject({ statusCategory: 'closed', closeReason: 'stale' });
  });

  it('NSO-9 across May 1–3: the final answer falls due on the date named, Fri 08.05 16:30 local', async () => {
    await advanceTo(t, '2026-05-08T09:29:00Z');
    expect(await deadline(t, tickets.M2!.id, 'final')).toMatchObject({ breached: false });
    await advance(t, 'PT2M');
    expect(await deadline(t, tickets.M2!.id, 'final')).toMatchObject({ breached: true });
  });

  it('NSO-10 across May 9–11: a request for information of Fri 08.05 16:45 goes stale on Thu 14.05 16:45', async () => {
    // Fri 08.05 16:45 local (09:45Z), 7.75 working hours in. 3 bd: Sat 9, Sun 10 and Mon 11
    // (day off) are skipped: Tue 12, Wed 13, Thu 14.05 → 16:45 local = 09:45Z.
    await advanceTo(t, '2026-05-08T09:45:00Z');
    const M6 = await create(agent, { channel: 'email', kind: 'request', from: 'm6@example.ru', subject: 'm6', fields: COMPLETE });
    await send(agent, M6.id, 'TAKE');
    await send(agent, M6.id, 'REQUEST_INFO', { missing: ['steps'] });
    await advanceTo(t, '2026-05-14T09:44:00Z');
    expect(await ticket(t, M6.id)).toMatchObject({ statusCategory: 'waiting_customer' });
    await advance(t, 'PT2M');
    expect(await ticket(t, M6.id)).toMatchObject({ statusCategory: 'closed', closeReason: 'stale' });
  });
});
