import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { TicketType } from '../tickets/ticket.types.js';
import { TicketSchema, type Ticket } from '../tickets/ticket.entity.js';
import { badInput } from '../graphql/errors.js';
import { PhoneCallSchema, type PhoneCall } from './phone-call.entity.js';
import { LogPhoneCallInput, PhoneCallPage, PhoneCallType } from './phone-call.types.js';
import { convertToTicket, listPhoneCalls, logPhoneCall } from './phone-call.service.js';
import { findOwnedRow, requireStaff, requireTenantReader, requireTenantStaff } from './records.access.js';

@Resolver(() => PhoneCallType)
export class PhoneCallResolver {
  @Query(() => PhoneCallPage, { description: "NSO-3: the tenant's logged calls, newest first" })
  async phoneCalls(
    @Ctx() ctx: GraphQLContext,
    @Arg('tenantId', () => ID) tenantId: string,
    @Arg('page', () => Int, { nullable: true, description: 'Page number, counted from 0' }) page?: number | null,
    @Arg('perPage', () => Int, { nullable: true }) perPage?: number | null,
  ): Promise<PhoneCallPage> {
    await requireTenantReader(ctx, tenantId);
    return listPhoneCalls(ctx.em, tenantId, page ?? 0, perPage ?? 25);
  }

  @Mutation(() => PhoneCallType)
  async logPhoneCall(@Ctx() ctx: GraphQLContext, @Arg('input', () => LogPhoneCallInput) input: LogPhoneCallInput): Promise<PhoneCallType> {
    const principal = await requireTenantStaff(ctx, input.tenantId);
    const call = logPhoneCall(ctx.em, input, principal.actor, ctx.services.clock.now());
    await ctx.em.flush();
    return call;
  }

  /**
   * NSO-3: the call becomes a ticket of the tenant's workflow (channel `phone`), with what
   * the agent noted as its intake fields; `missingFields` then says what to ask for.
   */
  @Mutation(() => PhoneCallType)
  async convertPhoneCallToTicket(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
    @Arg('kind', () => String, { nullable: true }) kind?: string | null,
    @Arg('subject', () => String, { nullable: true, description: "Default: the summary's first line" }) subject?: string | null,
    @Arg('audience', () => String, { nullable: true, description: 'Which line was called, where a desk has several (NSO-2)' })
    audience?: string | null,
  ): Promise<PhoneCallType> {
    const principal = requireStaff(ctx.principal);
    const found = await findOwnedRow(ctx, PhoneCallSchema, id, 'Phone call');
    // Asked again under the row lock; this early answer spares a connection.
    if (found.ticketId) throw badInput(`This call already became ticket ${found.ticketId}`, ['id']);
    const { call } = await convertToTicket(ctx.services.pool, ctx.services.tickets, found.id, { kind, subject, audience }, principal.actor);
    return call;
  }

  @FieldResolver(() => TicketType, { nullable: true, description: 'The ticket the call became' })
  async ticket(@Root() call: PhoneCall, @Ctx() ctx: GraphQLContext): Promise<Ticket | null> {
    return call.ticketId ? ctx.em.findOne(TicketSchema, { id: call.ticketId }) : null;
  }
}

@Resolver(() => TicketType)
export class TicketPhoneCallsResolver {
  /** NSO-3: the call(s) a ticket came from. */
  @FieldResolver(() => [PhoneCallType])
  async phoneCalls(@Root() ticket: Ticket, @Ctx() ctx: GraphQLContext): Promise<PhoneCallType[]> {
    return ctx.em.find(PhoneCallSchema, { ticketId: ticket.id }, { orderBy: { at: 'asc' } });
  }
}
