import { useState } from 'react';
import { Button, TopToolbar, useRecordContext } from 'react-admin';
import { EVENT_FORMS } from './eventForms';
import { TicketEventDialog } from './TicketEventDialog';
import { useEventLabel } from './useEventLabel';
import { useSendTicketEvent } from './useSendTicketEvent';

/**
 * One button per event the ticket's current state accepts (`availableEvents`). The server
 * decides what is available; the UI never guesses from the state name. Events that carry
 * data (EVENT_FORMS) ask for it in a dialog first.
 */
export const TicketEventButtons = () => {
  const ticket = useRecordContext();
  const { send, pending } = useSendTicketEvent();
  const eventLabel = useEventLabel();
  const [asking, setAsking] = useState<string | null>(null);
  const events: string[] = ticket?.availableEvents ?? [];
  if (!ticket) return null;
  const form = asking ? EVENT_FORMS[asking] : undefined;
  return (
    <TopToolbar>
      {events.map((type) => (
        <Button
          key={type}
          variant="outlined"
          label={eventLabel(type)}
          disabled={pending !== null}
          onClick={() => (EVENT_FORMS[type] ? setAsking(type) : send(ticket, type))}
        />
      ))}
      {asking && form && (
        <TicketEventDialog
          ticket={ticket}
          title={eventLabel(asking)}
          fields={form}
          onCancel={() => setAsking(null)}
          onSend={(data) => {
            setAsking(null);
            void send(ticket, asking, data);
          }}
        />
      )}
    </TopToolbar>
  );
};
