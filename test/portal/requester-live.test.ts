/**
 * Live updates of the requester's ticket page (issue 7 §3): `requesterTicketChanged(token)`
 * over graphql-ws without an account delivers the ticket as the requester sees it after each
 * committed change of that ticket, and nothing else; revoking the link ends the subscription
 * on every server instance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { subscribeTicketChanges } from '../support/subscriber.js';

let t: TestServer;
/** A second instance on the same database: revocation must reach its subscribers too. */
let other: TestServer;
beforeAll(async () => {
  t = await startTestServer({ CLOCK_START: '2026-11-23T03:00:00Z' });
  other = await startTestServer({}, t.databaseUrl);
});
afterAll(async () => {
  await other?.stop();
  await t?.stop();
});

const unique = () => Math.random().toString(36).slice(2, 8);
const complete = {
  inn: '7707083893',
  fullName: 'Петрова Анна Сергеевна',
  occurredAt: '2026-11-23T02:00:00Z',
  description: 'Не формируется извещение',
  steps: 'Открыть извещение, нажать «Сформировать»',
  screenshots: ['error.png'],
};

interface Seen { number: string; status: string; state: string }

/** A web request with its personal link and the ticket's id (as the agent sees it). */
async function request(): Promise<{ token: string; id: string; number: string }> {
  const from = `live-${unique()}@example.org`;
  const { submitRequest } = await t.anonymous.data<{ submitRequest: { number: string } }>(
    `mutation($i: SubmitRequestInput!) { submitRequest(input: $i) { number } }`,
    { i: { tenantId: 'novosibirsk', kind: 'request', subject: 'Живой', fields: complete, from } },
  );
  const { outboundMessages } = await t.admin.data<{ outboundMessages: Array<{ body: string }> }>(`query($to: String!) { outboundMessages(to: $to) { body } }`, { to: from });
  const token = /\/portal\/t\/([A-Za-z0-9_-]+)/.exec(outboundMessages[0]?.body ?? '')?.[1];
  if (!token) throw new Error(`no personal link in the letters to ${from}`);
  const { tickets } = await t.admin.data<{ tickets: { items: Array<{ id: string }> } }>(`query($q: String!) { tickets(filter: { q: $q }) { items { id } } }`, { q: from });
  return { token, id: tickets.items[0]!.id, number: submitRequest.number };
}

const agentEvent = (id: string, type: string) =>
  t.admin.data<{ sendTicketEvent: { statusCategory: string; state: string } }>(`mutation($id: ID!, $type: String!) { sendTicketEvent(ticketId: $id, type: $type) { statusCategory state } }`, { id, type });

const revoke = (id: string) => t.admin.data<{ revokeRequesterLinks: number }>(`mutation($id: ID!) { revokeRequesterLinks(ticketId: $id) }`, { id });

interface RequesterSubscriber {
  seen: Seen[];
  errors: unknown[];
  /** Whether the server completed the operation (graphql-ws `complete`). */
  completed: () => boolean;
  next(match: (seen: Seen) => boolean, timeoutMs?: number): Promise<Seen>;
  failure(timeoutMs?: number): Promise<unknown>;
  close(): Promise<void>;
}

/** The portal page's subscription: no connection params at all. */
async function subscribeRequester(token: string, server: TestServer = t): Promise<RequesterSubscriber> {
  const client: Client = createClient({ url: `${server.url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0 });
  const seen: Seen[] = [];
  const errors: unknown[] = [];
  let completed = false;
  const waiters = new Set<() => void>();
  const wake = () => waiters.forEach((w) => w());
  const acknowledged = new Promise<void>((resolve) => client.on('connected', () => resolve()));
  client.subscribe<{ requesterTicketChanged: Seen }>(
    { query: `subscription($t: String!) { requesterTicketChanged(token: $t) { number status state } }`, variables: { t: token } },
    {
      next: (message) => {
        if (message.errors) errors.push(message.errors);
        if (message.data) seen.push(message.data.requesterTicketChanged);
        wake();
      },
      error: (error) => {
        errors.push(error);
        wake();
      },
      complete: () => {
        completed = true;
        wake();
      },
    },
  );
  await acknowledged;
  await new Promise((resolve) => setTimeout(resolve, 150));
  const waitFor = <T>(probe: () => T | undefined, timeoutMs: number, what: string) =>
    new Promise<T>((resolve, reject) => {
      const check = () => {
        const found = probe();
        if (found !== undefined) finish(() => resolve(found));
      };
      const timer = setTimeout(() => finish(() => reject(new Error(`${what} within ${timeoutMs} ms`))), timeoutMs);
      const finish = (then: () => void) => {
        clearTimeout(timer);
        waiters.delete(check);
        then();
      };
      waiters.add(check);
      check();
    });
  return {
    seen,
    errors,
    completed: () => completed,
    next: (match, timeoutMs = 2000) => waitFor(() => seen.find(match), timeoutMs, 'no matching delivery'),
    failure: (timeoutMs = 2000) => waitFor(() => errors[0], timeoutMs, 'no error'),
    close: () => client.dispose() as Promise<void>,
  };
}

describe('live updates of the ticket page', () => {
  it("an agent's event reaches the requester's subscription with the new status; another ticket's change does not", async () => {
    const mine = await request();
    const other = await request();
    const subscriber = await subscribeRequester(mine.token);
    try {
      await agentEvent(other.id, 'TAKE');
      const { sendTicketEvent } = await agentEvent(mine.id, 'TAKE');
      const delivered = await subscriber.next((s) => s.state === sendTicketEvent.state);
      expect(delivered).toEqual({ number: mine.number, status: sendTicketEvent.statusCategory, state: sendTicketEvent.state });
      expect(delivered.status).not.toBe('new');
      // The other ticket's change was committed first, so it would have arrived by now.
      expect(subscriber.seen.map((s) => s.number)).not.toContain(other.number);
      expect(subscriber.seen.every((s) => s.number === mine.number)).toBe(true);
      expect(subscriber.errors).toEqual([]);
    } finally {
      await subscriber.close();
    }
  });

  it('an unknown token is refused at subscribe time with NOT_FOUND', async () => {
    const subscriber = await subscribeRequester('x'.repeat(43));
    try {
      expect(JSON.stringify(await subscriber.failure())).toContain('NOT_FOUND');
      expect(subscriber.seen).toEqual([]);
    } finally {
      await subscriber.close();
    }
  });

  it('an already revoked link is refused at subscribe time with NOT_FOUND, as the query and mutations treat it', async () => {
    const mine = await request();
    expect((await revoke(mine.id)).revokeRequesterLinks).toBe(1);
    const subscriber = await subscribeRequester(mine.token);
    try {
      expect(JSON.stringify(await subscriber.failure())).toContain('NOT_FOUND');
      expect(subscriber.seen).toEqual([]);
    } finally {
      await subscriber.close();
    }
  });

  it("revoking the links ends the requester's open subscription with FORBIDDEN, and no later change reaches it", async () => {
    const mine = await request();
    const subscriber = await subscribeRequester(mine.token);
    // The back office's subscription to the same ticket tells when a change has been delivered.
    const agentView = await subscribeTicketChanges(t.url, t.admin.token);
    try {
      await revoke(mine.id);
      const ended = await subscriber.failure(2000);
      expect(JSON.stringify(ended)).toContain('FORBIDDEN');
      await agentEvent(mine.id, 'TAKE');
      await agentView.next((c) => c.ticketId === mine.id && c.event === 'TAKE', 2000);
      expect(subscriber.seen).toEqual([]);
      expect(subscriber.errors).toHaveLength(1);
    } finally {
      await agentView.close();
      await subscriber.close();
    }
  });

  it('a revocation made on one instance ends the subscription held by another', async () => {
    const mine = await request();
    const onOther = await subscribeRequester(mine.token, other);
    try {
      const started = performance.now();
      await revoke(mine.id);
      expect(JSON.stringify(await onOther.failure(2000))).toContain('FORBIDDEN');
      expect(performance.now() - started).toBeLessThan(2000);
      expect(onOther.seen).toEqual([]);
    } finally {
      await onOther.close();
    }
  });
});
