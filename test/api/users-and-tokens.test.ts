/**
 * Users and API tokens as an administrator manages them: list, change role and tenants,
 * reset a password, disable; list and revoke tokens. Whatever takes rights away takes effect
 * on the very next request (the server caches principals), over HTTP and graphql-ws, on
 * every instance; and no admin can lock the installation out by demoting themself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, integrationClient, signInAs, type TestServer } from '../support/test-server.js';
import { subscribeTicketChanges } from '../support/subscriber.js';
import type { GraphQLClient } from '../support/graphql-client.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.stop());

const USER_FIELDS = 'id email role tenantIds disabled createdAt';
const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`;
const UPDATE_USER = `mutation($id: ID!, $i: UpdateUserInput!) { updateUser(id: $id, input: $i) { ${USER_FIELDS} } }`;
const USERS = `{ users { ${USER_FIELDS} } }`;
const API_TOKENS = `{ apiTokens { id name tenantIds createdAt lastUsedAt revokedAt } }`;
const REVOKE = `mutation($id: ID!) { revokeApiToken(id: $id) { id name revokedAt } }`;
const TICKET = `query($id: ID!) { ticket(id: $id) { id } }`;

interface Account {
  id: string;
  email: string;
  password: string;
  client: GraphQLClient;
}

let emailSeq = 0;
/** A new user created by the admin and signed in. */
async function createAccount(role: 'agent' | 'admin', tenantIds: string[], name = 'user'): Promise<Account> {
  const email = `${name}${++emailSeq}@test.local`;
  const password = 'first-password-1';
  const { createUser } = await t.admin.data(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, {
    i: { email, password, role, tenantIds },
  });
  return { id: createUser.id, email, password, client: t.anonymous.withToken(await loginToken(t, email, password)) };
}

async function loginToken(server: TestServer, email: string, password: string): Promise<string> {
  const { login } = await server.anonymous.data(LOGIN, { e: email, p: password });
  return login.token;
}

const updateUser = (id: string, input: Record<string, unknown>, as: GraphQLClient = t.admin) => as.request(UPDATE_USER, { id, i: input });
const me = (client: GraphQLClient) => client.request(`{ me { email role tenantIds } }`);

async function novosibirskTicket(): Promise<string> {
  const { createTicket } = await t.admin.data(`mutation { createTicket(input: { tenantId: "novosibirsk", channel: "email", subject: "Доступ" }) { id } }`);
  return createTicket.id;
}

async function newToken(name: string, tenantIds: string[]): Promise<{ id: string; token: string }> {
  const { createApiToken } = await t.admin.data(`mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { id token } }`, {
    i: { name, tenantIds },
  });
  return createApiToken;
}

describe('users', () => {
  it('the admin lists every user, newest last, with role, tenants and the disabled flag', async () => {
    // Created in the opposite order of their addresses, so the order shows which comes first.
    const first = await createAccount('agent', ['tomsk'], 'zoya');
    await t.admin.data(`mutation { advanceClock(by: "PT1M") }`);
    const second = await createAccount('agent', ['novosibirsk', 'tomsk'], 'anna');
    const { users } = await t.admin.data(USERS);
    const emails = users.map((u: { email: string }) => u.email);
    expect(emails[0]).toBe('admin@test.local');
    expect(emails.indexOf(first.email)).toBeLessThan(emails.indexOf(second.email));
    expect(users.find((u: { email: string }) => u.email === second.email)).toMatchObject({
      id: second.id,
      role: 'agent',
      tenantIds: ['novosibirsk', 'tomsk'],
      disabled: false,
    });
  });

  it('new tenants and a new role apply to the very next request of a signed-in user', async () => {
    const agent = await createAccount('agent', ['tomsk']);
    const ticketId = await novosibirskTicket();
    expect(await agent.client.errorCode(TICKET, { id: ticketId })).toBe('FORBIDDEN');

    const { data } = await updateUser(agent.id, { tenantIds: ['tomsk', 'novosibirsk'] });
    expect(data?.updateUser).toMatchObject({ tenantIds: ['tomsk', 'novosibirsk'], role: 'agent' });
    expect((await agent.client.data(TICKET, { id: ticketId })).ticket.id).toBe(ticketId);

    await updateUser(agent.id, { role: 'admin' });
    expect((await agent.client.data(USERS)).users.length).toBeGreaterThan(1);
    await updateUser(agent.id, { role: 'agent', tenantIds: ['tomsk'] });
    expect(await agent.client.errorCode(USERS)).toBe('FORBIDDEN');
    expect(await agent.client.errorCode(TICKET, { id: ticketId })).toBe('FORBIDDEN');
  });

  it('a disabled user cannot log in and its open sessions are refused; enabled again, it logs in anew', async () => {
    const agent = await createAccount('agent', ['tomsk']);
    expect((await me(agent.client)).data?.me.email).toBe(agent.email);

    const { data } = await updateUser(agent.id, { disabled: true });
    expect(data?.updateUser.disabled).toBe(true);
    expect((await me(agent.client)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const refused = await t.anonymous.request(LOGIN, { e: agent.email, p: agent.password });
    expect(refused.errors?.[0]).toMatchObject({
      message: 'This account is disabled',
      extensions: { code: 'UNAUTHENTICATED', reason: 'account_disabled' },
    });
    // Wrong password: the same answer as for anyone, so the flag is not disclosed to guessers.
    const guessed = await t.anonymous.request(LOGIN, { e: agent.email, p: 'not-the-password' });
    expect(guessed.errors?.[0]?.message).toBe('Wrong email or password');

    await updateUser(agent.id, { disabled: false });
    // Disabling ended the old session for good: re-enabling does not bring it back.
    expect(await agent.client.errorCode(`{ me { email } }`)).toBe('UNAUTHENTICATED');
    const fresh = t.anonymous.withToken(await loginToken(t, agent.email, agent.password));
    expect((await me(fresh)).data?.me.email).toBe(agent.email);
  });

  it("a password reset by the admin replaces the old password and ends the user's sessions", async () => {
    const agent = await createAccount('agent', ['tomsk']);
    await updateUser(agent.id, { password: 'second-password-2' });
    expect(await agent.client.errorCode(`{ me { email } }`)).toBe('UNAUTHENTICATED');
    expect(await t.anonymous.errorCode(LOGIN, { e: agent.email, p: agent.password })).toBe('UNAUTHENTICATED');
    expect(await loginToken(t, agent.email, 'second-password-2')).toMatch(/^rgs_/);
  });

  it('an admin may not disable or demote themself, so one admin always remains', async () => {
    const admin = await createAccount('admin', []);
    const disable = await updateUser(admin.id, { disabled: true }, admin.client);
    expect(disable.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['disabled'] });
    const demote = await updateUser(admin.id, { role: 'agent' }, admin.client);
    expect(demote.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['role'] });
    // Nothing of the refused change was written.
    expect((await me(admin.client)).data?.me.role).toBe('admin');

    // Their own password they may change, and they stay signed in where they did it.
    await updateUser(admin.id, { password: 'own-new-password' }, admin.client);
    expect((await me(admin.client)).data?.me.role).toBe('admin');
    expect(await loginToken(t, admin.email, 'own-new-password')).toMatch(/^rgs_/);
    // Another admin may demote them.
    expect((await updateUser(admin.id, { role: 'agent' })).data?.updateUser.role).toBe('agent');
  });

  it('refuses unknown tenants, roles other than admin and agent, short passwords and unknown users', async () => {
    const agent = await createAccount('agent', ['tomsk']);
    const tenants = await updateUser(agent.id, { tenantIds: ['tomsk', 'atlantis'] });
    expect(tenants.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['tenantIds'] });
    expect(tenants.errors?.[0]?.message).toContain('atlantis');
    for (const role of ['integration', 'root']) {
      const result = await updateUser(agent.id, { role });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['role'] });
    }
    const password = await updateUser(agent.id, { password: 'short' });
    expect(password.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['password'] });
    expect((await updateUser('00000000-0000-4000-8000-000000000000', { disabled: true })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const { users } = await t.admin.data(USERS);
    expect(users.find((u: { id: string }) => u.id === agent.id)).toMatchObject({ tenantIds: ['tomsk'], role: 'agent' });
  });
});

describe('API tokens', () => {
  it('the list shows name, tenants, creation and last use, never the secret', async () => {
    const created = await newToken('1С:Бухгалтерия', ['tomsk']);
    const integration = t.anonymous.withToken(created.token);
    let entry = (await t.admin.data(API_TOKENS)).apiTokens.find((x: { id: string }) => x.id === created.id);
    expect(entry).toMatchObject({ name: '1С:Бухгалтерия', tenantIds: ['tomsk'], lastUsedAt: null, revokedAt: null });

    await t.admin.data(`mutation { advanceClock(by: "PT1H") }`);
    await integration.data(`{ tenants { id } }`);
    const { now } = await t.admin.data(`{ now }`);
    entry = (await t.admin.data(API_TOKENS)).apiTokens.find((x: { id: string }) => x.id === created.id);
    expect(entry.lastUsedAt).toBe(now);
    expect(entry.createdAt < entry.lastUsedAt).toBe(true);
    expect(JSON.stringify(entry)).not.toContain(created.token);
    // The listing type has no secret to ask for.
    expect(await t.admin.errorCode(`{ apiTokens { token } }`)).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('a revoked token is refused from the next request on, over HTTP and graphql-ws', async () => {
    const created = await newToken('revoked system', ['tomsk']);
    const integration = t.anonymous.withToken(created.token);
    expect((await integration.data(`{ tenants { id } }`)).tenants.length).toBeGreaterThan(0);
    const subscription = await subscribeTicketChanges(t.url, created.token);
    try {
      const { revokeApiToken } = await t.admin.data(REVOKE, { id: created.id });
      expect(revokeApiToken.revokedAt).toBe((await t.admin.data(`{ now }`)).now);
      expect(await integration.errorCode(`{ tenants { id } }`)).toBe('UNAUTHENTICATED');
      // The open connection is closed as graphql-ws says "unauthorized" (clients do not retry it)...
      expect(await subscription.closed).toBe(4401);
      // ...and a new subscription with the token is refused.
      const again = await subscribeTicketChanges(t.url, created.token);
      try {
        await expect(again.next(() => true)).rejects.toThrow(/UNAUTHENTICATED/);
      } finally {
        await again.close();
      }
    } finally {
      await subscription.close();
    }

    // Revoking again keeps the first time; the list says it is revoked.
    await t.admin.data(`mutation { advanceClock(by: "PT1M") }`);
    const second = await t.admin.data(REVOKE, { id: created.id });
    const listed = (await t.admin.data(API_TOKENS)).apiTokens.find((x: { id: string }) => x.id === created.id);
    expect(listed.revokedAt).toBe(second.revokeApiToken.revokedAt);
    expect(await t.admin.errorCode(REVOKE, { id: '00000000-0000-4000-8000-000000000000' })).toBe('NOT_FOUND');
  });

  it("a disabled agent's open live connection is closed, an agent given other tenants is asked to reconnect", async () => {
    const disabled = await createAccount('agent', ['tomsk']);
    const moved = await createAccount('agent', ['tomsk']);
    const disabledLive = await subscribeTicketChanges(t.url, disabled.client.token);
    const movedLive = await subscribeTicketChanges(t.url, moved.client.token);
    try {
      await updateUser(disabled.id, { disabled: true });
      await updateUser(moved.id, { tenantIds: ['novosibirsk'] });
      expect(await disabledLive.closed).toBe(4401);
      // 1012 "service restart": graphql-ws clients reconnect and subscribe with the new tenants.
      expect(await movedLive.closed).toBe(1012);
    } finally {
      await disabledLive.close();
      await movedLive.close();
    }
  });
});

describe('who may manage users and tokens', () => {
  const operations: Record<string, (c: GraphQLClient) => Promise<string | undefined>> = {
    users: (c) => c.errorCode(USERS),
    updateUser: (c) => c.errorCode(UPDATE_USER, { id: '00000000-0000-4000-8000-000000000000', i: { disabled: true } }),
    apiTokens: (c) => c.errorCode(API_TOKENS),
    revokeApiToken: (c) => c.errorCode(REVOKE, { id: '00000000-0000-4000-8000-000000000000' }),
  };

  for (const [name, run] of Object.entries(operations)) {
    it(`${name}: FORBIDDEN to agents and integrations, UNAUTHENTICATED without a token`, async () => {
      expect(await run(await signInAs(t, 'agent', ['tomsk', 'novosibirsk']))).toBe('FORBIDDEN');
      expect(await run(await integrationClient(t, ['tomsk']))).toBe('FORBIDDEN');
      expect(await run(t.anonymous)).toBe('UNAUTHENTICATED');
    });
  }
});

describe('with two server instances', () => {
  let b: TestServer;
  beforeAll(async () => {
    b = await startTestServer({}, t.databaseUrl);
  });
  afterAll(() => b?.stop());

  /** The notice travels through PostgreSQL's NOTIFY: it reaches the other instance within milliseconds. */
  async function refusedOnB(client: GraphQLClient): Promise<string | undefined> {
    const onB = b.anonymous.withToken(client.token);
    for (let attempt = 0; attempt < 50; attempt++) {
      const code = await onB.errorCode(`{ tenants { id } }`);
      if (code) return code;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return undefined;
  }

  it('a token revoked and a user disabled on one instance are refused by the other, which had cached them', async () => {
    const created = await newToken('two instances', ['tomsk']);
    const integration = b.anonymous.withToken(created.token);
    const agent = await createAccount('agent', ['tomsk']);
    const agentOnB = b.anonymous.withToken(agent.client.token);
    // B has now looked both up and caches them.
    await integration.data(`{ tenants { id } }`);
    await agentOnB.data(`{ tenants { id } }`);

    await t.admin.data(REVOKE, { id: created.id });
    await updateUser(agent.id, { disabled: true });
    expect(await refusedOnB(integration)).toBe('UNAUTHENTICATED');
    expect(await refusedOnB(agentOnB)).toBe('UNAUTHENTICATED');
  });
});
