/**
 * NSO-3: a phone call gives a short consultation or help filling in a request. Agents log
 * every call; a call that needs work becomes a ticket of the tenant's workflow (channel
 * `phone`), once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrationClient, signInAs, startTestServer, type TestServer } from '../support/test-server.js';
import type { GraphQLClient } from '../support/graphql-client.js';
import { hours, plus, productNow, refusal } from './helpers.js';

let t: TestServer;
let agent: GraphQLClient;

beforeAll(async () => {
  t = await startTestServer();
  agent = await signInAs(t, 'agent', ['novosibirsk']);
});
afterAll(() => t?.stop());

const callFields = 'id tenantId at callerName callerPhone organization summary outcome ticketId agent';
const log = `mutation($i: LogPhoneCallInput!) { logPhoneCall(input: $i) { ${callFields} } }`;
const convert = `mutation($id: ID!, $kind: String, $subject: String, $audience: String) {
  convertPhoneCallToTicket(id: $id, kind: $kind, subject: $subject, audience: $audience) {
    ${callFields} ticket { id number channel kind audience subject fields missingFields statusCategory history { event actor } phoneCalls { id } } } }`;
const calls = `query($t: ID!, $page: Int, $perPage: Int) { phoneCalls(tenantId: $t, page: $page, perPage: $perPage) { total items { ${callFields} } } }`;

interface Call {
  id: string;
  at: string;
  outcome: string;
  ticketId: string | null;
  agent: string;
  callerName: string | null;
  summary: string;
}
interface Converted extends Call {
  ticket: {
    id: string;
    number: string;
    channel: string;
    kind: string | null;
    audience: string | null;
    subject: string | null;
    fields: Record<string, unknown>;
    missingFields: string[];
    statusCategory: string;
    history: Array<{ event: string; actor: string }>;
    phoneCalls: Array<{ id: string }>;
  };
}

async function logCall(client: GraphQLClient, input: Record<string, unknown>): Promise<Call> {
  return (await client.data<{ logPhoneCall: Call }>(log, { i: { tenantId: 'novosibirsk', ...input } })).logPhoneCall;
}

describe('phone calls', () => {
  it('NSO-3 an agent logs a short consultation given by phone', async () => {
    const now = await productNow(t);
    const earlier = await logCall(agent, { callerName: 'Петров П. П.', callerPhone: '+7 383 000-00-01', summary: 'Как выгрузить отчёт', at: plus(now, -hours(2)) });
    const call = await logCall(agent, { callerName: 'Иванова Анна', callerPhone: '+7 913 000-00-00', organization: 'ГБУЗ НСО «ГКБ №1»', summary: 'Как сменить пароль' });
    expect(call).toMatchObject({ tenantId: 'novosibirsk', outcome: 'consultation', ticketId: null, at: now.toISOString() });
    expect(call.agent).toMatch(/^agent:/);

    // A caller who gives no name is still a logged call.
    const anonymousCaller = await logCall(agent, { summary: 'Уточнил часы работы поддержки' });
    expect(anonymousCaller.callerName).toBeNull();

    const page = (await agent.data<{ phoneCalls: { total: number; items: Call[] } }>(calls, { t: 'novosibirsk', perPage: 2 })).phoneCalls;
    expect(page.total).toBeGreaterThanOrEqual(3);
    expect(page.items).toHaveLength(2);
    // Newest first: the back-dated call is not on the first page of two.
    expect(page.items.map((c) => c.id)).not.toContain(earlier.id);
    expect(new Date(page.items[0]!.at).getTime()).toBeGreaterThanOrEqual(new Date(page.items[1]!.at).getTime());
  });

  it('NSO-3 a call becomes a ticket with what the agent noted, and the ticket shows the call', async () => {
    const call = await logCall(agent, {
      callerName: 'Сидоров Иван Иванович',
      callerPhone: '8-913-111-22-33',
      organization: 'ГБУЗ НСО «Городская поликлиника №2»',
      summary: 'Не подписывается документ в разделе «Заявки»\nОшибка появилась сегодня утром',
    });
    const converted = (await agent.data<{ convertPhoneCallToTicket: Converted }>(convert, { id: call.id, kind: 'request', audience: 'customer' }))
      .convertPhoneCallToTicket;
    expect(converted).toMatchObject({ id: call.id, outcome: 'ticket', ticketId: converted.ticket.id });
    expect(converted.ticket).toMatchObject({
      channel: 'phone',
      kind: 'request',
      audience: 'customer',
      subject: 'Не подписывается документ в разделе «Заявки»',
      fields: {
        fullName: 'Сидоров Иван Иванович',
        phone: '8-913-111-22-33',
        organization: 'ГБУЗ НСО «Городская поликлиника №2»',
        description: 'Не подписывается документ в разделе «Заявки»\nОшибка появилась сегодня утром',
      },
      phoneCalls: [{ id: call.id }],
    });
    expect(converted.ticket.number).toMatch(/^Ticket#\d{16}$/);
    // What the call did not give, the workflow asks for (NSO-5, NSO-6).
    expect(converted.ticket.missingFields).toEqual(expect.arrayContaining(['inn', 'screenshots']));
    expect(converted.ticket.history[0]).toEqual({ event: 'CREATE', actor: call.agent });

    const listed = (await agent.data<{ phoneCalls: { items: Call[] } }>(calls, { t: 'novosibirsk', perPage: 500 })).phoneCalls.items.find((c) => c.id === call.id);
    expect(listed).toMatchObject({ outcome: 'ticket', ticketId: converted.ticket.id });
  });

  it('NSO-3 a converted call cannot be converted twice, not even by two agents at once', async () => {
    const call = await logCall(agent, { callerName: 'Кузнецова Ольга', summary: 'Просит зарегистрировать обращение' });
    const first = (await agent.data<{ convertPhoneCallToTicket: Converted }>(convert, { id: call.id })).convertPhoneCallToTicket;
    expect(await refusal(agent, convert, { id: call.id })).toEqual({ code: 'BAD_USER_INPUT', fields: ['id'] });

    const racing = await logCall(agent, { summary: 'Звонок, который конвертируют двое' });
    const other = await signInAs(t, 'agent', ['novosibirsk']);
    const results = await Promise.all([agent.request(convert, { id: racing.id }), other.request(convert, { id: racing.id })]);
    const won = results.filter((r) => !r.errors?.length);
    const lost = results.filter((r) => r.errors?.length);
    expect(won).toHaveLength(1);
    expect(lost.map((r) => r.errors![0]!.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    const { rows } = await t.db.query(`select count(*)::int as n from ticket where channel = 'phone' and fields->>'description' = $1`, [racing.summary]);
    expect(rows[0].n).toBe(1);
    expect(first.ticket.id).not.toBe((won[0]!.data as { convertPhoneCallToTicket: Converted }).convertPhoneCallToTicket.ticket.id);
  });

  it('NSO-3 a conversion the workflow refuses leaves the call a consultation', async () => {
    const call = await logCall(agent, { summary: 'Неизвестный тип обращения' });
    expect(await refusal(agent, convert, { id: call.id, kind: 'wish' })).toEqual({ code: 'BAD_USER_INPUT', fields: ['kind'] });
    const after = (await agent.data<{ phoneCalls: { items: Call[] } }>(calls, { t: 'novosibirsk', perPage: 500 })).phoneCalls.items.find((c) => c.id === call.id);
    expect(after).toMatchObject({ outcome: 'consultation', ticketId: null });
  });

  it('SIN-1 a call to a desk whose phone is unofficial is logged as a consultation but never becomes a ticket', async () => {
    const sintezAgent = await signInAs(t, 'agent', ['sintez']);
    const call = (await sintezAgent.data<{ logPhoneCall: Call }>(log, { i: { tenantId: 'sintez', summary: 'Общий вопрос по сайту' } })).logPhoneCall;
    expect(await refusal(sintezAgent, convert, { id: call.id })).toEqual({ code: 'BAD_USER_INPUT', fields: ['channel'] });
  });

  it("NSO-3 calls are the tenant's own, and malformed calls are refused with the culprit named", async () => {
    const call = await logCall(agent, { summary: 'Вопрос по входу' });
    const tomskAgent = await signInAs(t, 'agent', ['tomsk']);
    expect(await tomskAgent.errorCode(convert, { id: call.id })).toBe('FORBIDDEN');
    expect(await tomskAgent.errorCode(calls, { t: 'novosibirsk' })).toBe('FORBIDDEN');
    expect(await tomskAgent.errorCode(log, { i: { tenantId: 'novosibirsk', summary: 'x' } })).toBe('FORBIDDEN');
    expect(await t.anonymous.errorCode(log, { i: { tenantId: 'novosibirsk', summary: 'x' } })).toBe('UNAUTHENTICATED');
    expect(await t.anonymous.errorCode(calls, { t: 'novosibirsk' })).toBe('UNAUTHENTICATED');
    const integration = await integrationClient(t, ['novosibirsk']);
    expect(await integration.errorCode(log, { i: { tenantId: 'novosibirsk', summary: 'x' } })).toBe('FORBIDDEN');
    expect((await integration.data<{ phoneCalls: { total: number } }>(calls, { t: 'novosibirsk' })).phoneCalls.total).toBeGreaterThan(0);
    expect(await agent.errorCode(convert, { id: '00000000-0000-4000-8000-000000000000' })).toBe('NOT_FOUND');

    const now = await productNow(t);
    expect(await refusal(agent, log, { i: { tenantId: 'novosibirsk', summary: 'Из будущего', at: plus(now, hours(1)) } })).toEqual({
      code: 'BAD_USER_INPUT',
      fields: ['at'],
    });
    expect(await refusal(agent, log, { i: { tenantId: 'novosibirsk', summary: '  ' } })).toEqual({ code: 'BAD_USER_INPUT', fields: ['summary'] });
    expect(await refusal(agent, log, { i: { tenantId: 'atlantis', summary: 'x' } })).toEqual({ code: 'BAD_USER_INPUT', fields: ['tenantId'] });
    expect(await refusal(agent, calls, { t: 'novosibirsk', perPage: 0 })).toEqual({ code: 'BAD_USER_INPUT', fields: ['perPage'] });
  });
});
