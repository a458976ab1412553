import { Button, TopToolbar, useRecordContext } from 'react-admin';
import { useEventLabel } from './useEventLabel';
import { useSendTicketEvent } from './useSendTicketEvent';

/**
 * One button per event the ticket's current state accepts (`availableEvents`). The server
 * decides what is available; the UI never guesses from the state name.
 */
export const TicketEventButtons = () => {
  const ticket = useRecordContext();
  const { send, pending } = useSendTicketEvent();
  const eventLabel = useEventLabel();
  const events: string[] = ticket?.availableEvents ?? [];
  if (!ticket) return null;
  return (
    <TopToolbar>
      {events.map((type) => (
        <Button
          key={type}
          variant="outlined"
          label={eventLabel(type)}
          disabled={pending !== null}
          onClick={() => send(ticket, type)}
        />
      ))}
    </TopToolbar>
  );
};
