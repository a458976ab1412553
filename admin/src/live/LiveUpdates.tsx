/**
 * Live updates of the back office: one graphql-ws subscription to `ticketChanged` (all the
 * caller's tenants; the server leaves out the rest). Each change refetches what shows that
 * ticket (the lists and its own page) without a page reload; a new ticket also raises a
 * notification with its number.
 */
import { useQueryClient } from '@tanstack/react-query';
import { createClient, type Client } from 'graphql-ws';
import { useEffect, useRef } from 'react';
import { useNotify } from 'react-admin';
import { TICKET_CHANGED } from '../providers/documents';
import { getToken } from '../providers/session';
import { announceClockResync } from './serverClock';

interface TicketChange {
  event: string;
  tenantId: string;
  ticketId: string;
  version: number;
  ticket: { id: string; number: string; subject: string | null } | null;
}

const websocketUrl = () =>
  `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/graphql`;

export const LiveUpdates = () => {
  const queryClient = useQueryClient();
  const notify = useNotify();
  // The latest callbacks without resubscribing on every render.
  const handlers = useRef({ queryClient, notify });
  handlers.current = { queryClient, notify };

  useEffect(() => {
    const token = getToken();
    if (!token) return undefined;
    const client: Client = createClient({
      url: websocketUrl(),
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: Infinity,
      shouldRetry: () => true,
      // Marked on the document so tests (and a curious agent's devtools) can tell live from stale.
      on: {
        connected: () => (document.documentElement.dataset.live = 'connected'),
        closed: () => (document.documentElement.dataset.live = 'closed'),
      },
    });
    const unsubscribe = client.subscribe<{ ticketChanged: TicketChange }>(
      { query: TICKET_CHANGED },
      {
        next: ({ data }) => {
          const change = data?.ticketChanged;
          if (!change) return;
          const { queryClient: qc, notify: say } = handlers.current;
          // react-admin's query keys are [resource, method, params].
          void qc.invalidateQueries({
            predicate: (query) => {
              const [resource, method, params] = query.queryKey as [string, string, { id?: unknown }?];
              if (resource === 'outbound') return true;
              if (resource !== 'tickets') return false;
              if (method === 'getOne') return String(params?.id) === change.ticketId;
              return true;
            },
          });
          announceClockResync();
          if (change.event === 'CREATE' && change.ticket) {
            say('live.ticket_created', {
              type: 'info',
              messageArgs: { number: change.ticket.number, subject: change.ticket.subject ?? '' },
            });
          }
        },
        error: () => undefined,
        complete: () => undefined,
      },
    );
    return () => {
      unsubscribe();
      void client.dispose();
      delete document.documentElement.dataset.live;
    };
  }, []);

  return null;
};
