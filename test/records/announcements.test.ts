/**
 * NSO-1: outages and scheduled maintenance are announced on the system's main page. A
 * desk's agents announce them with a time window; requesters, who have no accounts, read
 * them without a token; the window follows the product clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrationClient, signInAs, startTestServer, type TestServer } from '../support/test-server.js';
import type { GraphQLClient } from '../support/graphql-client.js';
import { advance, hours, days, plus, productNow, refusal } from './helpers.js';

let t: TestServer;
let agent: GraphQLClient;

beforeAll(async () => {
  t = await startTestServer();
  agent = await signInAs(t, 'agent', ['novosibirsk']);
});
afterAll(() => t?.stop());

const fields = 'id tenantId kind title body startsAt endsAt active createdBy';
const create = `mutation($i: CreateAnnouncementInput!) { createAnnouncement(input: $i) { ${fields} } }`;
const update = `mutation($id: ID!, $i: UpdateAnnouncementInput!) { updateAnnouncement(id: $id, input: $i) { ${fields} } }`;
const remove = `mutation($id: ID!) { deleteAnnouncement(id: $id) }`;
const list = `query($t: ID!, $a: Boolean) { announcements(tenantId: $t, activeOnly: $a) { ${fields} } }`;

interface Announcement {
  id: string;
  kind: string;
  title: string;
  startsAt: string;
  endsAt: string | null;
  active: boolean;
  createdBy: string | null;
}

async function announce(client: GraphQLClient, input: Record<string, unknown>): Promise<Announcement> {
  return (await client.data<{ createAnnouncement: Announcement }>(create, { i: { tenantId: 'novosibirsk', body: '', ...input } })).createAnnouncement;
}

async function publicList(tenantId: string, activeOnly?: boolean): Promise<Announcement[]> {
  return (await t.anonymous.data<{ announcements: Announcement[] }>(list, { t: tenantId, a: activeOnly })).announcements;
}

const ids = (rows: Announcement[]) => rows.map((r) => r.id);

describe('announcements', () => {
  it('NSO-1 an outage announcement is shown to requesters during its window', async () => {
    const now = await productNow(t);
    const outage = await announce(agent, {
      kind: 'outage',
      title: 'ГИСЗ НСО недоступна',
      body: 'Ведутся аварийные работы на сервере.',
      startsAt: plus(now, hours(1)),
      endsAt: plus(now, hours(3)),
    });
    expect(outage).toMatchObject({ kind: 'outage', active: false });
    expect(outage.createdBy).toMatch(/^agent:/);

    // Before the window: listed as coming, not in force; the public sees no author.
    expect(ids(await publicList('novosibirsk', true))).not.toContain(outage.id);
    const coming = (await publicList('novosibirsk')).find((a) => a.id === outage.id);
    expect(coming).toMatchObject({ active: false, createdBy: null, title: 'ГИСЗ НСО недоступна' });

    await advance(t, 'PT1H');
    const inForce = (await publicList('novosibirsk', true)).find((a) => a.id === outage.id);
    expect(inForce).toMatchObject({ active: true });

    // The window closes at endsAt: gone from both lists.
    await advance(t, 'PT2H');
    expect(ids(await publicList('novosibirsk', true))).not.toContain(outage.id);
    expect(ids(await publicList('novosibirsk'))).not.toContain(outage.id);
  });

  it('NSO-1 scheduled maintenance is listed ahead of its window, in order of start, beside an open-ended outage', async () => {
    const now = await productNow(t);
    const maintenance = await announce(agent, { kind: 'maintenance', title: 'Плановое обновление', startsAt: plus(now, days(2)), endsAt: plus(now, days(2) + hours(4)) });
    const openEnded = await announce(agent, { kind: 'outage', title: 'Сбой подписи', startsAt: now.toISOString() });
    expect(openEnded.endsAt).toBeNull();

    const all = await publicList('novosibirsk');
    expect(ids(all).indexOf(openEnded.id)).toBeLessThan(ids(all).indexOf(maintenance.id));
    expect(ids(await publicList('novosibirsk', true))).toEqual(expect.arrayContaining([openEnded.id]));
    expect(ids(await publicList('novosibirsk', true))).not.toContain(maintenance.id);

    // An outage without an end stays in force until someone closes it.
    await advance(t, 'P1D');
    expect(ids(await publicList('novosibirsk', true))).toContain(openEnded.id);
    const closed = (await agent.data<{ updateAnnouncement: Announcement }>(update, { id: openEnded.id, i: { endsAt: plus(await productNow(t), 1000) } }))
      .updateAnnouncement;
    expect(closed.endsAt).not.toBeNull();
    await advance(t, 'PT1M');
    expect(ids(await publicList('novosibirsk'))).not.toContain(openEnded.id);

    expect((await agent.data<{ deleteAnnouncement: boolean }>(remove, { id: maintenance.id })).deleteAnnouncement).toBe(true);
    expect(ids(await publicList('novosibirsk'))).not.toContain(maintenance.id);
    expect(await agent.errorCode(remove, { id: maintenance.id })).toBe('NOT_FOUND');
  });

  it('NSO-1 an update changes only what it names and keeps the window valid', async () => {
    const now = await productNow(t);
    const a = await announce(agent, { kind: 'maintenance', title: 'Работы', startsAt: plus(now, hours(5)), endsAt: plus(now, hours(6)) });
    const renamed = (await agent.data<{ updateAnnouncement: Announcement }>(update, { id: a.id, i: { title: 'Работы на сервере' } })).updateAnnouncement;
    expect(renamed).toMatchObject({ title: 'Работы на сервере', kind: 'maintenance', startsAt: a.startsAt, endsAt: a.endsAt });
    // Moving the start past the end is refused as the window's fault.
    expect(await refusal(agent, update, { id: a.id, i: { startsAt: plus(now, hours(7)) } })).toEqual({ code: 'BAD_USER_INPUT', fields: ['endsAt'] });
    expect(await refusal(agent, update, { id: a.id, i: { kind: 'party' } })).toEqual({ code: 'BAD_USER_INPUT', fields: ['kind'] });
    const openEnded = (await agent.data<{ updateAnnouncement: Announcement }>(update, { id: a.id, i: { endsAt: null } })).updateAnnouncement;
    expect(openEnded.endsAt).toBeNull();
  });

  it('NSO-1 malformed announcements are refused with the culprit named', async () => {
    const now = await productNow(t);
    const base = { tenantId: 'novosibirsk', kind: 'outage', title: 'Сбой', startsAt: now.toISOString() };
    expect(await refusal(agent, create, { i: { ...base, kind: 'party' } })).toEqual({ code: 'BAD_USER_INPUT', fields: ['kind'] });
    expect(await refusal(agent, create, { i: { ...base, endsAt: base.startsAt } })).toEqual({ code: 'BAD_USER_INPUT', fields: ['endsAt'] });
    expect(await refusal(agent, create, { i: { ...base, endsAt: plus(now, -hours(1)) } })).toEqual({ code: 'BAD_USER_INPUT', fields: ['endsAt'] });
    expect(await refusal(agent, create, { i: { ...base, title: '   ' } })).toEqual({ code: 'BAD_USER_INPUT', fields: ['title'] });
    expect(await refusal(agent, create, { i: { ...base, tenantId: 'atlantis' } })).toEqual({ code: 'BAD_USER_INPUT', fields: ['tenantId'] });
    expect(await refusal(t.anonymous, list, { t: 'atlantis' })).toEqual({ code: 'BAD_USER_INPUT', fields: ['tenantId'] });
  });

  it("NSO-1 only the tenant's admins and agents announce, and each tenant's portal shows its own", async () => {
    const now = await productNow(t);
    const input = { tenantId: 'novosibirsk', kind: 'outage', title: 'Сбой', startsAt: now.toISOString() };
    expect(await t.anonymous.errorCode(create, { i: input })).toBe('UNAUTHENTICATED');
    expect(await (await integrationClient(t, ['novosibirsk'])).errorCode(create, { i: input })).toBe('FORBIDDEN');
    const tomskAgent = await signInAs(t, 'agent', ['tomsk']);
    expect(await tomskAgent.errorCode(create, { i: input })).toBe('FORBIDDEN');

    const mine = await announce(agent, { kind: 'outage', title: 'Только для НСО', startsAt: now.toISOString() });
    expect(await tomskAgent.errorCode(update, { id: mine.id, i: { title: 'чужое' } })).toBe('FORBIDDEN');
    expect(await tomskAgent.errorCode(remove, { id: mine.id })).toBe('FORBIDDEN');
    expect(await agent.errorCode(remove, { id: 'not-an-id' })).toBe('NOT_FOUND');
    expect(ids(await publicList('tomsk'))).not.toContain(mine.id);

    // The admin announces for any tenant; the tenant's own callers see who did.
    const tomsk = (await t.admin.data<{ createAnnouncement: Announcement }>(create, { i: { ...input, tenantId: 'tomsk', title: 'Томск' } })).createAnnouncement;
    const seenByAgent = (await tomskAgent.data<{ announcements: Announcement[] }>(list, { t: 'tomsk' })).announcements.find((a) => a.id === tomsk.id);
    expect(seenByAgent?.createdBy).toBe('admin:admin@test.local');
    expect(ids(await publicList('novosibirsk'))).not.toContain(tomsk.id);
  });
});
