/**
 * Received mail is visible to the desk (ISSUE 4 §1): a message that could not be parsed or
 * was refused is listed with its reason and can be read as it came; agents see their own
 * tenants' mail only, and mail no tenant was found for only admins see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, signInAs, type TestServer } from '../support/test-server.js';
import { rawMail } from './mail.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.stop());

const list = `query($status: String, $tenantId: ID) { inboundMails(status: $status, tenantId: $tenantId, perPage: 50) {
  total items { id status reason tenantId from subject } } }`;

interface Listed {
  inboundMails: { total: number; items: Array<{ id: string; status: string; reason: string | null; tenantId: string | null; from: string | null; subject: string | null }> };
}

const receive = (raw: string) => t.admin.data(`mutation($raw: String!) { receiveEmail(raw: $raw) { outcome } }`, { raw });

describe('inbound mail for admins', () => {
  it('lists a mail that could not be parsed, with its reason, and gives it back as it came', async () => {
    const garbage = 'this is not a message at all, just words';
    await receive(garbage);
    const { inboundMails } = await t.admin.data<Listed>(list, { status: 'unparseable' });
    expect(inboundMails.total).toBe(1);
    expect(inboundMails.items[0]).toMatchObject({ status: 'unparseable', tenantId: null, reason: expect.stringMatching(/unparseable/) });
    const { inboundMailRaw } = await t.admin.data<{ inboundMailRaw: string }>(`query($id: ID!) { inboundMailRaw(id: $id) }`, { id: inboundMails.items[0]!.id });
    expect(inboundMailRaw).toBe(garbage);
  });

  it('TOM-2 lists a refused mail under its tenant for that tenant\'s agent, and hides it from others', async () => {
    await receive(rawMail({ from: 'nowhere@example.org', to: 'help@rostu-comp.ru', subject: 'Вопрос без региона' }));
    const tomskAgent = await signInAs(t, 'agent', ['tomsk']);
    const mine = await tomskAgent.data<Listed>(list, { status: 'rejected' });
    expect(mine.inboundMails.items).toEqual([expect.objectContaining({ tenantId: 'tomsk', from: 'nowhere@example.org', reason: expect.stringMatching(/Томская область/) })]);
    // The unparseable mail has no tenant: an agent does not see it.
    expect((await tomskAgent.data<Listed>(list, { status: 'unparseable' })).inboundMails.total).toBe(0);
    const other = await signInAs(t, 'agent', ['sintez']);
    expect((await other.data<Listed>(list, { tenantId: 'tomsk' })).inboundMails.total).toBe(0);
  });

  it('refuses an unknown status with BAD_USER_INPUT', async () => {
    const result = await t.admin.request(list, { status: 'lost' });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('retries only a failed letter', async () => {
    const { outboundMessages } = await t.admin.data<{ outboundMessages: Array<{ id: string; status: string }> }>(`query { outboundMessages(to: "nowhere@example.org") { id status } }`);
    expect(outboundMessages.length).toBeGreaterThan(0);
    const result = await t.admin.request(`mutation($id: ID!) { retryOutboundMessage(id: $id) { status } }`, { id: outboundMessages[0]!.id });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
