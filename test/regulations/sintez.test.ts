/**
 * Синтез (sintez): the rules SIN-* of shared/regulations/RULES.md as scenarios, driven only
 * through the public GraphQL API (and the act documents' HTTP address) on the manual clock.
 *
 * The tenant's calendar (workflows/sintez.yaml): the fixed offset +06:00 (the regulation's
 * "UTC+6 Челябинск"), working hours Mon–Fri 09:00–18:00 local = 03:00–12:00Z, the Russian
 * production calendar (shared/regulations/PRODUCTION-CALENDAR.md), shortened pre-holiday days
 * ending an hour early. The desk's deadlines are in clock time: the reaction time is "48 hours"
 * (SIN-8; 24 hours for extended support, SIN-6) and an act is answered "within three days"
 * (SIN-9); the regulation says neither "working hours" nor "working days", and the workflow
 * counts them as calendar hours and days, holidays included. Every expected instant below is
 * worked out by hand in a comment, as a UTC instant (local − 6 h).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/test-server.js';
import type { GraphQLClient } from '../support/graphql-client.js';
import { advanceClockTo, serverPerBlock } from './clock.js';

const TENANT = 'sintez';
const MAILBOX = 'support@sintez.info';

interface Deadline {
  kind: string;
  dueAt: string | null;
  pausedAt: string | null;
  metAt: string | null;
  breached: boolean;
}
interface Act {
  number: string;
  kind: string;
  status: string;
  issuedAt: string | null;
  dueAt: string | null;
  answeredAt: string | null;
  reasons: string | null;
  items: Array<{ what: string; dueAt: string | null }>;
  documentUrl: string;
}
interface Ticket {
  id: string;
  number: string;
  channel: string;
  kind: string | null;
  state: string;
  statusCategory: string;
  closeReason: string | null;
  organizationId: string | null;
  missingFields: string[];
  availableEvents: string[];
  createdAt: string;
  deadlines: Deadline[];
  acts: Act[];
  messages: Array<{ direction: string; from: string | null; to: string | null; subject: string | null; body: string }>;
  links: Array<{ relation: string; ticket: { id: string; number: string } }>;
}
interface Letter {
  ticketId: string | null;
  to: string | null;
  subject: string | null;
  body: string;
}

const TICKET_FIELDS =
  'id number channel kind state statusCategory closeReason organizationId missingFields availableEvents createdAt ' +
  'deadlines { kind dueAt pausedAt metAt breached } ' +
  'acts { number kind status issuedAt dueAt answeredAt reasons items { what dueAt } documentUrl } ' +
  'messages { direction from to subject body } links { relation ticket { id number } }';

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
    { i: { tenantId: TENANT, contractFrom: '2026-01-01', contractUntil: '2027-12-31', ...input } },
  );
  return createOrganization.id;
}

const complete = { section: 'Новости', description: 'Добавить новость о переезде офиса на главную страницу' };

async function createTicket(input: Record<string, unknown> = {}): Promise<Ticket> {
  const { createTicket } = await agent.data<{ createTicket: Ticket }>(
    `mutation($i: CreateTicketInput!) { createTicket(input: $i) { ${TICKET_FIELDS} } }`,
    { i: { tenantId: TENANT, channel: 'web', kind: 'change', subject: 'Правка сайта', from: 'editor@client.example', fields: complete, ...input } },
  );
  return createTicket;
}

const createQuery = 'mutation($i: CreateTicketInput!) { createTicket(input: $i) { id } }';

async function ticket(id: string): Promise<Ticket> {
  return (await agent.data<{ ticket: Ticket }>(`query($id: ID!) { ticket(id: $id) { ${TICKET_FIELDS} } }`, { id })).ticket;
}

const sendQuery = `mutation($id: ID!, $t: String!, $d: JSON) { sendTicketEvent(ticketId: $id, type: $t, data: $d) { ${TICKET_FIELDS} } }`;

async function send(id: string, type: string, data?: Record<string, unknown>): Promise<Ticket> {
  return (await agent.data<{ sendTicketEvent: Ticket }>(sendQuery, { id, t: type, d: data ?? null })).sendTicketEvent;
}

/** The code and `extensions.fields` of a request that must fail. */
async function refusal(client: GraphQLClient, query: string, variables: Record<string, unknown>): Promise<{ code?: string; fields?: string[] }> {
  const result = await client.request(query, variables);
  expect(result.errors?.length, `expected a refusal, got ${JSON.stringify(result.data)}`).toBeTruthy();
  const extensions = result.errors![0]!.extensions ?? {};
  return { code: extensions.code, fields: extensions.fields };
}

async function deadline(id: string, kind: string): Promise<Deadline> {
  const found = (await ticket(id)).deadlines.find((d) => d.kind === kind);
  expect(found, `${kind} deadline of ${id}`).toBeDefined();
  return found!;
}

async function lettersOf(ticketId: string): Promise<Letter[]> {
  return (await t!.admin.data<{ outboundMessages: Letter[] }>('query($id: ID) { outboundMessages(ticketId: $id) { ticketId to subject body } }', { id: ticketId })).outboundMessages;
}

async function lettersTo(to: string): Promise<Letter[]> {
  return (await t!.admin.data<{ outboundMessages: Letter[] }>('query($to: String) { outboundMessages(to: $to) { ticketId to subject body } }', { to })).outboundMessages;
}

let mailCounter = 0;
/** One RFC 5322 message to the desk, UTF-8, as a mail client writes it. */
function mail(spec: { from: string; subject: string; body: string; to?: string }): string {
  const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
  return [
    `From: ${spec.from}`,
    `To: ${spec.to ?? MAILBOX}`,
    `Subject: =?utf-8?B?${b64(spec.subject)}?=`,
    `Message-ID: <sintez-${process.pid}-${++mailCounter}-${Math.random().toString(36).slice(2)}@client.example>`,
    'Date: Thu, 31 Dec 2026 23:59:00 +0600',
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

/** The personal link's token (`/portal/t/<token>`) a letter about the ticket carried to its requester. */
async function portalToken(ticketId: string): Promise<string> {
  for (const letter of await lettersOf(ticketId)) {
    const match = /\/portal\/t\/([A-Za-z0-9_-]+)/.exec(letter.body);
    if (match) return match[1]!;
  }
  throw new Error(`no letter of ticket ${ticketId} carries a personal link`);
}

const REQUESTER_FIELDS = 'number status state closeReason availableEvents messages { direction subject body } acts { number kind status dueAt answeredAt reasons items { what dueAt } }';

/** The requester's own view of the ticket, through the personal link (no account, no token of ours). */
async function requesterTicket(token: string): Promise<any> {
  return (await t!.anonymous.data<{ requesterTicket: any }>(`query($k: String!) { requesterTicket(token: $k) { ${REQUESTER_FIELDS} } }`, { k: token })).requesterTicket;
}

/** An event the requester sends through the personal link. */
async function requesterEvent(token: string, type: string, data?: Record<string, unknown>): Promise<any> {
  return (await t!.anonymous.data<{ requesterEvent: any }>(
    `mutation($k: String!, $t: String!, $d: JSON) { requesterEvent(token: $k, type: $t, data: $d) { ${REQUESTER_FIELDS} } }`,
    { k: token, t: type, d: data ?? null },
  )).requesterEvent;
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

async function queue(ids?: string[]): Promise<string[]> {
  const { tickets } = await agent.data<{ tickets: { items: Array<{ id: string }> } }>(
    'query($f: TicketFilter) { tickets(filter: $f, sortField: "queue", perPage: 100) { items { id } } }',
    { f: { tenantId: TENANT, ...(ids ? { ids } : {}) } },
  );
  return tickets.items.map((i) => i.id);
}

describe('sintez SIN-6, SIN-7, SIN-1, SIN-2, SIN-3, SIN-5, SIN-10, SIN-11 (clock from Tuesday 24.11.2026 12:00 +06)', () => {
  // Tuesday 24.11.2026 12:00 +06:00 = 06:00Z, an ordinary working week.
  serverAt('2026-11-24T06:00:00Z');
  let standard: string, extended: string;
  let s1: Ticket, e1: Ticket, n1: Ticket, s2: Ticket, e2: Ticket;

  it('SIN-6 clients with extended support are served first, and the service level sets the reaction time (extended 24 h, standard 48 h)', async () => {
    standard = await createOrganization({ name: 'ООО «Стандарт»', inn: '5401000007', serviceLevel: 'standard' });
    extended = await createOrganization({ name: 'ООО «Расширенный»', inn: '5401000014', serviceLevel: 'extended' });
    // One request a minute from 12:00 local: standard, extended, no organisation, standard, extended.
    s1 = await createTicket({ organizationId: standard });
    await advanceTo('2026-11-24T06:01:00Z');
    e1 = await createTicket({ fields: { ...complete, inn: '5401000014' } }); // matched by INN
    await advanceTo('2026-11-24T06:02:00Z');
    n1 = await createTicket();
    await advanceTo('2026-11-24T06:03:00Z');
    s2 = await createTicket({ organizationId: standard });
    await advanceTo('2026-11-24T06:04:00Z');
    e2 = await createTicket({ organizationId: extended });
    expect(e1.organizationId).toBe(extended);

    // Extended support first; everyone else after, in the order they came.
    expect(await queue()).toEqual([e1.id, e2.id, s1.id, n1.id, s2.id]);

    // Reaction: extended 24 h, standard 48 h, and without an organisation the regulation's
    // maximum of 48 h (SIN-8).
    //   e1 24.11 06:01Z + 24 h → Wednesday 25.11.2026 06:01Z (12:01 local)
    //   e2 24.11 06:04Z + 24 h → 25.11 06:04Z
    //   s1 24.11 06:00Z + 48 h → Thursday 26.11.2026 06:00Z (12:00 local)
    //   n1 24.11 06:02Z + 48 h → 26.11 06:02Z;  s2 → 26.11 06:03Z
    const reaction = (x: Ticket) => x.deadlines.find((d) => d.kind === 'reaction');
    expect(reaction(e1)).toMatchObject({ dueAt: '2026-11-25T06:01:00.000Z', breached: false });
    expect(reaction(e2)).toMatchObject({ dueAt: '2026-11-25T06:04:00.000Z' });
    expect(reaction(s1)).toMatchObject({ dueAt: '2026-11-26T06:00:00.000Z', breached: false });
    expect(reaction(n1)).toMatchObject({ dueAt: '2026-11-26T06:02:00.000Z' });
    expect(reaction(s2)).toMatchObject({ dueAt: '2026-11-26T06:03:00.000Z' });

    await expectBreachAt('2026-11-25T06:01:00.000Z', 'reaction', [e1.id]);
    // e2 is taken in time: met, never breached; the standard ones still have a day.
    await send(e2.id, 'TAKE');
    expect(await deadline(s1.id, 'reaction')).toMatchObject({ breached: false });
    await expectBreachAt('2026-11-26T06:00:00.000Z', 'reaction', [s1.id]);
    expect(await deadline(e2.id, 'reaction')).toMatchObject({ metAt: '2026-11-25T06:02:00.000Z', breached: false });
  });

  it('SIN-7 requests are handled first come, first served within a level, on business days 09:00–18:00 (UTC+6) without Russian holidays', async () => {
    // Now Thursday 26.11.2026 06:01Z. A later extended request goes after the earlier extended
    // ones and before every standard one; a later standard one after every earlier one.
    const s3 = await createTicket({ organizationId: standard });
    // The extended client writes by email: the INN in the letter finds its organisation.
    const e3 = (await receive(mail({ from: 'site@rasshirenny.example', subject: 'Добавить раздел «Вакансии»', body: 'ООО «Расширенный», ИНН 5401000014.\nРаздел: Вакансии. Добавить раздел.' }))).ticket!;
    expect(e3.organizationId).toBe(extended);
    expect(await queue()).toEqual([e1.id, e2.id, e3.id, s1.id, n1.id, s2.id, s3.id]);

    const calendar = async (from: string, to: string) =>
      (await agent.data<{ businessCalendar: { timezone: string; days: Array<{ date: string; businessDay: boolean; dayOff: boolean; holiday: boolean; shortened: boolean; endsEarly: boolean; workingMinutes: number; intervals: Array<{ start: string; end: string }> }> } }>(
        'query($f: String!, $to: String!) { businessCalendar(tenantId: "sintez", from: $f, to: $to) { timezone days { date businessDay dayOff holiday shortened endsEarly workingMinutes intervals { start end } } } }',
        { f: from, to },
      )).businessCalendar;
    const byDate = (days: Array<{ date: string }>) => Object.fromEntries(days.map((d) => [d.date, d])) as Record<string, any>;

    // An ordinary week: 09:00–18:00 local = 03:00–12:00Z, 540 minutes; Saturday and Sunday off.
    const week = await calendar('2026-11-23', '2026-11-29');
    expect(week.timezone).toBe('+06:00');
    expect(byDate(week.days)['2026-11-24']).toMatchObject({ businessDay: true, workingMinutes: 540, intervals: [{ start: '2026-11-24T03:00:00.000Z', end: '2026-11-24T12:00:00.000Z' }] });
    expect(week.days.filter((d) => d.businessDay).map((d) => d.date)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27']);

    // New Year: Wed 30.12.2026 works; 31.12.2026 (moved from Sun 04.01) and 01–08.01.2027 are
    // days off; 09–10.01 a weekend; Monday 11.01.2027 is the first business day.
    const newYear = byDate((await calendar('2026-12-30', '2027-01-11')).days);
    expect(newYear['2026-12-30']).toMatchObject({ businessDay: true, intervals: [{ start: '2026-12-30T03:00:00.000Z', end: '2026-12-30T12:00:00.000Z' }] });
    expect(newYear['2026-12-31']).toMatchObject({ businessDay: false, dayOff: true, holiday: true, intervals: [] });
    for (let day = 1; day <= 8; day++) expect(newYear[`2027-01-0${day}`], `2027-01-0${day}`).toMatchObject({ businessDay: false, holiday: true });
    expect(newYear['2027-01-09']).toMatchObject({ businessDay: false, dayOff: true });
    expect(newYear['2027-01-11']).toMatchObject({ businessDay: true, workingMinutes: 540 });

    // May 2026: 01.05 off; 04–07.05 work; Friday 08.05 is shortened (09:00–17:00 local =
    // 03:00–11:00Z); 09.05 (Saturday) and 11.05 (for it) are off; 12.05 works.
    const may = byDate((await calendar('2026-04-30', '2026-05-12')).days);
    expect(may['2026-04-30']).toMatchObject({ businessDay: true, shortened: true, endsEarly: true, workingMinutes: 480 });
    expect(may['2026-05-01']).toMatchObject({ businessDay: false, holiday: true });
    expect(may['2026-05-04']).toMatchObject({ businessDay: true, workingMinutes: 540 });
    expect(may['2026-05-08']).toMatchObject({ businessDay: true, shortened: true, endsEarly: true, workingMinutes: 480, intervals: [{ start: '2026-05-08T03:00:00.000Z', end: '2026-05-08T11:00:00.000Z' }] });
    expect(may['2026-05-09']).toMatchObject({ businessDay: false, holiday: true });
    expect(may['2026-05-11']).toMatchObject({ businessDay: false, holiday: true });
    expect(may['2026-05-12']).toMatchObject({ businessDay: true, workingMinutes: 540 });
  });

  it('SIN-1 only email and the site are official channels: a request by phone or Telegram is not registered', async () => {
    const { tenants } = await agent.data<{ tenants: Array<{ id: string; channels: Array<{ kind: string; address: string | null; official: boolean; hours: string | null }> }> }>(
      '{ tenants { id channels { kind address official hours } } }',
    );
    const channels = tenants.find((x) => x.id === TENANT)!.channels;
    expect(channels.filter((c) => c.official).map((c) => c.kind).sort()).toEqual(['email', 'web']);
    expect(channels.find((c) => c.kind === 'web')).toMatchObject({ address: 'https://support.sintez.info', official: true });
    expect(channels.find((c) => c.kind === 'email')).toMatchObject({ address: MAILBOX, official: true });
    expect(channels.filter((c) => !c.official).map((c) => c.kind).sort()).toEqual(['phone', 'telegram']);

    const before = (await queue()).length;
    for (const channel of ['phone', 'telegram']) {
      expect(await refusal(agent, createQuery, { i: { tenantId: TENANT, channel, kind: 'change', fields: complete } }), channel).toEqual({ code: 'BAD_USER_INPUT', fields: ['channel'] });
    }
    expect((await queue()).length).toBe(before);
    expect(await createTicket({ channel: 'email' })).toMatchObject({ channel: 'email', state: 'new' });
    expect(await createTicket({ channel: 'web' })).toMatchObject({ channel: 'web', state: 'new' });

    // A phone call is talk and a general consultation: it is logged, but becomes no request.
    const { logPhoneCall } = await agent.data<{ logPhoneCall: { id: string; outcome: string } }>(
      'mutation($i: LogPhoneCallInput!) { logPhoneCall(input: $i) { id outcome } }',
      { i: { tenantId: TENANT, summary: 'Спросили, как добавить новость' } },
    );
    expect(logPhoneCall.outcome).toBe('consultation');
    expect(await refusal(agent, 'mutation($id: ID!) { convertPhoneCallToTicket(id: $id) { id } }', { id: logPhoneCall.id })).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('SIN-2 a request must name the site section and describe the changes: without them it is registered with the missing fields listed', async () => {
    const { tenants } = await agent.data<{ tenants: Array<{ id: string; kinds: Array<{ id: string; requiredFields: string[] }> }> }>('{ tenants { id kinds { id requiredFields } } }');
    const kinds = tenants.find((x) => x.id === TENANT)!.kinds;
    expect(kinds.map((k) => k.id)).toEqual(['change', 'problem']);
    for (const kind of kinds) expect([...kind.requiredFields].sort(), kind.id).toEqual(['description', 'section']);

    const bare = await createTicket({ fields: {} });
    expect(bare).toMatchObject({ state: 'new', statusCategory: 'new' });
    expect([...bare.missingFields].sort()).toEqual(['description', 'section']);
    const noSection = await createTicket({ kind: 'problem', fields: { description: 'Не открывается страница контактов' } });
    expect(noSection.missingFields).toEqual(['section']);
    expect((await createTicket()).missingFields).toEqual([]);

    // The desk asks for what is missing; the customer's answer completes the request.
    const asked = await send(noSection.id, 'REQUEST_INFO');
    expect(asked).toMatchObject({ state: 'waiting_customer', statusCategory: 'waiting_customer' });
    const letter = (await lettersOf(noSection.id)).find((l) => l.subject?.includes('Требуются уточнения'));
    expect(letter, 'the request for the missing data').toBeDefined();
    expect(letter).toMatchObject({ to: 'editor@client.example' });
    const answered = await send(noSection.id, 'PROVIDE_INFO', { fields: { section: 'Контакты' } });
    expect(answered).toMatchObject({ state: 'open', missingFields: [] });
  });

  it('SIN-3 every accepted letter or site request gets an automatic confirmation email', async () => {
    const web = await createTicket({ channel: 'web', from: 'site-user@client.example' });
    const webLetters = await lettersOf(web.id);
    expect(webLetters).toHaveLength(1);
    expect(webLetters[0]).toMatchObject({ to: 'site-user@client.example', subject: `[${web.number}] Обращение принято` });
    expect(webLetters[0]!.body).toContain(web.number);

    // The site's form (support.sintez.info) needs no account.
    const { submitRequest } = await t!.anonymous.data<{ submitRequest: { number: string; statusCategory: string } }>(
      'mutation($i: SubmitRequestInput!) { submitRequest(input: $i) { number statusCategory } }',
      { i: { tenantId: TENANT, kind: 'change', subject: 'Обновить контакты', fields: { section: 'Контакты', description: 'Новый телефон офиса' }, from: 'form-user@client.example' } },
    );
    expect(submitRequest).toMatchObject({ number: expect.stringMatching(/^TID26\d{6}$/), statusCategory: 'new' });
    const formLetters = await lettersTo('form-user@client.example');
    expect(formLetters.map((l) => l.subject)).toEqual([`[${submitRequest.number}] Обращение принято`]);
    expect(formLetters[0]!.body).toContain(submitRequest.number);

    const received = await receive(mail({ from: '"Сидорова Анна" <sidorova@client.example>', subject: 'Заменить баннер на главной', body: 'Раздел: Главная. Заменить баннер.' }));
    expect(received.outcome).toBe('CREATED');
    const mailed = received.ticket!;
    expect(mailed.channel).toBe('email');
    const mailLetters = await lettersOf(mailed.id);
    expect(mailLetters).toHaveLength(1);
    expect(mailLetters[0]).toMatchObject({ to: 'sidorova@client.example', subject: `[${mailed.number}] Обращение принято` });
  });

  it('SIN-5 a request is postponed only for one of the regulation reasons (insufficient_info, out_of_scope, incorrect_question)', async () => {
    for (const reason of ['insufficient_info', 'out_of_scope', 'incorrect_question']) {
      const request = await createTicket();
      if (reason !== 'insufficient_info') await send(request.id, 'TAKE'); // from new or from work
      const postponed = await send(request.id, 'POSTPONE', { reason });
      // Postponed, not closed: the reason is the postponement's, in its history entry.
      expect(postponed, reason).toMatchObject({ state: 'postponed', statusCategory: 'open', closeReason: null });
      const { ticket: withHistory } = await agent.data<{ ticket: { history: Array<{ event: string; data: { reason?: string } | null }> } }>(
        `query($id: ID!) { ticket(id: $id) { history { event data } } }`,
        { id: request.id },
      );
      expect(withHistory.history.at(-1), reason).toMatchObject({ event: 'POSTPONE', data: { reason } });
    }
    const request = await createTicket();
    await send(request.id, 'TAKE');
    const postponeWith = (data: Record<string, unknown> | null) => refusal(agent, sendQuery, { id: request.id, t: 'POSTPONE', d: data });
    expect(await postponeWith({ reason: 'too_busy' })).toEqual({ code: 'BAD_USER_INPUT', fields: ['data.reason'] });
    expect(await postponeWith(null)).toEqual({ code: 'BAD_USER_INPUT', fields: ['data.reason'] });
    expect(await ticket(request.id)).toMatchObject({ state: 'open', closeReason: null });

    // Postponed, then resumed: the reason no longer stands.
    await send(request.id, 'POSTPONE', { reason: 'insufficient_info' });
    expect(await send(request.id, 'TAKE')).toMatchObject({ state: 'open', closeReason: null });
    // Found impossible: closed with the reason.
    expect(await send(request.id, 'CLOSE', { reason: 'out_of_scope' })).toMatchObject({ state: 'closed', closeReason: 'out_of_scope' });
  });

  it('SIN-10 after a motivated refusal a bilateral rework act lists the rework and its deadlines, and after the rework a new act is issued', async () => {
    // Now Thursday 26.11.2026 06:01Z (12:01 local).
    const request = await createTicket({ organizationId: standard });
    await send(request.id, 'TAKE');
    const issued = await send(request.id, 'ISSUE_ACT', { items: ['Форма обратной связи на странице «Контакты»'] });
    const first = issued.acts[0]!;
    expect(first).toMatchObject({ number: `${request.number}-A1`, kind: 'acceptance', status: 'issued', issuedAt: '2026-11-26T06:01:00.000Z', dueAt: '2026-11-29T06:01:00.000Z' });

    // A refusal must give its reasons and the rework with deadlines.
    expect(await refusal(agent, sendQuery, { id: request.id, t: 'REFUSE_ACT', d: { items: [{ what: 'x', dueAt: '2026-12-01T12:00:00Z' }] } })).toEqual({ code: 'BAD_USER_INPUT', fields: ['data.reasons'] });
    expect(await refusal(agent, sendQuery, { id: request.id, t: 'REFUSE_ACT', d: { reasons: 'Форма не отправляет письма' } })).toEqual({ code: 'BAD_USER_INPUT', fields: ['data.items'] });

    // Friday 27.11 10:00 local (04:00Z): refused; the rework is agreed with deadlines.
    await advanceTo('2026-11-27T04:00:00Z');
    await requesterEvent(await portalToken(request.id), 'REFUSE_ACT', {
      reasons: ['Форма не отправляет письма', 'Нет согласия на обработку персональных данных'],
      items: [
        { what: 'Исправить отправку писем формы', dueAt: '2026-12-01T18:00:00+06:00' },
        { what: 'Добавить согласие на обработку персональных данных', dueAt: '2026-12-03T18:00:00+06:00' },
      ],
    });
    const refused = await ticket(request.id);
    expect(refused).toMatchObject({ state: 'rework', statusCategory: 'open' });
    expect(refused.acts).toHaveLength(2);
    expect(refused.acts[0]).toMatchObject({ number: `${request.number}-A1`, kind: 'acceptance', status: 'refused', answeredAt: '2026-11-27T04:00:00.000Z' });
    expect(refused.acts[0]!.reasons).toContain('Форма не отправляет письма');
    expect(refused.acts[0]!.reasons).toContain('Нет согласия на обработку персональных данных');
    expect(refused.acts[1]).toMatchObject({
      number: `${request.number}-A2`,
      kind: 'rework',
      status: 'agreed',
      issuedAt: '2026-11-27T04:00:00.000Z',
      items: [
        { what: 'Исправить отправку писем формы', dueAt: '2026-12-01T12:00:00.000Z' },
        { what: 'Добавить согласие на обработку персональных данных', dueAt: '2026-12-03T12:00:00.000Z' },
      ],
    });
    // The bilateral act is a printable document too, with the rework and its deadlines (local days).
    const rework = await fetch(new URL(refused.acts[1]!.documentUrl, t!.url), { headers: { authorization: `Bearer ${t!.admin.token}` } });
    expect(rework.status).toBe(200);
    const reworkHtml = await rework.text();
    for (const text of [refused.acts[1]!.number, 'Исправить отправку писем формы', '01.12.2026', 'Добавить согласие на обработку персональных данных', '03.12.2026']) {
      expect(reworkHtml).toContain(text);
    }

    // The refused act's own answer time passes (29.11 06:01Z): a refused act is not overdue.
    await advanceTo('2026-11-29T06:02:00Z');
    expect((await ticket(request.id)).acts[0]).toMatchObject({ status: 'refused' });

    // Tuesday 01.12 15:00 local (09:00Z): the rework is done, a new acceptance act is issued,
    // due three days later, Friday 04.12 09:00Z.
    await advanceTo('2026-12-01T09:00:00Z');
    const reissued = await send(request.id, 'ISSUE_ACT', { items: ['Исправлена отправка писем формы', 'Добавлено согласие на обработку персональных данных'] });
    expect(reissued).toMatchObject({ state: 'awaiting_acceptance' });
    expect(reissued.acts).toHaveLength(3);
    expect(reissued.acts[2]).toMatchObject({
      number: `${request.number}-A3`,
      kind: 'acceptance',
      status: 'issued',
      issuedAt: '2026-12-01T09:00:00.000Z',
      dueAt: '2026-12-04T09:00:00.000Z',
      items: [{ what: 'Исправлена отправка писем формы' }, { what: 'Добавлено согласие на обработку персональных данных' }],
    });
    const approved = await send(request.id, 'APPROVE_ACT');
    expect(approved).toMatchObject({ state: 'closed', closeReason: 'resolved' });
    expect(approved.acts.map((a) => a.status)).toEqual(['refused', 'agreed', 'approved']);
  });

  it('SIN-11 a change of the responsible person is told to the other side in advance; a change not in the future is refused', async () => {
    const organizationId = await createOrganization({ name: 'ООО «Контакт»', contactName: 'Орлова Мария', contactEmail: 'orlova@client.example' });
    const announce = 'mutation($i: AnnounceContactChangeInput!) { announceContactChange(input: $i) { side noticeTo noticeSentAt effectiveFrom previousName newName } }';
    const current = (await agent.data<{ now: string }>('{ now }')).now; // 01.12.2026 09:00Z
    const input = { tenantId: TENANT, organizationId, side: 'contractor', newName: 'Морозов Пётр', newEmail: 'morozov@sintez.info' };

    // Not in advance: at this very moment, or a minute ago.
    expect(await refusal(agent, announce, { i: { ...input, effectiveFrom: current } })).toEqual({ code: 'BAD_USER_INPUT', fields: ['effectiveFrom'] });
    expect(await refusal(agent, announce, { i: { ...input, effectiveFrom: minus(current, 1) } })).toEqual({ code: 'BAD_USER_INPUT', fields: ['effectiveFrom'] });
    expect(await lettersTo('orlova@client.example')).toEqual([]);

    // In advance: the desk's new person, told to the customer's contact now.
    const ahead = plus(current, 7 * 24 * 60);
    const { announceContactChange } = await agent.data<{ announceContactChange: Record<string, unknown> }>(announce, { i: { ...input, effectiveFrom: ahead } });
    expect(announceContactChange).toMatchObject({ side: 'contractor', noticeTo: 'orlova@client.example', noticeSentAt: current, effectiveFrom: ahead, newName: 'Морозов Пётр' });
    const notices = await lettersTo('orlova@client.example');
    expect(notices).toHaveLength(1);
    expect(notices[0]!.body).toContain('Морозов Пётр');

    // The customer's new person is told to the desk.
    const { announceContactChange: customerSide } = await agent.data<{ announceContactChange: Record<string, unknown> }>(announce, {
      i: { ...input, side: 'customer', newName: 'Лебедев Олег', newEmail: 'lebedev@client.example', effectiveFrom: plus(current, 1) },
    });
    expect(customerSide).toMatchObject({ side: 'customer', noticeTo: MAILBOX, previousName: 'Орлова Мария' });
    expect((await lettersTo(MAILBOX)).some((l) => l.body.includes('Лебедев Олег'))).toBe(true);
  });
});

describe('sintez SIN-4: the TID (clock from Thursday 31.12.2026 23:59 +06)', () => {
  // 31.12.2026 23:59 local = 17:59Z; two minutes later it is 2027 locally (18:01Z, still 31.12 in UTC).
  serverAt('2026-12-31T17:59:00Z');

  it('SIN-4 a request gets a unique TID (TIDYYNNNNNN, the local year, yearly counter), and letters with the TID in the subject join it', async () => {
    const lastOf2026 = await createTicket();
    const alsoOf2026 = await createTicket();
    expect(lastOf2026.number).toBe('TID26000001');
    expect(alsoOf2026.number).toBe('TID26000002');

    await advanceTo('2026-12-31T18:01:00Z');
    const first = await createTicket({ from: 'editor@client.example' });
    expect(first.number).toBe('TID27000001'); // the local year 2027, the counter starts again
    const byMail = await receive(mail({ from: 'Иванов Иван <ivanov@client.example>', subject: 'Не работает поиск по сайту', body: 'Раздел: Поиск. Поиск ничего не находит.' }));
    expect(byMail).toMatchObject({ outcome: 'CREATED', ticket: { number: 'TID27000002' } });

    // A reply keeping the TID in the subject is attached to that request, not a new one.
    const reply = await receive(mail({ from: 'editor@client.example', subject: `Re: [${first.number}] Обращение принято`, body: 'Дополнение: новость нужна и в английской версии.' }));
    expect(reply.outcome).toBe('APPENDED');
    expect(reply.ticket!.id).toBe(first.id);
    // A TID anywhere in the subject works, also for a request of the year before.
    const older = await receive(mail({ from: 'editor@client.example', subject: `Вопрос по ${lastOf2026.number}`, body: 'Есть новости?' }));
    expect(older).toMatchObject({ outcome: 'APPENDED', ticket: { id: lastOf2026.id } });

    // The whole correspondence is kept on the request: the confirmation and the reply.
    const thread = (await ticket(first.id)).messages;
    expect(thread.some((m) => m.direction === 'out' && m.subject === `[${first.number}] Обращение принято`)).toBe(true);
    expect(thread.some((m) => m.direction === 'in' && m.body.includes('английской версии'))).toBe(true);
    // … and visible on the site, through the personal link the confirmation carried.
    const onSite = await requesterTicket(await portalToken(first.id));
    expect(onSite.number).toBe(first.number);
    expect(onSite.messages.some((m: { direction: string; subject: string }) => m.direction === 'out' && m.subject === `[${first.number}] Обращение принято`)).toBe(true);
    expect(onSite.messages.some((m: { direction: string; body: string }) => m.direction === 'in' && m.body.includes('английской версии'))).toBe(true);
    expect((await queue()).length).toBe(4);

    // A letter citing a closed request opens a new one linked to it.
    await send(first.id, 'CLOSE', { reason: 'resolved' });
    const afterClose = await receive(mail({ from: 'editor@client.example', subject: `Re: [${first.number}] Обращение принято`, body: 'Опять не видно новости.' }));
    expect(afterClose.outcome).toBe('CREATED');
    expect(afterClose.ticket!.number).toBe('TID27000003');
    expect(afterClose.ticket!.links.map((l) => l.ticket.id)).toContain(first.id);
  });
});

describe('sintez SIN-8, SIN-9: reaction and acceptance across the New Year holidays (clock from Wednesday 30.12.2026 12:00 +06)', () => {
  // Wednesday 30.12.2026 12:00 local = 06:00Z.
  serverAt('2026-12-30T06:00:00Z');
  let standard: Ticket, extended: Ticket, unmatched: Ticket, late: Ticket, inTime: Ticket;
  beforeAll(async () => {
    const standardOrg = await createOrganization({ name: 'ООО «Стандарт»', inn: '5401000007', serviceLevel: 'standard' });
    const extendedOrg = await createOrganization({ name: 'ООО «Расширенный»', inn: '5401000014', serviceLevel: 'extended' });
    standard = await createTicket({ organizationId: standardOrg });
    extended = await createTicket({ organizationId: extendedOrg });
    unmatched = await createTicket();
    late = await createTicket({ organizationId: standardOrg, from: 'late@client.example' });
    inTime = await createTicket({ organizationId: standardOrg });
    for (const x of [late, inTime]) await send(x.id, 'TAKE');
    late = await send(late.id, 'ISSUE_ACT', { items: ['Обновлён раздел «Новости»', 'Добавлена форма обратной связи'] });
    inTime = await send(inTime.id, 'ISSUE_ACT', { items: [{ what: 'Заменён баннер на главной' }] });
  });

  it('SIN-8 the reaction time is at most 48 hours, counted as hours of the clock through the New Year holidays', async () => {
    // 30.12.2026 06:00Z + 48 h → Friday 01.01.2027 06:00Z (12:00 local, a holiday: the
    // regulation's "48 часов" are hours, not working hours); extended 24 h → 31.12.2026 06:00Z.
    expect(standard.deadlines.find((d) => d.kind === 'reaction')).toMatchObject({ dueAt: '2027-01-01T06:00:00.000Z', breached: false });
    expect(unmatched.deadlines.find((d) => d.kind === 'reaction')).toMatchObject({ dueAt: '2027-01-01T06:00:00.000Z', breached: false });
    expect(extended.deadlines.find((d) => d.kind === 'reaction')).toMatchObject({ dueAt: '2026-12-31T06:00:00.000Z', breached: false });
    await expectBreachAt('2026-12-31T06:00:00.000Z', 'reaction', [extended.id]);
    await expectBreachAt('2027-01-01T06:00:00.000Z', 'reaction', [standard.id, unmatched.id]);
  });

  it('SIN-9 an acceptance act is issued when the work is done; the customer approves it within 3 days, or it is flagged overdue', async () => {
    // Both acts issued 30.12.2026 06:00Z, due three days later: Saturday 02.01.2027 06:00Z
    // (12:00 local; the three days run through the holidays).
    const act = late.acts[0]!;
    expect(late).toMatchObject({ state: 'awaiting_acceptance', statusCategory: 'resolved' });
    expect(late.availableEvents).toEqual(expect.arrayContaining(['APPROVE_ACT', 'REFUSE_ACT']));
    expect(act).toMatchObject({
      number: `${late.number}-A1`,
      kind: 'acceptance',
      status: 'issued',
      issuedAt: '2026-12-30T06:00:00.000Z',
      dueAt: '2027-01-02T06:00:00.000Z',
      answeredAt: null,
      items: [{ what: 'Обновлён раздел «Новости»', dueAt: null }, { what: 'Добавлена форма обратной связи', dueAt: null }],
    });
    expect(inTime.acts[0]).toMatchObject({ dueAt: '2027-01-02T06:00:00.000Z', items: [{ what: 'Заменён баннер на главной' }] });
    // The customer is sent the act.
    expect((await lettersOf(late.id)).some((l) => l.to === 'late@client.example' && l.subject === `[${late.number}] Акт сдачи-приёмки работ`)).toBe(true);

    // The customer's reply to the act letter keeps the TID in its subject and joins the request.
    const reply = await receive(mail({ from: 'late@client.example', subject: `Re: [${late.number}] Акт сдачи-приёмки работ`, body: 'Акт получили, посмотрим до понедельника.' }));
    expect(reply).toMatchObject({ outcome: 'APPENDED', ticket: { id: late.id, state: 'awaiting_acceptance' } });

    // The printable act: an HTML page naming the act and its items.
    const document = await fetch(new URL(act.documentUrl, t!.url), { headers: { authorization: `Bearer ${t!.admin.token}` } });
    expect(document.status).toBe(200);
    expect(document.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await document.text();
    expect(html).toContain(act.number);
    expect(html).toContain('Обновлён раздел «Новости»');
    expect(html).toContain('Добавлена форма обратной связи');
    expect(html).toContain('ООО «Стандарт»');
    expect(html).toContain('02.01.2027'); // the answer's due day, in the desk's time (12:00 +06:00)
    expect((await fetch(new URL(act.documentUrl, t!.url))).status).toBe(401);

    // The customer sees the act on the site and may approve or refuse it.
    const lateToken = await portalToken(late.id);
    const seen = await requesterTicket(lateToken);
    expect(seen).toMatchObject({ status: 'resolved', acts: [{ number: act.number, status: 'issued', dueAt: '2027-01-02T06:00:00.000Z' }] });
    expect(seen.availableEvents).toEqual(expect.arrayContaining(['APPROVE_ACT', 'REFUSE_ACT']));

    // Now 01.01.2027 06:01Z: one customer approves in time on the site; the ticket is closed.
    const approvedOnSite = await requesterEvent(await portalToken(inTime.id), 'APPROVE_ACT');
    expect(approvedOnSite).toMatchObject({ status: 'closed', closeReason: 'resolved', acts: [{ status: 'approved', answeredAt: '2027-01-01T06:01:00.000Z' }] });
    expect(await ticket(inTime.id)).toMatchObject({ state: 'closed', statusCategory: 'closed', closeReason: 'resolved' });

    // The other does not answer: a minute before the due time the act is still issued, a
    // minute after it is overdue (the ticket still waits for the answer).
    await advanceTo('2027-01-02T05:59:00Z');
    expect((await ticket(late.id)).acts[0]).toMatchObject({ status: 'issued' });
    await advanceTo('2027-01-02T06:01:00Z');
    const overdue = await ticket(late.id);
    expect(overdue).toMatchObject({ state: 'awaiting_acceptance' });
    expect(overdue.acts[0]).toMatchObject({ status: 'overdue', dueAt: '2027-01-02T06:00:00.000Z' });
    expect((await ticket(inTime.id)).acts[0]).toMatchObject({ status: 'approved' });

    expect((await requesterTicket(lateToken)).acts[0]).toMatchObject({ status: 'overdue' });

    // A late approval still closes it.
    await requesterEvent(lateToken, 'APPROVE_ACT');
    const closed = await ticket(late.id);
    expect(closed).toMatchObject({ state: 'closed', closeReason: 'resolved' });
    expect(closed.acts[0]).toMatchObject({ status: 'approved', answeredAt: '2027-01-02T06:01:00.000Z' });
  });
});
