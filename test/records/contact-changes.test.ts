/**
 * SIN-11: when the responsible person changes, the other side is told in advance. A change
 * is announced with the day it takes effect; the notice goes to the other side through the
 * outbox in the same transaction, and the organisation's record names the new person.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, signInAs, startTestServer, type TestServer } from '../support/test-server.js';
import type { GraphQLClient } from '../support/graphql-client.js';
import { days, plus, productNow, refusal } from './helpers.js';

let t: TestServer;
let agent: GraphQLClient;

beforeAll(async () => {
  t = await startTestServer();
  agent = await signInAs(t, 'agent', ['sintez']);
});
afterAll(() => t?.stop());

const supportMailbox = 'support@sintez.info';
const changeFields = 'id tenantId organizationId side previousName previousEmail newName newEmail newPhone effectiveFrom noticeTo noticeSentAt createdBy';
const announce = `mutation($i: AnnounceContactChangeInput!) { announceContactChange(input: $i) { ${changeFields} } }`;
const changes = `query($t: ID!, $o: ID) { contactChanges(tenantId: $t, organizationId: $o) { ${changeFields} } }`;
const createOrg = `mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id contactName contactEmail contactPhone } }`;
const orgs = `query($t: ID) { organizations(tenantId: $t) { id contactName contactEmail contactPhone } }`;
const letters = `query($to: String) { outboundMessages(to: $to) { id ticketId to subject body status } }`;

interface Change {
  id: string;
  side: string;
  previousName: string | null;
  previousEmail: string | null;
  newName: string;
  newEmail: string;
  newPhone: string | null;
  effectiveFrom: string;
  noticeTo: string;
  noticeSentAt: string;
  createdBy: string;
}
interface Letter {
  id: string;
  ticketId: string | null;
  to: string;
  subject: string;
  body: string;
  status: string;
}

let orgCounter = 0;
async function organization(contact: { contactName?: string; contactEmail?: string; contactPhone?: string } = {}, tenantId = 'sintez'): Promise<string> {
  const name = `ООО «Клиент ${++orgCounter}»`;
  return (await t.admin.data<{ createOrganization: { id: string } }>(createOrg, { i: { tenantId, name, ...contact } })).createOrganization.id;
}

async function lettersTo(to: string): Promise<Letter[]> {
  return (await t.admin.data<{ outboundMessages: Letter[] }>(letters, { to })).outboundMessages;
}

/** The outbox worker has taken the letter (no relay in tests: it is kept as `captured`). */
async function delivered(to: string, subjectPart: string): Promise<Letter> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const letter = (await lettersTo(to)).find((l) => l.subject.includes(subjectPart));
    if (letter && letter.status === 'captured') return letter;
    if (Date.now() > deadline) throw new Error(`no captured letter to ${to} about ${subjectPart}: ${JSON.stringify(letter)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('contact changes', () => {
  it("SIN-11 a change of the customer's responsible person is announced to the desk in advance", async () => {
    const organizationId = await organization({ contactName: 'Орлова Мария', contactEmail: 'orlova@client.example', contactPhone: '+7 3812 00-00-01' });
    const effectiveFrom = plus(await productNow(t), days(10));
    const change = (await agent.data<{ announceContactChange: Change }>(announce, {
      i: { tenantId: 'sintez', organizationId, side: 'customer', newName: 'Лебедев Олег', newEmail: 'lebedev@client.example', newPhone: '+7 3812 00-00-02', effectiveFrom },
    })).announceContactChange;
    expect(change).toMatchObject({
      side: 'customer',
      previousName: 'Орлова Мария',
      previousEmail: 'orlova@client.example',
      newName: 'Лебедев Олег',
      effectiveFrom,
      noticeTo: supportMailbox,
    });
    expect(change.createdBy).toMatch(/^agent:/);

    // The desk is told at its support mailbox; the letter belongs to no ticket.
    const letter = await delivered(supportMailbox, `Клиент ${orgCounter}`);
    expect(letter.ticketId).toBeNull();
    expect(letter.body).toContain('Лебедев Олег');
    expect(letter.body).toContain('Новое ответственное лицо: Лебедев Олег, e-mail: lebedev@client.example, телефон: +7 3812 00-00-02');
    expect(letter.body).toContain('Прежнее ответственное лицо: Орлова Мария <orlova@client.example>');
    // The date as the tenant reads it (UTC+6).
    const local = new Date(new Date(effectiveFrom).getTime() + 6 * 3600_000).toISOString();
    expect(letter.body).toContain(`${local.slice(8, 10)}.${local.slice(5, 7)}.${local.slice(0, 4)} ${local.slice(11, 16)}`);

    const org = (await agent.data<{ organizations: Array<{ id: string; contactName: string; contactEmail: string; contactPhone: string }> }>(orgs, { t: 'sintez' }))
      .organizations.find((o) => o.id === organizationId);
    expect(org).toMatchObject({ contactName: 'Лебедев Олег', contactEmail: 'lebedev@client.example', contactPhone: '+7 3812 00-00-02' });
    expect((await agent.data<{ contactChanges: Change[] }>(changes, { t: 'sintez', o: organizationId })).contactChanges.map((c) => c.id)).toEqual([change.id]);
  });

  it("SIN-11 a change of the desk's responsible person is announced to the customer's contact", async () => {
    const organizationId = await organization({ contactName: 'Зайцева Ирина', contactEmail: 'zaitseva@client.example' });
    const now = await productNow(t);
    const first = (await agent.data<{ announceContactChange: Change }>(announce, {
      i: { tenantId: 'sintez', organizationId, side: 'contractor', newName: 'Морозов Пётр', newEmail: 'morozov@sintez.info', effectiveFrom: plus(now, days(3)) },
    })).announceContactChange;
    expect(first).toMatchObject({ noticeTo: 'zaitseva@client.example', previousName: null, previousEmail: null, newPhone: null });
    const notice = await delivered('zaitseva@client.example', 'исполнителя');
    expect(notice.body).toContain('Морозов Пётр');
    expect(notice.body).toContain('Прежнее ответственное лицо: не было указано');

    // The next change of the desk's person names the one announced before as the previous.
    const second = (await agent.data<{ announceContactChange: Change }>(announce, {
      i: { tenantId: 'sintez', organizationId, side: 'contractor', newName: 'Волкова Анна', newEmail: 'volkova@sintez.info', effectiveFrom: plus(now, days(30)) },
    })).announceContactChange;
    expect(second).toMatchObject({ previousName: 'Морозов Пётр', previousEmail: 'morozov@sintez.info' });
    // The customer's own contact is not the desk's person: it stays.
    const org = (await agent.data<{ organizations: Array<{ id: string; contactName: string }> }>(orgs, { t: 'sintez' })).organizations.find((o) => o.id === organizationId);
    expect(org?.contactName).toBe('Зайцева Ирина');
    expect((await agent.data<{ contactChanges: Change[] }>(changes, { t: 'sintez', o: organizationId })).contactChanges.map((c) => c.id)).toEqual([second.id, first.id]);
  });

  it('SIN-11 a change announced later for an earlier day slots in before the one already announced', async () => {
    const organizationId = await organization({ contactName: 'Исходный Контакт', contactEmail: 'first@client.example' });
    const now = await productNow(t);
    const input = { tenantId: 'sintez', organizationId, side: 'customer' };
    const later = (await agent.data<{ announceContactChange: Change }>(announce, {
      i: { ...input, newName: 'Дальний Контакт', newEmail: 'far@client.example', effectiveFrom: plus(now, days(30)) },
    })).announceContactChange;
    const sooner = (await agent.data<{ announceContactChange: Change }>(announce, {
      i: { ...input, newName: 'Ближний Контакт', newEmail: 'near@client.example', effectiveFrom: plus(now, days(10)) },
    })).announceContactChange;
    // The sooner change replaces the person in charge now; the later one's announced person stays the organisation's contact.
    expect(sooner).toMatchObject({ previousName: 'Исходный Контакт', previousEmail: 'first@client.example' });
    expect(later).toMatchObject({ previousName: 'Исходный Контакт' });
    const org = (await agent.data<{ organizations: Array<{ id: string; contactName: string }> }>(orgs, { t: 'sintez' })).organizations.find((o) => o.id === organizationId);
    expect(org?.contactName).toBe('Дальний Контакт');
    expect((await agent.data<{ contactChanges: Change[] }>(changes, { t: 'sintez', o: organizationId })).contactChanges.map((c) => c.id)).toEqual([later.id, sooner.id]);
  });

  it('SIN-11 a customer without a contact on record is told through the desk mailbox', async () => {
    const organizationId = await organization();
    const change = (await agent.data<{ announceContactChange: Change }>(announce, {
      i: { tenantId: 'sintez', organizationId, side: 'contractor', newName: 'Морозов Пётр', newEmail: 'morozov@sintez.info', effectiveFrom: plus(await productNow(t), days(1)) },
    })).announceContactChange;
    expect(change.noticeTo).toBe(supportMailbox);
  });

  it('SIN-11 a change not announced in advance is refused, and nothing is sent', async () => {
    const organizationId = await organization({ contactEmail: 'late@client.example' });
    const now = await productNow(t);
    const input = { tenantId: 'sintez', organizationId, side: 'contractor', newName: 'Поздний', newEmail: 'late@sintez.info' };
    expect(await refusal(agent, announce, { i: { ...input, effectiveFrom: now.toISOString() } })).toEqual({ code: 'BAD_USER_INPUT', fields: ['effectiveFrom'] });
    expect(await refusal(agent, announce, { i: { ...input, effectiveFrom: plus(now, -days(1)) } })).toEqual({ code: 'BAD_USER_INPUT', fields: ['effectiveFrom'] });
    expect(await lettersTo('late@client.example')).toEqual([]);
    expect((await agent.data<{ contactChanges: Change[] }>(changes, { t: 'sintez', o: organizationId })).contactChanges).toEqual([]);
  });

  it('SIN-11 malformed announcements and other tenants are refused', async () => {
    const organizationId = await organization();
    const input = { tenantId: 'sintez', organizationId, side: 'customer', newName: 'Новиков', newEmail: 'novikov@client.example', effectiveFrom: plus(await productNow(t), days(2)) };
    expect(await refusal(agent, announce, { i: { ...input, side: 'both' } })).toEqual({ code: 'BAD_USER_INPUT', fields: ['side'] });
    expect(await refusal(agent, announce, { i: { ...input, newEmail: 'not an address' } })).toEqual({ code: 'BAD_USER_INPUT', fields: ['newEmail'] });
    expect(await refusal(agent, announce, { i: { ...input, newName: ' ' } })).toEqual({ code: 'BAD_USER_INPUT', fields: ['newName'] });
    expect(await refusal(agent, announce, { i: { ...input, organizationId: '00000000-0000-4000-8000-000000000000' } })).toEqual({ code: 'BAD_USER_INPUT', fields: ['organizationId'] });
    expect(await refusal(agent, announce, { i: { ...input, tenantId: 'atlantis' } })).toEqual({ code: 'BAD_USER_INPUT', fields: ['tenantId'] });
    // Another tenant's organisation is not one of this tenant's.
    const tomskOrg = await organization({}, 'tomsk');
    expect(await refusal(t.admin, announce, { i: { ...input, organizationId: tomskOrg } })).toEqual({ code: 'BAD_USER_INPUT', fields: ['organizationId'] });

    const tomskAgent = await signInAs(t, 'agent', ['tomsk']);
    expect(await tomskAgent.errorCode(announce, { i: input })).toBe('FORBIDDEN');
    expect(await tomskAgent.errorCode(changes, { t: 'sintez' })).toBe('FORBIDDEN');
    expect(await t.anonymous.errorCode(announce, { i: input })).toBe('UNAUTHENTICATED');
  });

  it('SIN-11 a workflow words the notice itself with a contact_change template', async () => {
    const source = fs.readFileSync(path.join(repoRoot, 'workflows/sintez.yaml'), 'utf8');
    expect(source).toMatch(/^templates:\n/m);
    const worded = source.replace(
      /^templates:\n/m,
      'templates:\n  contact_change:\n    subject: "Новый ответственный: {{change.newName}}"\n    body: "С {{change.effectiveFrom}} вместо {{change.previousName}} — {{change.newName}} ({{organization.name}})"\n',
    );
    await t.admin.data(`mutation($s: String!) { publishWorkflow(tenantId: "sintez", source: $s) { id } }`, { s: worded });
    const organizationId = await organization({ contactName: 'Старый Контакт', contactEmail: 'old@client.example' });
    await agent.data(announce, {
      i: { tenantId: 'sintez', organizationId, side: 'customer', newName: 'Новый Контакт', newEmail: 'new@client.example', effectiveFrom: plus(await productNow(t), days(5)) },
    });
    const letter = await delivered(supportMailbox, 'Новый ответственный: Новый Контакт');
    expect(letter.body).toMatch(/^С \d{2}\.\d{2}\.\d{4} \d{2}:\d{2} \(\+06:00\) вместо Старый Контакт — Новый Контакт \(ООО «Клиент \d+»\)$/);
  });
});
