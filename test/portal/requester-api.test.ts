/**
 * The requester's side through the API (CONTRACT "The requester's side"): the public form,
 * the personal link every acknowledgement carries, and exactly the requester's events.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';

let t: TestServer;
beforeAll(async () => {
  // Monday 2026-11-23 10:00 in Novosibirsk and Tomsk (UTC+7).
  t = await startTestServer({ CLOCK_START: '2026-11-23T03:00:00Z', PORTAL_RATE_LIMIT: '3', MAIL_MAX_ATTACHMENT_BYTES: '5000' });
});
afterAll(() => t?.stop());

const unique = () => Math.random().toString(36).slice(2, 8);

const complete = {
  inn: '7707083893',
  fullName: 'Петрова Анна Сергеевна',
  occurredAt: '2026-11-23T02:00:00Z',
  description: 'Не формируется извещение',
  steps: 'Открыть извещение, нажать «Сформировать»',
  screenshots: ['error.png'],
};

async function submit(input: Record<string, unknown>) {
  return t.anonymous.request<{ submitRequest: { number: string; statusCategory: string; missingFields: string[] } }>(
    `mutation($i: SubmitRequestInput!) { submitRequest(input: $i) { number statusCategory missingFields } }`,
    { i: input },
  );
}

/** The personal link of the newest letter to `to` (the acknowledgement carries it). */
async function tokenFromMail(to: string): Promise<string> {
  const { outboundMessages } = await t.admin.data<{ outboundMessages: Array<{ body: string }> }>(`query($to: String!) { outboundMessages(to: $to) { body } }`, { to });
  const match = /\/portal\/t\/([A-Za-z0-9_-]+)/.exec(outboundMessages[0]?.body ?? '');
  if (!match) throw new Error(`no personal link in the letters to ${to}`);
  return match[1]!;
}

const view = `number subject status state availableEvents messages { direction body } acts { number kind status dueAt items { what dueAt } documentUrl } deadlines { kind dueAt }`;

const requesterTicket = async (token: string) =>
  (await t.anonymous.data<{ requesterTicket: Record<string, any> | null }>(`query($t: String!) { requesterTicket(token: $t) { ${view} } }`, { t: token })).requesterTicket;

const requesterEvent = (token: string, type: string, data?: unknown) =>
  t.anonymous.request<{ requesterEvent: Record<string, any> }>(`mutation($t: String!, $type: String!, $d: JSON) { requesterEvent(token: $t, type: $type, data: $d) { ${view} } }`, { t: token, type, d: data });

const agentEvent = (id: string, type: string, data?: unknown) =>
  t.admin.data(`mutation($id: ID!, $type: String!, $d: JSON) { sendTicketEvent(ticketId: $id, type: $type, data: $d) { state } }`, { id, type, d: data });

describe('the public form', () => {
  it('NSO-5 shows without a token what the form asks: kinds with their required fields, channels with hours', async () => {
    const { portalTenant } = await t.anonymous.data<{ portalTenant: { title: string; timezone: string; kinds: Array<{ id: string; requiredFields: string[] }>; channels: Array<{ kind: string; hours: string; extension: string | null }> } }>(
      `query { portalTenant(id: "novosibirsk") { title timezone kinds { id requiredFields } channels { kind hours extension } } }`,
    );
    expect(portalTenant.timezone).toBe('Asia/Novosibirsk');
    expect(portalTenant.kinds).toEqual([{ id: 'request', requiredFields: ['inn', 'fullName', 'occurredAt', 'description', 'steps', 'screenshots'] }]);
    expect(portalTenant.channels).toContainEqual({ kind: 'phone', hours: '09:00-18:00', extension: '6714' });
    expect((await t.anonymous.data(`query { portalTenant(id: "atlantis") { id } }`)).portalTenant).toBeNull();
  });

  it('NSO-2 registers a complete request from the web form and mails the number with a personal link', async () => {
    const from = `web-${unique()}@example.org`;
    const { data, errors } = await submit({ tenantId: 'novosibirsk', kind: 'request', subject: 'Ошибка извещения', fields: complete, from });
    expect(errors).toBeUndefined();
    expect(data!.submitRequest).toMatchObject({ statusCategory: 'new', missingFields: [] });
    const token = await tokenFromMail(from);
    const ticket = await requesterTicket(token);
    expect(ticket).toMatchObject({ number: data!.submitRequest.number, subject: 'Ошибка извещения', status: 'new' });
  });

  it('NSO-5 takes a screenshot with the form: kept for the ticket and listed in fields.screenshots', async () => {
    const png = Buffer.from(Array.from({ length: 1500 }, (_, i) => i % 251));
    const { screenshots: _, ...rest } = complete;
    const from = `shot-${unique()}@example.org`;
    const { data, errors } = await submit({
      tenantId: 'novosibirsk', kind: 'request', subject: 'Со скриншотом', fields: rest, from,
      attachments: [{ filename: 'экран.png', contentType: 'image/png', contentBase64: png.toString('base64') }],
    });
    expect(errors).toBeUndefined();
    expect(data!.submitRequest.missingFields).toEqual([]);
    const { ticketByNumber } = await t.admin.data<{ ticketByNumber: { fields: { screenshots: string[] }; attachments: Array<{ filename: string; size: number; kept: boolean }> } }>(
      `query($n: String!) { ticketByNumber(tenantId: "novosibirsk", number: $n) { fields attachments { filename size kept } } }`,
      { n: data!.submitRequest.number },
    );
    expect(ticketByNumber.fields.screenshots).toEqual(['экран.png']);
    expect(ticketByNumber.attachments).toEqual([{ filename: 'экран.png', size: 1500, kept: true }]);

    const huge = await submit({ tenantId: 'novosibirsk', subject: 'Большой файл', from: `huge-${unique()}@example.org`, attachments: [{ filename: 'video.mp4', contentBase64: Buffer.alloc(6000).toString('base64') }] });
    expect(huge.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['attachments'] });
    expect(huge.errors?.[0]?.message).toMatch(/video\.mp4/);
  });

  it('NSO-6 registers an incomplete request too, and answers what it lacks', async () => {
    const { data } = await submit({ tenantId: 'novosibirsk', subject: 'Не работает', fields: { description: 'Ошибка' }, from: `web-${unique()}@example.org` });
    expect(data!.submitRequest.statusCategory).toBe('waiting_customer');
    expect(data!.submitRequest.missingFields).toEqual(['inn', 'fullName', 'occurredAt', 'steps', 'screenshots']);
  });

  it('refuses a tenant without a web form, a missing address and a filled honeypot, and keeps each refusal', async () => {
    const tomsk = await submit({ tenantId: 'tomsk', subject: 'Вопрос', from: `web-${unique()}@example.org` });
    expect(tomsk.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['tenantId'] });
    const noAddress = await submit({ tenantId: 'novosibirsk', subject: 'Вопрос', from: 'не адрес' });
    expect(noAddress.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['from'] });
    const robot = await submit({ tenantId: 'novosibirsk', subject: 'Купите', from: `bot-${unique()}@example.org`, website: 'http://spam.example' });
    expect(robot.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const { rows } = await t.db.query(`select reason from refused_request order by at, reason`);
    expect(rows.map((r) => r.reason)).toEqual(expect.arrayContaining(['no web form', 'no e-mail address', 'honeypot']));
  });

  it('limits the requests one address may send, and keeps the refused one', async () => {
    const from = `flood-${unique()}@example.org`;
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push((await submit({ tenantId: 'novosibirsk', subject: `Заявка ${i}`, from })).errors?.[0]?.extensions?.code ?? 'ok');
    expect(answers).toEqual(['ok', 'ok', 'ok', 'FORBIDDEN']);
    const { rows } = await t.db.query(`select count(*)::int as n from refused_request where sender = $1 and reason = 'rate limited'`, [from]);
    expect(rows[0].n).toBe(1);
  });
});

describe('the personal link', () => {
  it('opens only its own ticket, shows only the requester\'s events, and refuses the others', async () => {
    const from = `link-${unique()}@example.org`;
    await submit({ tenantId: 'novosibirsk', subject: 'Первая', fields: { description: 'Нет данных' }, from });
    const token = await tokenFromMail(from);
    const mine = await requesterTicket(token);
    // NSO-6: the ticket waits for the customer; the requester may answer or name a date, not take it into work.
    expect(mine!.status).toBe('waiting_customer');
    expect(mine!.availableEvents.sort()).toEqual(['COMPLAIN', 'NAME_DATE', 'PROVIDE_INFO']);
    const take = await requesterEvent(token, 'TAKE');
    expect(take.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await requesterTicket('x'.repeat(43))).toBeNull();
  });

  it('NSO-6 a reply from the ticket page answers the request for information, as a mail would', async () => {
    const from = `reply-${unique()}@example.org`;
    await submit({ tenantId: 'novosibirsk', subject: 'Ошибка', fields: { description: 'Нет данных' }, from });
    const token = await tokenFromMail(from);
    const { requesterMessage } = await t.anonymous.data<{ requesterMessage: { status: string; messages: Array<{ direction: string; body: string }> } }>(
      `mutation($t: String!) { requesterMessage(token: $t, body: "ИНН 7707083893, ошибка с 9 утра") { status messages { direction body } } }`,
      { t: token },
    );
    expect(requesterMessage.status).toBe('open');
    expect(requesterMessage.messages.at(-1)).toEqual({ direction: 'in', body: 'ИНН 7707083893, ошибка с 9 утра' });
  });

  it('TOM-6 the requester reopens a solved ticket through the link within the window', async () => {
    const from = `tomsk-${unique()}@example.org`;
    const { createTicket } = await t.admin.data<{ createTicket: { id: string } }>(
      `mutation($f: String!) { createTicket(input: { tenantId: "tomsk", channel: "email", kind: "consultation", subject: "Томская область: вопрос", from: $f }) { id } }`,
      { f: from },
    );
    await agentEvent(createTicket.id, 'TAKE');
    await agentEvent(createTicket.id, 'RESOLVE', { solution: 'Ответ' });
    const token = await tokenFromMail(from);
    expect((await requesterTicket(token))!.availableEvents.sort()).toEqual(['CONFIRM', 'REOPEN']);
    const { data } = await requesterEvent(token, 'REOPEN');
    expect(data!.requesterEvent).toMatchObject({ status: 'open', availableEvents: [] });
  });

  it('SIN-9/10 the requester refuses an act with reasons and rework items, reads its document, then approves the next', async () => {
    const from = `sintez-${unique()}@example.org`;
    const { createTicket } = await t.admin.data<{ createTicket: { id: string } }>(
      `mutation($f: String!) { createTicket(input: { tenantId: "sintez", channel: "email", kind: "change", subject: "Раздел «Новости»", from: $f,
        fields: { section: "Новости", description: "Добавить ленту" } }) { id } }`,
      { f: from },
    );
    await agentEvent(createTicket.id, 'TAKE');
    await agentEvent(createTicket.id, 'ISSUE_ACT', { items: ['Лента новостей на главной'] });
    const token = await tokenFromMail(from);
    const issued = await requesterTicket(token);
    expect(issued!.availableEvents.sort()).toEqual(['APPROVE_ACT', 'REFUSE_ACT']);
    const incomplete = await requesterEvent(token, 'REFUSE_ACT', { items: [] });
    expect(incomplete.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['data.reasons'] });
    const { data } = await requesterEvent(token, 'REFUSE_ACT', {
      reasons: 'Лента не обновляется',
      items: [
        { what: 'Автообновление ленты', dueAt: '2026-11-27T12:00:00Z' },
        { what: 'Архив новостей', dueAt: '2026-11-30T12:00:00Z' },
      ],
    });
    const refused = data!.requesterEvent;
    expect(refused.status).toBe('open');
    expect(refused.acts.map((a: { kind: string; status: string }) => [a.kind, a.status])).toEqual([['acceptance', 'refused'], ['rework', 'agreed']]);
    expect(refused.acts[1].items).toEqual([
      { what: 'Автообновление ленты', dueAt: '2026-11-27T12:00:00.000Z' },
      { what: 'Архив новостей', dueAt: '2026-11-30T12:00:00.000Z' },
    ]);
    const document = await fetch(new URL(refused.acts[1].documentUrl, t.url));
    expect(document.status).toBe(200);
    expect(await document.text()).toContain('Архив новостей');

    await agentEvent(createTicket.id, 'ISSUE_ACT', { items: ['Лента с автообновлением и архивом'] });
    const approved = await requesterEvent(token, 'APPROVE_ACT');
    expect(approved.data!.requesterEvent.status).toBe('closed');
    expect(approved.data!.requesterEvent.acts.at(-1)).toMatchObject({ kind: 'acceptance', status: 'approved' });
  });

  it('an agent revokes the links of a ticket', async () => {
    const from = `revoke-${unique()}@example.org`;
    await submit({ tenantId: 'novosibirsk', subject: 'Отозвать', fields: complete, from });
    const token = await tokenFromMail(from);
    const { tickets } = await t.admin.data<{ tickets: { items: Array<{ id: string }> } }>(`query($q: String!) { tickets(filter: { q: $q }) { items { id } } }`, { q: from });
    const { revokeRequesterLinks } = await t.admin.data<{ revokeRequesterLinks: number }>(`mutation($id: ID!) { revokeRequesterLinks(ticketId: $id) }`, { id: tickets.items[0]!.id });
    expect(revokeRequesterLinks).toBe(1);
    expect(await requesterTicket(token)).toBeNull();
  });
});
