/**
 * Live changes for this instance's subscribers: notices that arrive over LISTEN are
 * published to the local pub/sub that graphql-ws subscriptions read.
 */
import { createPubSub } from '@graphql-yoga/subscription';
import type { NotificationListener } from './notification-listener.js';
import { ticketChangedChannel, type TicketChangeNotice } from './ticket-change.js';

export const ticketChangedTopic = 'TICKET_CHANGED';

export class LiveService {
  readonly pubSub = createPubSub<{ [ticketChangedTopic]: [TicketChangeNotice] }>();

  constructor(listener: NotificationListener) {
    listener.on(ticketChangedChannel, (payload) => {
      this.pubSub.publish(ticketChangedTopic, JSON.parse(payload) as TicketChangeNotice);
    });
  }
}
