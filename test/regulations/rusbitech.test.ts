/**
 * РусБИТех (rusbitech): the rules RBT-* of shared/regulations/RULES.md as scenarios, driven
 * only through the public GraphQL API on the manual clock.
 *
 * The tenant's calendar (workflows/rusbitech.yaml): Europe/Moscow (UTC+3 all year, no DST),
 * working hours Mon–Fri 10:00–18:00 (8 h a day), the Russian production calendar
 * (shared/regulations/PRODUCTION-CALENDAR.md), shortened pre-holiday days end at 17:00.
 * A business day ("bd") from a moment inside working hours falls due at the same local time on
 * the next business day. Every expected instant below is worked out by hand in a comment, as
 * a UTC instant (MSK − 3 h).
 *
 * Not a scenario here: RBT-2 (reading the operator manuals is the requester's duty:
 * docs/regulations/not-behaviour.md).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/test-server.js';
import type { GraphQLClient } from '../support/graphql-client.js';
import { advanceClockTo, serverPerBlock } from './clock.js';

const TENANT = 'rusbitech';

interface Deadline {
  kind: string;
  dueAt: string | null;
  pausedAt: string | null;
  metAt: string | null;
  breached: boolean;
}
interface Ticket {
  id: string;
  number: string;
  channel: string;
  state: string;
  statusCategory: string;
  closeReason: string | null;
  kind: string | null;
  priority: string | null;
  organizationId: string | null;
  createdAt: string;
  availableEvents: string[];
  deadlines: Deadline[];
  history: Array<{ event: string; fromState: string | null; toState: string; at: string; actor: string }>;
}
interface Letter {
  ticketId: string | null;
  to: string | null;
  subject: string | null;
  body: string;
}

const TICKET_FIELDS =
  'id number channel state statusCategory closeReason kind priority organizationId createdAt availableEvents ' +
  'deadlines { kind dueAt pausedAt metAt breached } history { event fromState toState at actor }';

let t: TestServer | null = null;
let agent: GraphQLClient;

/** Each describe block runs on a server of its own, its clock starting at `clockStart`. */
const serverAt = (clockStart: string) =>
  serverPerBlock(TENANT, clockStart, (server, signedIn) => {
    t = server;
    if (signedIn) agent = signedIn;
  });

/** Moves the manual clock forward to the instant `iso` (every timer due by then fires). */
const advanceTo = (iso: string) => advanceClockTo(t!.admin, iso);

async function createOrganization(input: Record<string, unknown>): Promise<string> {
  const { createOrganization } = await agent.data<{ createOrganization: { id: string } }>(
    'mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }',
    { i: { tenantId: TENANT, ...input } },
  );
  return createOrganization.id;
}

async function createTicket(input: Record<string, unknown> = {}): Promise<Ticket> {
  const { createTicket } = await agent.data<{ createTicket: Ticket }>(
    `mutation($i: CreateTicketInput!) { createTicket(input: $i) { ${TICKET_FIELDS} } }`,
    {
      i: {
        tenantId: TENANT,
        channel: 'email',
        kind: 'errors',
        subject: 'Не запускается модуль',
        from: 'operator@unit.example',
        ...input,
        fields: { organization: 'В/ч 00000', description: 'Сбой при запуске', email: 'operator@unit.example', ...((input.fields as object) ?? {}) },
      },
    },
  );
  return createTicket;
}

async function ticket(id: string): Promise<Ticket> {
  return (await agent.data<{ ticket: Ticket }>(`query($id: ID!) { ticket(id: $id) { ${TICKET_FIELDS} } }`, { id })).ticket;
}

async function send(id: string, type: string, data?: Record<string, unknown>): Promise<Ticket> {
  return (await agent.data<{ sendTicketEvent: Ticket }>(
    `mutation($id: ID!, $t: String!, $d: JSON) { sendTicketEvent(ticketId: $id, type: $t, data: $d) { ${TICKET_FIELDS} } }`,
    { id, t: type, d: data ?? null },
  )).sendTicketEvent;
}

async function deadline(id: string, kind: string): Promise<Deadline> {
  const found = (await ticket(id)).deadlines.find((d) => d.kind === kind);
  expect(found, `${kind} deadline of ${id}`).toBeDefined();
  return found!;
}

async function letters(ticketId: string): Promise<Letter[]> {
  return (await t!.admin.data<{ outboundMessages: Letter[] }>('query($id: ID) { outboundMessages(ticketId: $id) { ticketId to subject body } }', { id: ticketId })).outboundMessages;
}

let mailCounter = 0;
/** One RFC 5322 message to the desk's mailbox, UTF-8, as a mail client writes it. */
function mail(spec: { from: string; subject: string; body: string; date?: string }): string {
  const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
  return [
    `From: ${spec.from}`,
    'To: support.catalog@rusbitech.ru',
    `Subject: =?utf-8?B?${b64(spec.subject)}?=`,
    `Message-ID: <rusbitech-${process.pid}-${++mailCounter}-${Math.random().toString(36).slice(2)}@unit.example>`,
    `Date: ${spec.date ?? 'Fri, 01 Jan 2027 00:01:00 +0300'}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    b64(spec.body).replace(/.{1,76}/g, '$&\r\n').trimEnd(),
    '',
  ].join('\r\n');
}

async function receive(raw: string): Promise<{ outcome: string; reason: string | null; ticket: Ticket | null }> {
  return (await t!.admin.data<{ receiveEmail: { outcome: string; reason: string | null; ticket: Ticket | null } }>(
    `mutation($raw: String!) { receiveEmail(raw: $raw) { outcome reason ticket { ${TICKET_FIELDS} } } }`,
    { raw },
  )).receiveEmail;
}

const minus = (iso: string, minutes: number) => new Date(Date.parse(iso) - minutes * 60_000).toISOString();
const plus = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

/** Just before `dueAt` the clock of `kind` is not breached; just after it is (checked on every ticket given). */
async function expectBreachAt(dueAt: string, kind: string, ids: string[]): Promise<void> {
  await advanceTo(minus(dueAt, 1));
  for (const id of ids) expect(await deadline(id, kind), `${kind} of ${id} one minute before ${dueAt}`).toMatchObject({ dueAt, breached: false });
  await advanceTo(plus(dueAt, 1));
  for (const id of ids) expect(await deadline(id, kind), `${kind} of ${id} one minute after ${dueAt}`).toMatchObject({ dueAt, breached: true });
}

describe('rusbitech RBT-1: contracts (clock from Thursday 31.12.2026 23:59 MSK)', () => {
  // 31.12.2026 23:59 MSK = 20:59Z: still the last day of a contract running to 31.12.2026.
  serverAt('2026-12-31T20:59:00Z');

  it('RBT-1 a request from an organisation without a contract valid on the registration day (Moscow date) is registered and closed as no_contract, with a letter; a valid or unmatched one proceeds', async () => {
    const ending = await createOrganization({ name: 'В/ч 11111', inn: '7701000019', serviceLevel: 'standard', contractFrom: '2026-01-01', contractUntil: '2026-12-31' });
    const starting = await createOrganization({ name: 'В/ч 22222', inn: '7701000026', serviceLevel: 'standard', contractFrom: '2027-01-01', contractUntil: '2027-12-31' });
    const noContract = await createOrganization({ name: 'В/ч 33333', inn: '7701000033' });

    // 23:59 MSK on 31.12.2026: the ending contract is valid, the starting one not yet.
    const inTime = await createTicket({ organizationId: ending });
    expect(inTime).toMatchObject({ organizationId: ending, state: 'new', statusCategory: 'new', closeReason: null });
    expect(inTime.availableEvents).toContain('TAKE');

    const tooEarly = await createTicket({ fields: { inn: '7701000026' } }); // matched by fields.inn
    expect(tooEarly).toMatchObject({ organizationId: starting, state: 'closed', statusCategory: 'closed', closeReason: 'no_contract' });
    expect(tooEarly.availableEvents).toEqual([]);
    // Registered (it has its number and the registration letter), then refused with the reason.
    expect(tooEarly.number).toMatch(/^RBT-2026-\d{5}$/);
    const refusalLetters = await letters(tooEarly.id);
    expect(refusalLetters.map((l) => l.subject)).toEqual([
      `[${tooEarly.number}] Обращение зарегистрировано`,
      `[${tooEarly.number}] Обращение не может быть принято в работу`,
    ]);
    expect(refusalLetters[1]).toMatchObject({ to: 'operator@unit.example' });
    expect(refusalLetters[1]!.body).toContain('В/ч 22222');
    expect(refusalLetters[1]!.body).toContain('договор');

    // An organisation with no contract on record has no valid contract either.
    expect(await createTicket({ organizationId: noContract })).toMatchObject({ state: 'closed', closeReason: 'no_contract' });

    // A request matched to no organisation (unknown INN, or none) is registered and proceeds.
    const unknown = await createTicket({ fields: { inn: '7799999997' } });
    expect(unknown).toMatchObject({ organizationId: null, state: 'new', closeReason: null });
    expect((await letters(unknown.id)).map((l) => l.subject)).toEqual([`[${unknown.number}] Обращение зарегистрировано`]);
    expect(await createTicket()).toMatchObject({ state: 'new', closeReason: null });

    // Two minutes later it is 01.01.2027 00:01 MSK (21:01Z, still 31.12 in UTC): the contract
    // that ended on 31.12.2026 no longer covers a new request; the one from 01.01.2027 does.
    await advanceTo('2026-12-31T21:01:00Z');
    const late = await createTicket({ fields: { inn: '7701000019' } });
    expect(late).toMatchObject({ organizationId: ending, state: 'closed', closeReason: 'no_contract' });
    expect(late.number).toMatch(/^RBT-2027-\d{5}$/); // the Moscow date is already 2027
    // By email, the main channel: the INN in the letter's text finds the organisation.
    const mailed = await receive(mail({ from: '"Сидоров С." <sidorov@unit.example>', subject: 'Не формируется отчёт', body: 'В/ч 11111, ИНН 7701000019.\nНе формируется отчёт.' }));
    expect(mailed).toMatchObject({ outcome: 'CREATED', ticket: { organizationId: ending, state: 'closed', closeReason: 'no_contract' } });
    expect((await letters(mailed.ticket!.id)).map((l) => [l.to, l.subject])).toContainEqual(['sidorov@unit.example', `[${mailed.ticket!.number}] Обращение не может быть принято в работу`]);

    const onTime = await createTicket({ organizationId: starting });
    expect(onTime).toMatchObject({ organizationId: starting, state: 'new', closeReason: null });
    expect(await send(onTime.id, 'TAKE')).toMatchObject({ state: 'open', statusCategory: 'open' });

    // The ticket registered while its contract was valid is not undone by the contract's end.
    expect(await ticket(inTime.id)).toMatchObject({ state: 'new', closeReason: null });
    expect(await send(inTime.id, 'TAKE')).toMatchObject({ state: 'open' });
  });
});

describe('rusbitech RBT-8, RBT-5, RBT-4, RBT-3: queue, channels, categories, processing time (clock from Sunday 22.11.2026 03:00 MSK)', () => {
  serverAt('2026-11-22T00:00:00Z');

  it('RBT-8 high-criticality tickets are served out of turn: the queue lists them first, then first come, first served', async () => {
    const order: string[] = [];
    for (const priority of ['normal', 'high', 'normal', 'high', 'normal']) {
      order.push((await createTicket({ priority, subject: `${priority} ${order.length + 1}` })).id);
      await t!.admin.data('mutation { advanceClock(by: "PT1M") }');
    }
    const [n1, h2, n3, h4, n5] = order;
    const queue = async () =>
      (await agent.data<{ tickets: { items: Array<{ id: string }>; total: number } }>(
        'query { tickets(filter: { tenantId: "rusbitech" }, sortField: "queue") { total items { id } } }',
      )).tickets;
    expect(await queue()).toEqual({ total: 5, items: [h2, h4, n1, n3, n5].map((id) => ({ id })) });
    // Taking a ticket into work keeps its place: the order is criticality, then arrival.
    await send(n1!, 'TAKE');
    await send(h4!, 'TAKE');
    expect((await queue()).items.map((i) => i.id)).toEqual([h2, h4, n1, n3, n5]);
  });

  it('RBT-5 requests come by email support.catalog@rusbitech.ru 24/7 and by phone 8 (495) 648-06-40 ext. 1263 10:00–18:00 MSK', async () => {
    const { tenants } = await agent.data<{ tenants: Array<{ id: string; timezone: string; channels: Array<Record<string, unknown>> }> }>(
      '{ tenants { id timezone channels { kind address extension official hours timezone note } } }',
    );
    const desk = tenants.find((x) => x.id === TENANT)!;
    expect(desk.timezone).toBe('Europe/Moscow');
    expect(desk.channels.map((c) => c.kind).sort()).toEqual(['email', 'phone']);
    expect(desk.channels.find((c) => c.kind === 'email')).toMatchObject({ address: 'support.catalog@rusbitech.ru', official: true, hours: '24/7' });
    const phone = desk.channels.find((c) => c.kind === 'phone')!;
    // The hours are Moscow time, on business days only.
    expect(phone).toMatchObject({ address: '8 (495) 648-06-40', extension: '1263', official: true, hours: '10:00-18:00', timezone: 'Europe/Moscow' });
    expect(String(phone.note)).toMatch(/рабочим дням/i);

    // A letter to the mailbox at 03:05 MSK on a Sunday is registered: the mailbox works 24/7.
    const received = await receive(
      mail({ from: '"Петров Пётр" <petrov@unit.example>', subject: 'Не открывается журнал', body: 'Организация: В/ч 00000. Журнал не открывается.', date: 'Sun, 22 Nov 2026 03:05:00 +0300' }),
    );
    expect(received).toMatchObject({ outcome: 'CREATED', ticket: { channel: 'email', state: 'new' } });
    expect(received.ticket!.number).toMatch(/^RBT-2026-\d{5}$/);
    // A call taken by an agent is registered too (the phone is an official channel).
    expect(await createTicket({ channel: 'phone' })).toMatchObject({ channel: 'phone', state: 'new' });

    // The regulation names no web form: the desk takes none.
    const web = await t!.anonymous.request('mutation($i: SubmitRequestInput!) { submitRequest(input: $i) { number } }', {
      i: { tenantId: TENANT, from: 'web-user@unit.example', subject: 'Вопрос', fields: { description: 'Вопрос с сайта' } },
    });
    expect(web.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const webTicket = await agent.request('mutation($i: CreateTicketInput!) { createTicket(input: $i) { id } }', { i: { tenantId: TENANT, channel: 'web' } });
    expect(webTicket.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['channel'] });
  });

  it('RBT-4 the five service categories are the request kinds of the desk', async () => {
    const { tenants } = await agent.data<{ tenants: Array<{ id: string; kinds: Array<{ id: string; title: string; requiredFields: string[] }> }> }>(
      '{ tenants { id kinds { id title requiredFields } } }',
    );
    const kinds = tenants.find((x) => x.id === TENANT)!.kinds;
    // Keeping the software working; monitoring and fixing errors; administration; consultations
    // and instruction; processing of information.
    expect(kinds.map((k) => k.id)).toEqual(['operation', 'errors', 'administration', 'consultation', 'data_processing']);
    expect(kinds.map((k) => k.title)).toEqual([
      'Обеспечение работоспособности и функционирования ПО',
      'Мониторинг и устранение ошибок и сбоев',
      'Администрирование ПО',
      'Консультации и инструктаж',
      'Обработка информации, сформированной в ПО',
    ]);
    for (const kind of kinds.map((k) => k.id)) {
      expect(await createTicket({ kind })).toMatchObject({ kind, state: 'new' });
    }
    // A category the regulation does not list is malformed input.
    const refused = await agent.request('mutation($i: CreateTicketInput!) { createTicket(input: $i) { id } }', {
      i: { tenantId: TENANT, channel: 'email', kind: 'hardware_repair' },
    });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['kind'] });
  });
  it('RBT-3 the average processing time (registration to solution, in business days) is reported', async () => {
    // Now Sunday 22.11.2026 (the tests above registered requests, none solved). Monday
    // 23.11.2026 10:00 MSK = 07:00Z: five requests; a working day is 8 hours (10:00–18:00).
    await advanceTo('2026-11-23T07:00:00Z');
    const contractless = await createOrganization({ name: 'В/ч 66666', inn: '7701000033' });
    const [a, b, c, g, open] = [await createTicket(), await createTicket(), await createTicket(), await createTicket(), await createTicket()];
    const refused = await createTicket({ organizationId: contractless }); // closed as no_contract: not a solution
    expect(refused.closeReason).toBe('no_contract');
    const resolve = async (id: string) => {
      await send(id, 'TAKE');
      await send(id, 'RESOLVE', { solution: 'Решение направлено' });
    };
    // a: Tuesday 24.11 14:00 MSK = 1 bd + 4 h = 1.5 bd.
    await advanceTo('2026-11-24T11:00:00Z');
    await resolve(a.id);
    // b: Wednesday 25.11 12:00 MSK = 2 bd + 2 h = 2.25 bd.
    await advanceTo('2026-11-25T09:00:00Z');
    await resolve(b.id);
    // c: Thursday 26.11 16:00 MSK = 3 bd + 6 h = 3.75 bd.
    await advanceTo('2026-11-26T13:00:00Z');
    await resolve(c.id);
    await send(open.id, 'TAKE'); // taken, never solved: not counted
    // g: Monday 30.11 12:00 MSK = 5 bd (24–27.11, 30.11 10:00) + 2 h = 5.25 bd.
    await advanceTo('2026-11-30T09:00:00Z');
    await resolve(g.id);

    const report = async (from: string, to: string) =>
      (await agent.data<{ processingTime: { solved: number; averageBusinessDays: number | null; medianBusinessDays: number | null } }>(
        'query($t: ID!, $f: DateTime!, $to: DateTime!) { processingTime(tenantId: $t, from: $f, to: $to) { solved averageBusinessDays medianBusinessDays } }',
        { t: TENANT, f: from, to },
      )).processingTime;
    // Solved in the week 23–29.11: a, b, c → (1.5 + 2.25 + 3.75) / 3 = 2.5 bd, median 2.25:
    // within the regulation's "2–3 business days".
    expect(await report('2026-11-23T00:00:00Z', '2026-11-30T00:00:00Z')).toEqual({ solved: 3, averageBusinessDays: 2.5, medianBusinessDays: 2.25 });
    // With g: (1.5 + 2.25 + 3.75 + 5.25) / 4 = 3.1875 ≈ 3.19 bd, median (2.25 + 3.75) / 2 = 3.
    expect(await report('2026-11-23T00:00:00Z', '2026-12-01T00:00:00Z')).toEqual({ solved: 4, averageBusinessDays: 3.19, medianBusinessDays: 3 });
  });
});

describe('rusbitech RBT-7, RBT-6: clocks across the New Year holidays (clock from Wednesday 30.12.2026 16:00 MSK)', () => {
  serverAt('2026-12-30T13:00:00Z');
  // Every ticket of this block is registered at 30.12.2026 16:00 MSK = 13:00Z; the tests
  // follow each other on the one clock.
  let normal: Ticket, high: Ticket, byRegulation: Ticket, byContract: Ticket, unmatched: Ticket, ownTerms: string;
  beforeAll(async () => {
    normal = await createTicket({ priority: 'normal' });
    high = await createTicket({ priority: 'high' });
    ownTerms = await createOrganization({
      name: 'В/ч 44444', inn: '7701000040', serviceLevel: 'standard', contractFrom: '2026-01-01', contractUntil: '2027-12-31',
      slaTargets: { resolution: '7bd' },
    });
    const plainTerms = await createOrganization({ name: 'В/ч 55555', inn: '7701000058', serviceLevel: 'standard', contractFrom: '2026-01-01', contractUntil: '2027-12-31' });
    byRegulation = await createTicket({ organizationId: plainTerms });
    byContract = await createTicket({ fields: { inn: '7701000040' } });
    unmatched = await createTicket();
  });

  it('RBT-7 the reaction time (4 working hours) counts working time only, but runs 24/7 for high-criticality tickets', async () => {
    // Normal: 16:00–18:00 on 30.12 (2 h), then the next working time is Monday 11.01.2027
    // 10:00 (31.12 and 01–08.01 off, 09–10.01 weekend): 2 h more → 11.01.2027 12:00 MSK = 09:00Z.
    // High: 4 hours of the clock → 30.12.2026 20:00 MSK = 17:00Z.
    expect(normal.deadlines.find((d) => d.kind === 'reaction')).toMatchObject({ dueAt: '2027-01-11T09:00:00.000Z', breached: false });
    expect(high.deadlines.find((d) => d.kind === 'reaction')).toMatchObject({ dueAt: '2026-12-30T17:00:00.000Z', breached: false });

    await expectBreachAt('2026-12-30T17:00:00.000Z', 'reaction', [high.id]);
    expect(await deadline(normal.id, 'reaction')).toMatchObject({ breached: false });
    await expectBreachAt('2027-01-11T09:00:00.000Z', 'reaction', [normal.id]);

    // Taken into work within the reaction time: met, never breached.
    const inTime = await createTicket(); // Monday 11.01.2027 12:01 MSK + 4 h → 16:01 MSK = 13:01Z
    expect(inTime.deadlines.find((d) => d.kind === 'reaction')).toMatchObject({ dueAt: '2027-01-11T13:01:00.000Z' });
    await advanceTo('2027-01-11T13:00:00Z');
    await send(inTime.id, 'TAKE');
    await advanceTo('2027-01-11T15:00:00Z');
    expect(await deadline(inTime.id, 'reaction')).toMatchObject({ metAt: '2027-01-11T13:00:00.000Z', breached: false });
  });

  it('RBT-6 the resolution deadline is 10 bd in 10:00–18:00 MSK, across the New Year holidays, and a contract may set its own (7bd)', async () => {
    // Registered Wednesday 30.12.2026 16:00 MSK. 31.12.2026 is a day off (moved from Sun
    // 04.01), 01–08.01.2027 the New Year holidays, 09–10.01 a weekend: the next business day
    // is Monday 11.01.2027. Ten business days at the same time of day:
    //   11.01 (1), 12 (2), 13 (3), 14 (4), 15 (5), 18 (6), 19 (7), 20 (8), 21 (9), 22.01 (10)
    //   → Friday 22.01.2027 16:00 MSK = 13:00Z.
    // The contract's own 7bd: … 19.01 (7) → Tuesday 19.01.2027 16:00 MSK = 13:00Z.
    expect(byContract.organizationId).toBe(ownTerms);
    expect(byRegulation.deadlines.find((d) => d.kind === 'resolution')).toMatchObject({ dueAt: '2027-01-22T13:00:00.000Z', pausedAt: null, metAt: null, breached: false });
    expect(unmatched.deadlines.find((d) => d.kind === 'resolution')).toMatchObject({ dueAt: '2027-01-22T13:00:00.000Z' });
    expect(byContract.deadlines.find((d) => d.kind === 'resolution')).toMatchObject({ dueAt: '2027-01-19T13:00:00.000Z', breached: false });

    // Taken into work, but not resolved: the clock keeps running.
    await send(byContract.id, 'TAKE');
    await send(byRegulation.id, 'TAKE');
    await expectBreachAt('2027-01-19T13:00:00.000Z', 'resolution', [byContract.id]);
    expect(await deadline(byRegulation.id, 'resolution')).toMatchObject({ breached: false });
    await expectBreachAt('2027-01-22T13:00:00.000Z', 'resolution', [byRegulation.id, unmatched.id]);
    expect((await ticket(byRegulation.id)).history.map((h) => h.event)).toContain('SLA_BREACHED');
  });
});

describe('rusbitech RBT-7, RBT-6, RBT-9: clocks across the May holidays 2026 (clock from Tuesday 28.04.2026 12:00 MSK)', () => {
  serverAt('2026-04-28T09:00:00Z');
  // Registered Tuesday 28.04.2026 12:00 MSK = 09:00Z. Business days after it: 29.04 (1),
  // 30.04 (2, shortened, ends 17:00), [01–03.05 off], 04.05 (3), 05 (4), 06 (5), 07 (6),
  // 08 (7, shortened), [09–11.05 off: 11.05 for Sat 09.05], 12 (8), 13 (9), 14.05 (10)
  //   → the resolution clock (10bd) falls due Thursday 14.05.2026 12:00 MSK = 09:00Z.
  let plain: Ticket, waits: Ticket, handed: Ticket;
  beforeAll(async () => {
    plain = await createTicket();
    waits = await createTicket();
    handed = await createTicket();
    for (const id of [plain.id, waits.id, handed.id]) await send(id, 'TAKE');
    handed = await send(handed.id, 'HANDOFF_DEV'); // RBT-9, at 28.04.2026 12:00 MSK
  });

  it('RBT-7 the reaction time counts the shortened pre-holiday day and skips the May holidays, but runs through them for high criticality', async () => {
    // Thursday 30.04.2026 16:00 MSK = 13:00Z, a shortened day (10:00–17:00).
    // Normal: 16:00–17:00 on 30.04 (1 h), 01–03.05 off, then 10:00–13:00 on Monday 04.05
    // (3 h) → 04.05.2026 13:00 MSK = 10:00Z. High: 4 hours of the clock → 30.04 20:00 MSK = 17:00Z.
    await advanceTo('2026-04-30T13:00:00Z');
    const normal = await createTicket({ priority: 'normal' });
    const high = await createTicket({ priority: 'high' });
    expect(normal.deadlines.find((d) => d.kind === 'reaction')).toMatchObject({ dueAt: '2026-05-04T10:00:00.000Z', breached: false });
    expect(high.deadlines.find((d) => d.kind === 'reaction')).toMatchObject({ dueAt: '2026-04-30T17:00:00.000Z', breached: false });
    await expectBreachAt('2026-04-30T17:00:00.000Z', 'reaction', [high.id]);
    expect(await deadline(normal.id, 'reaction')).toMatchObject({ breached: false });
    await expectBreachAt('2026-05-04T10:00:00.000Z', 'reaction', [normal.id]);
  });

  it('RBT-6 the resolution clock crosses the May holidays and is paused while the ticket waits for the customer', async () => {
    expect(plain.deadlines.find((d) => d.kind === 'resolution')).toMatchObject({ dueAt: '2026-05-14T09:00:00.000Z', breached: false });
    expect(waits.deadlines.find((d) => d.kind === 'resolution')).toMatchObject({ dueAt: '2026-05-14T09:00:00.000Z', breached: false });

    // Monday 04.05 14:00 MSK: information requested, the clock stops.
    await advanceTo('2026-05-04T11:00:00Z');
    expect(await send(waits.id, 'REQUEST_INFO')).toMatchObject({ state: 'waiting_customer', statusCategory: 'waiting_customer' });
    expect(await deadline(waits.id, 'resolution')).toMatchObject({ pausedAt: '2026-05-04T11:00:00.000Z', breached: false });
    // Thursday 07.05 14:00 MSK: the customer answers after exactly 3 business days
    // (04.05 14:00 → 05 → 06 → 07.05 14:00; no shortened day in between, 24 working hours).
    // The due time moves 3 bd: 14.05 → 15.05 (1), 18.05 (2), 19.05 (3) → Tuesday 19.05.2026 12:00 MSK = 09:00Z.
    await advanceTo('2026-05-07T11:00:00Z');
    expect(await send(waits.id, 'PROVIDE_INFO', { fields: { description: 'Журнал ошибок приложен' } })).toMatchObject({ state: 'open' });
    expect(await deadline(waits.id, 'resolution')).toMatchObject({ dueAt: '2026-05-19T09:00:00.000Z', pausedAt: null, breached: false });

    await expectBreachAt('2026-05-14T09:00:00.000Z', 'resolution', [plain.id]);
    expect(await deadline(waits.id, 'resolution')).toMatchObject({ breached: false });
    await expectBreachAt('2026-05-19T09:00:00.000Z', 'resolution', [waits.id]);
  });

  it('RBT-9 a ticket handed to the development department waits in in_development, its resolution clock paused until it comes back', async () => {
    // Handed over at 28.04.2026 12:00 MSK, right after it was taken.
    expect(handed).toMatchObject({ state: 'in_development', statusCategory: 'open' });
    expect(handed.availableEvents).toEqual(expect.arrayContaining(['TAKE', 'RESOLVE']));
    expect(handed.deadlines.find((d) => d.kind === 'resolution')).toMatchObject({ pausedAt: '2026-04-28T09:00:00.000Z', breached: false });
    // Now (19.05.2026 12:01 MSK, past 14.05 when the clock would have fallen due) it is not
    // breached: the development department's time is not the desk's.
    expect(await deadline(handed.id, 'resolution')).toMatchObject({ pausedAt: '2026-04-28T09:00:00.000Z', breached: false });

    // Wednesday 20.05.2026 12:00 MSK: back from development. Paused from 28.04 12:00 to 20.05
    // 12:00 = 14 whole business days (29.04, 30.04, 04–08.05, 12–15.05, 18–20.05); the due time
    // moves 14 bd from 14.05 12:00: 15 (1), 18 (2), 19 (3), 20 (4), 21 (5), 22 (6), 25 (7),
    // 26 (8), 27 (9), 28 (10), 29.05 (11), 01.06 (12), 02.06 (13), 03.06 (14)
    //   → Wednesday 03.06.2026 12:00 MSK = 09:00Z (the same as 10 bd counted from 20.05 12:00).
    await advanceTo('2026-05-20T09:00:00Z');
    expect(await send(handed.id, 'TAKE')).toMatchObject({ state: 'open' });
    expect(await deadline(handed.id, 'resolution')).toMatchObject({ dueAt: '2026-06-03T09:00:00.000Z', pausedAt: null, breached: false });
    await expectBreachAt('2026-06-03T09:00:00.000Z', 'resolution', [handed.id]);

    // Handed over again, the development department's fix resolves it from there.
    expect(await send(handed.id, 'HANDOFF_DEV')).toMatchObject({ state: 'in_development' });
    const resolved = await send(handed.id, 'RESOLVE', { solution: 'Исправлено в обновлении 2.4.1' });
    expect(resolved).toMatchObject({ state: 'resolved', statusCategory: 'resolved', closeReason: 'resolved' });
    expect(resolved.history.map((h) => h.toState)).toEqual(expect.arrayContaining(['in_development', 'resolved']));
  });
});
