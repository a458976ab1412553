import { useCallback, useState } from 'react';
import { useDataProvider, useNotify, useRefresh, type RaRecord } from 'react-admin';
import { errorFields, errorMessage, hasErrorCode } from '../../providers/errors';
import type { ReglamentDataProvider } from '../../providers/dataProvider';
import type { EventProblem } from './TicketEventDialog';

/**
 * Sends one workflow event for the ticket on screen. The version the agent sees goes
 * along as `expectedVersion`, so a click on a stale page is refused (VERSION_CONFLICT)
 * instead of acting on a state nobody looked at. Answers null when the event was applied,
 * else what went wrong, for the caller to show (a conflict offers a reload; a bad input
 * names its fields).
 */
export const useSendTicketEvent = (eventLabel: (type: string) => string) => {
  // useDataProvider wraps custom methods too: an UNAUTHENTICATED answer still logs out.
  const dataProvider = useDataProvider<ReglamentDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [pending, setPending] = useState<string | null>(null);

  const send = useCallback(
    async (ticket: RaRecord, type: string, data?: Record<string, unknown>): Promise<EventProblem | null> => {
      setPending(type);
      try {
        await dataProvider.sendTicketEvent(ticket.id, type, ticket.version, data);
        notify('resources.tickets.notifications.event_sent', {
          type: 'success',
          messageArgs: { event: eventLabel(type) },
        });
        refresh();
        return null;
      } catch (error) {
        if (hasErrorCode(error, 'VERSION_CONFLICT')) {
          return { conflict: true, message: errorMessage(error), fields: [] };
        }
        if (hasErrorCode(error, 'EVENT_NOT_ALLOWED')) {
          refresh();
          return { message: 'resources.tickets.notifications.event_not_allowed', fields: [] };
        }
        return {
          message: errorMessage(error),
          fields: errorFields(error).map((f) => f.replace(/^data\./, '')),
        };
      } finally {
        setPending(null);
      }
    },
    [dataProvider, notify, refresh, eventLabel],
  );

  return { send, pending };
};
