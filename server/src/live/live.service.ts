/**
 * Live changes for this instance's subscribers: notices that arrive over LISTEN are
 * published to the local pub/sub that graphql-ws subscriptions read.
 */
import { createPubSub } from '@graphql-yoga/subscription';
import type { NotificationListener } from './notification-listener.js';
import { ticketChangedChannel, type TicketChangeNotice } from './ticket-change.js';
import { linksRevokedChannel, type LinksRevokedNotice } from './links-revoked.js';

export const ticketChangedTopic = 'TICKET_CHANGED';
/** What one ticket's own subscribers hear, keyed by ticket id: the requester's page listens to its ticket only. */
export const oneTicketTopic = 'ONE_TICKET';
export type OneTicketNotice = 'changed' | 'links_revoked';

export class LiveService {
  readonly pubSub = createPubSub<{
    [ticketChangedTopic]: [TicketChangeNotice];
    [oneTicketTopic]: [ticketId: string, notice: OneTicketNotice];
  }>();

  constructor(listener: NotificationListener) {
    listener.on(ticketChangedChannel, (payload) => {
      const notice = JSON.parse(payload) as TicketChangeNotice;
      this.pubSub.publish(ticketChangedTopic, notice);
      this.pubSub.publish(oneTicketTopic, notice.ticketId, 'changed');
    });
    listener.on(linksRevokedChannel, (payload) => {
      this.pubSub.publish(oneTicketTopic, (JSON.parse(payload) as LinksRevokedNotice).ticketId, 'links_revoked');
    });
  }
}
