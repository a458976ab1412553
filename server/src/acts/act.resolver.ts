import { FieldResolver, Resolver, Root } from 'type-graphql';
import { TicketType } from '../tickets/ticket.types.js';
import type { Ticket } from '../tickets/ticket.entity.js';
import { AcceptanceAct } from './act.types.js';
import { actsOfTicket } from './act.view.js';

@Resolver(() => TicketType)
export class ActResolver {
  /** SIN-9/10: the ticket's acceptance and rework acts, oldest first. */
  @FieldResolver(() => [AcceptanceAct])
  acts(@Root() ticket: Ticket): AcceptanceAct[] {
    return actsOfTicket(ticket);
  }
}
