import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { requirePrincipal, requireTenant } from '../auth/principal.js';
import { badInput, notFound } from '../graphql/errors.js';
import { MessageType } from '../tickets/ticket.types.js';
import { OutboxSchema, type OutboxItem } from './outbox.entity.js';
import { findVisibleTicket } from '../tickets/ticket.resolver.js';

const statuses = ['pending', 'sending', 'sent', 'captured', 'failed'];

@Resolver()
export class OutboxResolver {
  /**
   * Mail the product sent or captured, newest last (CONTRACT), within the caller's tenants.
   * `status: "failed"` lists what did not reach its recipient, with the relay's answer.
   */
  @Query(() => [MessageType])
  async outboundMessages(
    @Ctx() ctx: GraphQLContext,
    @Arg('ticketId', () => ID, { nullable: true }) ticketId?: string,
    @Arg('to', () => String, { nullable: true }) to?: string,
    @Arg('status', () => String, { nullable: true }) status?: string,
  ): Promise<MessageType[]> {
    const principal = requirePrincipal(ctx.principal);
    if (ticketId) await findVisibleTicket(ctx, ticketId);
    if (status && !statuses.includes(status)) throw badInput(`status must be one of ${statuses.join(', ')}`, ['status']);
    const where: Record<string, unknown> = {};
    if (principal.tenantIds !== 'all') where.tenantId = { $in: principal.tenantIds };
    if (ticketId) where.ticketId = ticketId;
    if (to) where.to = { $ilike: to.replace(/[\\%_]/g, (c) => `\\${c}`) };
    if (status) where.status = status;
    const rows = await ctx.em.find(OutboxSchema, where, { orderBy: { id: 'asc' }, limit: 1000 });
    return rows.map(messageOf);
  }

  /**
   * Sends a letter that failed once more, from its first attempt: after the relay was fixed,
   * or after an admin checked that an interrupted letter never arrived.
   */
  @Mutation(() => MessageType)
  async retryOutboundMessage(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<MessageType> {
    const principal = requirePrincipal(ctx.principal);
    if (!/^\d+$/.test(id)) throw notFound(`Outbound message ${id}`);
    const row = await ctx.em.findOne(OutboxSchema, { id });
    if (!row) throw notFound(`Outbound message ${id}`);
    requireTenant(principal, row.tenantId);
    if (row.status !== 'failed') throw badInput(`Only a failed letter can be retried; this one is ${row.status}`, ['id']);
    Object.assign(row, { status: 'pending', attempts: 0, nextAttemptAt: null, leaseUntil: null });
    await ctx.em.flush();
    ctx.services.outbox.wake();
    return messageOf(row);
  }
}

function messageOf(row: OutboxItem): MessageType {
  return {
    // A bigint column: the driver may hand it over as a JS bigint, which ID does not serialise.
    id: String(row.id),
    ticketId: row.ticketId,
    direction: 'out',
    channel: 'email',
    from: null,
    to: row.to,
    subject: row.subject,
    body: row.body,
    at: row.createdAt,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    deliveredAt: row.deliveredAt,
  };
}
