import { useCallback, useState } from 'react';
import { useDataProvider, useNotify, useRefresh, type RaRecord } from 'react-admin';
import { hasErrorCode } from '../../providers/errors';
import type { ReglamentDataProvider } from '../../providers/dataProvider';
import { useEventLabel } from './useEventLabel';

/**
 * Sends one workflow event for the ticket on screen. The version the agent sees goes
 * along as `expectedVersion`, so a click on a stale page is refused (VERSION_CONFLICT)
 * instead of acting on a state nobody looked at. Either way the page is refreshed after.
 */
export const useSendTicketEvent = () => {
  // useDataProvider wraps custom methods too: an UNAUTHENTICATED answer still logs out.
  const dataProvider = useDataProvider<ReglamentDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const eventLabel = useEventLabel();
  const [pending, setPending] = useState<string | null>(null);

  const send = useCallback(
    async (ticket: RaRecord, type: string, data?: Record<string, unknown>) => {
      setPending(type);
      try {
        await dataProvider.sendTicketEvent(ticket.id, type, ticket.version, data);
        notify('resources.tickets.notifications.event_sent', {
          type: 'success',
          messageArgs: { event: eventLabel(type) },
        });
      } catch (error) {
        if (hasErrorCode(error, 'VERSION_CONFLICT')) {
          notify('resources.tickets.notifications.version_conflict', { type: 'warning' });
        } else if (hasErrorCode(error, 'EVENT_NOT_ALLOWED')) {
          notify('resources.tickets.notifications.event_not_allowed', { type: 'warning' });
        } else {
          notify(error instanceof Error ? error.message : String(error), { type: 'error' });
        }
      } finally {
        setPending(null);
        refresh();
      }
    },
    [dataProvider, notify, refresh, eventLabel],
  );

  return { send, pending };
};
