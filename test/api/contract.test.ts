/**
 * The public contract, operation by operation: what succeeds and every error code it can
 * return, through HTTP as an external system would call it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.stop());

const createTicket = `mutation($i: CreateTicketInput!) { createTicket(input: $i) {
  id tenantId number kind channel audience subject state statusCategory closeReason fields missingFields availableEvents version createdAt updatedAt
  history { event fromState toState at actor } deadlines { kind } messages { body } links { relation } acts { number } } }`;
const sendEvent = `mutation($id: ID!, $type: String!, $data: JSON, $v: Int) { sendTicketEvent(ticketId: $id, type: $type, data: $data, expectedVersion: $v) {
  id state statusCategory closeReason version availableEvents history { event fromState toState actor } } }`;

async function newTicket(input: Record<string, unknown> = {}) {
  const { createTicket: ticket } = await t.admin.data(createTicket, {
    i: { tenantId: 'tomsk', channel: 'email', subject: 'Томская область: не формируется отчёт', from: 'ivanov@example.org', ...input },
  });
  return ticket;
}

describe('login', () => {
  it('gives a token that authenticates later requests', async () => {
    const { login } = await t.anonymous.data(`mutation { login(email: "admin@test.local", password: "admin-password-1") { token user { email role } } }`);
    expect(login.user).toEqual({ email: 'admin@test.local', role: 'admin' });
    const { me } = await t.anonymous.withToken(login.token).data(`{ me { email } }`);
    expect(me.email).toBe('admin@test.local');
  });

  it('refuses a wrong password with UNAUTHENTICATED', async () => {
    expect(await t.anonymous.errorCode(`mutation { login(email: "admin@test.local", password: "nope") { token } }`)).toBe('UNAUTHENTICATED');
  });

  it('answers repeated wrong passwords more and more slowly', async () => {
    const attempt = async () => {
      const started = performance.now();
      const code = await t.anonymous.errorCode(`mutation { login(email: "slow@test.local", password: "wrong") { token } }`);
      expect(code).toBe('UNAUTHENTICATED');
      return performance.now() - started;
    };
    for (let i = 0; i < 3; i++) await attempt();
    const fourth = await attempt();
    const fifth = await attempt();
    expect(fourth).toBeGreaterThanOrEqual(240);
    expect(fifth).toBeGreaterThanOrEqual(480);
  });

  it('a garbage bearer token is not a session', async () => {
    expect(await t.anonymous.withToken('rgs_forged').errorCode(`{ tickets { total } }`)).toBe('UNAUTHENTICATED');
  });
});

describe('createTicket', () => {
  it('registers a request in the initial state of the tenant workflow, version 1, with a CREATE history row', async () => {
    const ticket = await newTicket({ kind: 'consultation', fields: { fullName: 'Иванов Иван' } });
    expect(ticket).toMatchObject({ tenantId: 'tomsk', channel: 'email', statusCategory: 'new', version: 1, closeReason: null });
    expect(ticket.fields).toMatchObject({ fullName: 'Иванов Иван', email: 'ivanov@example.org' });
    expect(ticket.history).toEqual([expect.objectContaining({ event: 'CREATE', fromState: null, toState: ticket.state })]);
    expect(ticket.availableEvents).toContain('TAKE');
    expect(ticket.createdAt).toBe('2026-11-23T03:00:00.000Z');
  });

  it('registers an incomplete request and lists what it lacks', async () => {
    const ticket = await newTicket({ kind: 'consultation', fields: {} });
    expect(ticket.statusCategory).toBe('new');
    expect(ticket.missingFields.length).toBeGreaterThan(0);
    expect(ticket.missingFields).toContain('fullName');
  });

  it('numbers tickets with the tenant format; NSO-4 DateChecksum uses the local date and a valid check digit', async () => {
    const { createTicket: ticket } = await t.admin.data(createTicket, { i: { tenantId: 'novosibirsk', channel: 'email' } });
    // 03:00Z on 23.11.2026 is 10:00 in Novosibirsk (UTC+7): the local date is 20261123.
    expect(ticket.number).toMatch(/^Ticket#20261123\d{8}$/);
    const digits = ticket.number.slice('Ticket#'.length);
    const sum = [...digits.slice(0, 15)].reduce((acc: number, d: string, i: number) => acc + Number(d) * (i % 2 === 0 ? 1 : 2), 0);
    const check = 10 - (sum % 10) === 10 ? 1 : 10 - (sum % 10);
    expect(Number(digits[15])).toBe(check);
  });

  it.each([
    [{ tenantId: 'atlantis' }, 'tenantId'],
    [{ channel: 'pigeon' }, 'channel'],
    [{ kind: 'wish' }, 'kind'],
  ])('refuses malformed input %j with BAD_USER_INPUT naming the field', async (override, field) => {
    const result = await t.admin.request(createTicket, { i: { tenantId: 'tomsk', channel: 'email', ...override } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [field] });
  });

  it('refuses a wrongly typed argument with BAD_USER_INPUT', async () => {
    const result = await t.admin.request(`mutation { createTicket(input: { tenantId: "tomsk", channel: 42 }) { id } }`);
    expect(result.errors?.[0]?.extensions?.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
  });
});

describe('ids of a ticket\'s rows', () => {
  it('gives every message, history entry and letter an ID a client can use', async () => {
    const { createTicket: ticket } = await t.admin.data(
      `mutation { createTicket(input: { tenantId: "kurgan-vipnet", channel: "email", from: "ids@example.org", subject: "Нет связи" }) {
        id messages { id direction } history { id event } } }`,
    );
    expect(ticket.history).toEqual([{ id: expect.stringMatching(/^\d+$/), event: 'CREATE' }]);
    expect(ticket.messages).toEqual([{ id: expect.stringMatching(/^\d+$/), direction: 'out' }]);
    const { outboundMessages } = await t.admin.data(`query($id: ID!) { outboundMessages(ticketId: $id) { id } }`, { id: ticket.id });
    expect(outboundMessages).toEqual([{ id: expect.stringMatching(/^\d+$/) }]);
  });
});

describe('sendTicketEvent', () => {
  it('moves the ticket through its workflow, one version and one history row per event', async () => {
    const ticket = await newTicket();
    const { sendTicketEvent: taken } = await t.admin.data(sendEvent, { id: ticket.id, type: 'TAKE' });
    expect(taken).toMatchObject({ statusCategory: 'open', version: 2 });
    expect(taken.history.at(-1)).toMatchObject({ event: 'TAKE', fromState: ticket.state, toState: taken.state, actor: 'admin:admin@test.local' });
    const { sendTicketEvent: waiting } = await t.admin.data(sendEvent, { id: ticket.id, type: 'REQUEST_INFO', data: { missing: ['phone'] } });
    expect(waiting.statusCategory).toBe('waiting_customer');
    const { sendTicketEvent: back } = await t.admin.data(sendEvent, { id: ticket.id, type: 'PROVIDE_INFO' });
    expect(back.statusCategory).toBe('open');
    const { sendTicketEvent: resolved } = await t.admin.data(sendEvent, { id: ticket.id, type: 'RESOLVE', data: { solution: 'Переустановите сертификат' } });
    expect(resolved.statusCategory).toBe('resolved');
    const { sendTicketEvent: closed } = await t.admin.data(sendEvent, { id: ticket.id, type: 'CLOSE' });
    expect(closed).toMatchObject({ statusCategory: 'closed', version: 6 });
    expect(closed.history.map((h: { event: string }) => h.event)).toEqual(['CREATE', 'TAKE', 'REQUEST_INFO', 'PROVIDE_INFO', 'RESOLVE', 'CLOSE']);
  });

  it('refuses an event the current state does not take with EVENT_NOT_ALLOWED and changes nothing', async () => {
    const ticket = await newTicket();
    const result = await t.admin.request(sendEvent, { id: ticket.id, type: 'RESOLVE' });
    expect(result.errors?.[0]?.extensions?.code).toBe('EVENT_NOT_ALLOWED');
    const { ticket: after } = await t.admin.data(`query($id: ID!) { ticket(id: $id) { version state } }`, { id: ticket.id });
    expect(after).toEqual({ version: 1, state: ticket.state });
  });

  it('refuses an unknown event name with EVENT_NOT_ALLOWED', async () => {
    const ticket = await newTicket();
    expect(await t.admin.errorCode(sendEvent, { id: ticket.id, type: 'DANCE' })).toBe('EVENT_NOT_ALLOWED');
  });

  it('refuses a stale expectedVersion with VERSION_CONFLICT and accepts the current one', async () => {
    const ticket = await newTicket();
    expect(await t.admin.errorCode(sendEvent, { id: ticket.id, type: 'TAKE', v: 7 })).toBe('VERSION_CONFLICT');
    const { sendTicketEvent: taken } = await t.admin.data(sendEvent, { id: ticket.id, type: 'TAKE', v: 1 });
    expect(taken.version).toBe(2);
  });

  it('answers NOT_FOUND for a ticket that does not exist', async () => {
    expect(await t.admin.errorCode(sendEvent, { id: '00000000-0000-4000-8000-000000000000', type: 'TAKE' })).toBe('NOT_FOUND');
    expect(await t.admin.errorCode(sendEvent, { id: 'not-a-uuid', type: 'TAKE' })).toBe('NOT_FOUND');
  });
});

describe('reading tickets', () => {
  it('finds a ticket by id and by number, and NOT_FOUND otherwise', async () => {
    const ticket = await newTicket();
    const { ticket: byId } = await t.admin.data(`query($id: ID!) { ticket(id: $id) { number } }`, { id: ticket.id });
    expect(byId.number).toBe(ticket.number);
    const { ticketByNumber } = await t.admin.data(`query($n: String!) { ticketByNumber(tenantId: "tomsk", number: $n) { id } }`, { n: ticket.number });
    expect(ticketByNumber.id).toBe(ticket.id);
    expect(await t.admin.errorCode(`{ ticketByNumber(tenantId: "tomsk", number: "nope") { id } }`)).toBe('NOT_FOUND');
    expect(await t.admin.errorCode(`{ ticket(id: "00000000-0000-4000-8000-000000000000") { id } }`)).toBe('NOT_FOUND');
  });

  it('lists with filters, text search, sort and pages', async () => {
    const marker = `Уникальная тема ${Math.random().toString(36).slice(2)}`;
    const a = await newTicket({ subject: `${marker} А` });
    await t.admin.data(`mutation { advanceClock(by: "PT1M") }`);
    const b = await newTicket({ subject: `${marker} Б` });
    await t.admin.data(sendEvent, { id: b.id, type: 'TAKE' });
    const page = async (args: string) => (await t.admin.data(`{ tickets(${args}) { total items { id } } }`)).tickets;
    expect((await page(`filter: { q: "${marker}" }, sortField: "createdAt", sortOrder: ASC`)).items.map((i: { id: string }) => i.id)).toEqual([a.id, b.id]);
    expect((await page(`filter: { q: "${marker}", statusCategory: open }`)).items.map((i: { id: string }) => i.id)).toEqual([b.id]);
    expect((await page(`filter: { ids: ["${a.id}"] }`)).total).toBe(1);
    const first = await page(`filter: { q: "${marker}" }, sortField: "createdAt", sortOrder: ASC, page: 0, perPage: 1`);
    const second = await page(`filter: { q: "${marker}" }, sortField: "createdAt", sortOrder: ASC, page: 1, perPage: 1`);
    expect([first.total, first.items[0].id, second.items[0].id]).toEqual([2, a.id, b.id]);
    expect(await t.admin.errorCode(`{ tickets(sortField: "password") { total } }`)).toBe('BAD_USER_INPUT');
  });
});

describe('tenants, users, tokens and organisations', () => {
  it('lists the five tenants with time zone, workflow version and channels', async () => {
    const { tenants } = await t.admin.data(`{ tenants { id title timezone workflowVersion channels { kind address official hours } } }`);
    expect(tenants.map((x: { id: string }) => x.id)).toEqual(['kurgan-vipnet', 'novosibirsk', 'rusbitech', 'sintez', 'tomsk']);
    const sintez = tenants.find((x: { id: string }) => x.id === 'sintez');
    expect(sintez.timezone).toBe('+06:00');
    expect(sintez.channels.some((c: { official: boolean }) => !c.official)).toBe(true);
    const tomsk = (await t.admin.data(`{ tenants { id kinds { id title requiredFields } events { type title } } }`)).tenants.find((x: { id: string }) => x.id === 'tomsk');
    expect(tomsk.kinds.find((k: { id: string }) => k.id === 'error').requiredFields).toContain('entityPath');
    expect(tomsk.events).toContainEqual({ type: 'TAKE', title: 'Взять в работу' });
    const nso = tenants.find((x: { id: string }) => x.id === 'novosibirsk');
    expect(nso.channels.map((c: { address: string }) => c.address)).toEqual(expect.arrayContaining(['gz54@krista.ru', 'mz154@krista.ru']));
  });

  it('creates a user who can sign in, and refuses a duplicate or a bad role with BAD_USER_INPUT', async () => {
    const input = { email: 'petrova@test.local', password: 'long-password', role: 'agent', tenantIds: ['sintez'] };
    const { createUser } = await t.admin.data(`mutation($i: CreateUserInput!) { createUser(input: $i) { email role tenantIds } }`, { i: input });
    expect(createUser).toEqual({ email: 'petrova@test.local', role: 'agent', tenantIds: ['sintez'] });
    await t.anonymous.data(`mutation { login(email: "petrova@test.local", password: "long-password") { token } }`);
    expect(await t.admin.errorCode(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, { i: input })).toBe('BAD_USER_INPUT');
    expect(await t.admin.errorCode(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, { i: { ...input, email: 'x@test.local', role: 'king' } })).toBe('BAD_USER_INPUT');
    expect(await t.admin.errorCode(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, { i: { ...input, email: 'y@test.local', tenantIds: ['atlantis'] } })).toBe('BAD_USER_INPUT');
  });

  it('creates an API token that works as an integration of its tenants', async () => {
    const { createApiToken } = await t.admin.data(`mutation { createApiToken(input: { name: "1C", tenantIds: ["sintez"] }) { token tenantIds } }`);
    const { tenants } = await t.anonymous.withToken(createApiToken.token).data(`{ tenants { id } }`);
    expect(tenants).toEqual([{ id: 'sintez' }]);
    expect(await t.admin.errorCode(`mutation { createApiToken(input: { name: "x", tenantIds: ["atlantis"] }) { token } }`)).toBe('BAD_USER_INPUT');
  });

  it('creates an organisation, matches tickets to it by INN, and validates its fields', async () => {
    const { createOrganization: org } = await t.admin.data(
      `mutation { createOrganization(input: { tenantId: "rusbitech", name: "В/ч 12345", inn: "7701234567", serviceLevel: "standard", contractFrom: "2026-01-01", contractUntil: "2026-12-31" }) { id name contractUntil } }`,
    );
    expect(org).toMatchObject({ name: 'В/ч 12345', contractUntil: '2026-12-31' });
    const { createTicket: ticket } = await t.admin.data(`mutation { createTicket(input: { tenantId: "rusbitech", channel: "email", fields: { inn: "7701234567" } }) { id organizationId } }`);
    expect(ticket.organizationId).toBe(org.id);
    expect(await t.admin.errorCode(`mutation { createOrganization(input: { tenantId: "rusbitech", name: "X", inn: "12" }) { id } }`)).toBe('BAD_USER_INPUT');
    expect(await t.admin.errorCode(`mutation { createOrganization(input: { tenantId: "atlantis", name: "X" }) { id } }`)).toBe('BAD_USER_INPUT');
  });
});

describe('clock', () => {
  it('advanceClock moves the manual clock by an ISO-8601 duration and refuses nonsense', async () => {
    const { now: before } = await t.admin.data(`{ now }`);
    const { advanceClock } = await t.admin.data(`mutation { advanceClock(by: "PT1H30M") }`);
    expect(Date.parse(advanceClock) - Date.parse(before)).toBe(90 * 60_000);
    const { now: after } = await t.admin.data(`{ now }`);
    expect(after).toBe(advanceClock);
    expect(await t.admin.errorCode(`mutation { advanceClock(by: "soon") }`)).toBe('BAD_USER_INPUT');
  });
});

describe('outboundMessages', () => {
  it('shows what the outbox holds for a ticket, newest last', async () => {
    const ticket = await newTicket();
    const { outboundMessages } = await t.admin.data(`query($id: ID!) { outboundMessages(ticketId: $id) { to subject at } }`, { id: ticket.id });
    const { ticket: withMessages } = await t.admin.data(`query($id: ID!) { ticket(id: $id) { messages { direction to subject } } }`, { id: ticket.id });
    const sent = withMessages.messages.filter((m: { direction: string }) => m.direction === 'out');
    expect(outboundMessages.length).toBeGreaterThan(0);
    expect(outboundMessages.map((m: { to: string; subject: string }) => [m.to, m.subject])).toEqual(sent.map((m: { to: string; subject: string }) => [m.to, m.subject]));
    const times = outboundMessages.map((m: { at: string }) => Date.parse(m.at));
    expect([...times].sort((x, y) => x - y)).toEqual(times);
  });
});

describe('errors', () => {
  it('never shows a stack trace or SQL', async () => {
    const result = await t.admin.request(`{ tickets(perPage: 100000) { total } }`);
    const text = JSON.stringify(result.errors);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(text).not.toMatch(/stacktrace|select |insert |at .*\.ts:\d+/i);
  });

  it('refuses a query deeper than the limit', async () => {
    const deep = `{ tickets { items { ${'links { ticket { '.repeat(6)} id ${'} } '.repeat(6)} } } }`;
    const result = await t.admin.request(deep);
    expect(result.errors?.[0]?.message).toMatch(/depth/i);
    expect(result.data ?? null).toBeNull();
  });

  it('refuses a query costlier than the limit', async () => {
    const fields = Array.from({ length: 6000 }, (_, i) => `a${i}: now`).join(' ');
    const result = await t.admin.request(`{ ${fields} }`);
    expect(result.errors?.[0]?.message).toMatch(/cost/i);
  });
});
