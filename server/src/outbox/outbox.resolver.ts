import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { requirePrincipal } from '../auth/principal.js';
import { MessageType } from '../tickets/ticket.types.js';
import { OutboxSchema } from './outbox.entity.js';
import { findVisibleTicket } from '../tickets/ticket.resolver.js';

@Resolver()
export class OutboxResolver {
  /** Mail the product sent or captured, newest last (CONTRACT), within the caller's tenants. */
  @Query(() => [MessageType])
  async outboundMessages(
    @Ctx() ctx: GraphQLContext,
    @Arg('ticketId', () => ID, { nullable: true }) ticketId?: string,
    @Arg('to', () => String, { nullable: true }) to?: string,
  ): Promise<MessageType[]> {
    const principal = requirePrincipal(ctx.principal);
    if (ticketId) await findVisibleTicket(ctx, ticketId);
    const where: Record<string, unknown> = {};
    if (principal.tenantIds !== 'all') where.tenantId = { $in: principal.tenantIds };
    if (ticketId) where.ticketId = ticketId;
    if (to) where.to = { $ilike: to.replace(/[\\%_]/g, (c) => `\\${c}`) };
    const rows = await ctx.em.find(OutboxSchema, where, { orderBy: { id: 'asc' }, limit: 1000 });
    return rows.map((row) => ({
      id: row.id,
      ticketId: row.ticketId,
      direction: 'out' as const,
      channel: 'email',
      from: null,
      to: row.to,
      subject: row.subject,
      body: row.body,
      at: row.createdAt,
      status: row.status,
    }));
  }
}
