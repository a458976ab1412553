/**
 * The one notice of a ticket change (DESIGN principle 7): NOTIFY inside the event's
 * transaction, which PostgreSQL delivers to every listening server instance only when the
 * transaction commits. Each instance pushes it to its own graphql-ws subscribers.
 */
import type { EntityManager } from '@mikro-orm/postgresql';

export const ticketChangedChannel = 'ticket_changed';

export interface TicketChangeNotice {
  tenantId: string;
  ticketId: string;
  version: number;
  event: string;
}

export async function publishTicketChange(tx: EntityManager, notice: TicketChangeNotice): Promise<void> {
  await tx.execute('select pg_notify(?, ?)', [ticketChangedChannel, JSON.stringify(notice)]);
}
