/** A graphql-ws subscriber of ticketChanged, as the back office or an integration subscribes. */
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface Change {
  event: string;
  tenantId: string;
  ticketId: string;
  version: number;
  ticket: { id: string; state: string; version: number } | null;
}

export interface Subscriber {
  changes: Change[];
  /** Resolves with the first change (already received or coming) that matches. */
  next(match: (change: Change) => boolean, timeoutMs?: number): Promise<Change>;
  /** Resolves with the close code once the server closes the connection. */
  closed: Promise<number>;
  close(): Promise<void>;
}

export async function subscribeTicketChanges(baseUrl: string, token: string | null, tenantId?: string): Promise<Subscriber> {
  const client = createClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    lazy: false,
    retryAttempts: 0,
    // A server closing the connection is something tests expect (see `closed`), not noise for stderr.
    onNonLazyError: () => undefined,
  });
  const changes: Change[] = [];
  const waiters = new Set<() => void>();
  let failure: unknown = null;
  const acknowledged = new Promise<void>((resolve) => client.on('connected', () => resolve()));
  const closed = new Promise<number>((resolve) => client.on('closed', (event) => resolve((event as { code: number }).code)));
  client.subscribe<{ ticketChanged: Change }>(
    {
      query: `subscription($tenantId: ID) { ticketChanged(tenantId: $tenantId) { event tenantId ticketId version ticket { id state version } } }`,
      variables: { tenantId },
    },
    {
      next: (message) => {
        if (message.errors) failure = message.errors;
        if (message.data) changes.push(message.data.ticketChanged);
        for (const wake of waiters) wake();
      },
      error: (error) => {
        failure = error;
        for (const wake of waiters) wake();
      },
      complete: () => undefined,
    },
  );
  await acknowledged;
  // The subscription is registered on the server shortly after the socket is acknowledged.
  await new Promise((resolve) => setTimeout(resolve, 100));
  return {
    changes,
    next: (match, timeoutMs = 1000) =>
      new Promise<Change>((resolve, reject) => {
        const check = () => {
          const found = changes.find(match);
          if (found) return finish(() => resolve(found));
          if (failure) finish(() => reject(new Error(`subscription failed: ${JSON.stringify(failure)}`)));
        };
        const timer = setTimeout(() => finish(() => reject(new Error(`no matching change within ${timeoutMs} ms`))), timeoutMs);
        const finish = (then: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          then();
        };
        waiters.add(check);
        check();
      }),
    closed,
    close: () => client.dispose() as Promise<void>,
  };
}
