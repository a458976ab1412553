/**
 * The live stream behind `requesterTicketChanged`: the personal link is the only credential,
 * so the stream lives exactly as long as the link does. Each committed change of the ticket
 * is read anew through the link; once the link is revoked (the revocation's NOTIFY reaches
 * every instance, live.service.ts) the stream ends with FORBIDDEN and graphql-ws closes the
 * operation, so a forwarded letter's reader stops hearing about the ticket at once.
 */
import { Repeater } from '@graphql-yoga/subscription';
import { forbidden } from '../graphql/errors.js';
import type { Ticket } from '../tickets/ticket.entity.js';
import { oneTicketTopic, type LiveService } from '../live/live.service.js';
import type { PortalService } from './portal.service.js';

export function requesterTicketStream(services: { live: LiveService; portal: PortalService }, token: string, ticketId: string): Repeater<Ticket> {
  return new Repeater<Ticket>(async (push, stop) => {
    const notices = services.live.pubSub.subscribe(oneTicketTopic, ticketId);
    void stop.then(() => notices.return());
    // Asking for the first notice starts listening; the link is checked once more after that,
    // so a revocation committed since the subscribe-time check cannot slip by unheard.
    let next = notices.next();
    const stillLive = async () => (await services.portal.ticketOf(token))?.id === ticketId;
    if (!(await stillLive())) return stop(revoked());
    for (let notice = await next; !notice.done; notice = await next) {
      // Read after commit with a fresh EntityManager, through the link itself.
      const current = await services.portal.ticketOf(token);
      if (current?.id !== ticketId) return stop(revoked());
      next = notices.next();
      if (notice.value === 'changed') await push(current);
    }
    stop();
  });
}

const revoked = () => forbidden('This personal link has been revoked');
