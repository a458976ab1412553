/**
 * The one notice of a ticket change (DESIGN principle 7): the engine NOTIFYs inside the
 * event's transaction (ticket.store.ts), which PostgreSQL delivers to every listening server
 * instance only when the transaction commits. Each instance pushes it to its own graphql-ws
 * subscribers.
 */
export const ticketChangedChannel = 'ticket_changed';

export interface TicketChangeNotice {
  tenantId: string;
  ticketId: string;
  version: number;
  event: string;
}
