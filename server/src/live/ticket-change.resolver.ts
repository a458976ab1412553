import { Arg, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import { filter, pipe } from '@graphql-yoga/subscription';
import type { GraphQLContext } from '../graphql/context.js';
import { mayAccessTenant, requirePrincipal, tenantScopeOf } from '../auth/principal.js';
import { scopedEntityManager } from '../db/tenant-filter.js';
import { TicketChange, type TicketType } from '../tickets/ticket.types.js';
import { TicketSchema } from '../tickets/ticket.entity.js';
import type { TicketChangeNotice } from './ticket-change.js';
import { ticketChangedTopic } from './live.service.js';

@Resolver()
export class TicketChangeResolver {
  /** Committed ticket changes of the caller's tenants (optionally one tenant), from every instance. */
  @Subscription(() => TicketChange, {
    subscribe: ({ args, context }) => {
      const ctx = context as GraphQLContext;
      const principal = requirePrincipal(ctx.principal);
      const tenantId = (args as { tenantId?: string }).tenantId;
      return pipe(
        ctx.services.live.pubSub.subscribe(ticketChangedTopic),
        filter((notice: TicketChangeNotice) => mayAccessTenant(principal, notice.tenantId) && (!tenantId || notice.tenantId === tenantId)),
      );
    },
  })
  async ticketChanged(
    @Root() notice: TicketChangeNotice,
    @Ctx() ctx: GraphQLContext,
    @Arg('tenantId', () => ID, { nullable: true }) _tenantId?: string,
  ): Promise<TicketChange> {
    // A fresh EntityManager per delivery: a long-lived one would serve the ticket from its
    // identity map as it was at the first event.
    const em = scopedEntityManager(ctx.services.orm, tenantScopeOf(ctx.principal));
    const ticket = await em.findOne(TicketSchema, { id: notice.ticketId });
    return { ...notice, ticket: ticket as TicketType | null };
  }
}
