import { Arg, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { JSONScalar } from '../graphql/scalars.js';
import { badInput, notFound } from '../graphql/errors.js';
import { findVisibleTicket, deadlinesOf } from '../tickets/ticket.resolver.js';
import { MessageSchema } from '../tickets/message.entity.js';
import { allTenants, scopedEntityManager } from '../db/tenant-filter.js';
import type { Ticket } from '../tickets/ticket.entity.js';
import { mayActorSend } from '../workflow/index.js';
import { actsOfTicket } from '../acts/act.view.js';
import { RequestReceiptType, RequesterTicketType, SubmitRequestInput } from './portal.types.js';
import { portalPath } from './requester-token.js';
import type { StatusCategoryEnum } from '../tickets/ticket.types.js';
import { requesterTicketStream } from './requester-ticket-stream.js';

@Resolver()
export class PortalResolver {
  /** The public web form (no token): registers the request and mails the number with the personal link. */
  @Mutation(() => RequestReceiptType)
  async submitRequest(@Ctx() ctx: GraphQLContext, @Arg('input', () => SubmitRequestInput) input: SubmitRequestInput): Promise<RequestReceiptType> {
    if (input.fields != null && (typeof input.fields !== 'object' || Array.isArray(input.fields))) throw badInput('fields must be an object', ['fields']);
    const ticket = await ctx.services.portal.submit(input, ctx.client);
    const workflow = await ctx.services.registry.forVersion(ticket.workflowVersionId);
    return { number: ticket.number, statusCategory: ticket.statusCategory as StatusCategoryEnum, missingFields: workflow.missingFields(ticket.snapshot) };
  }

  /** The ticket a personal link opens; null for an unknown or revoked link. */
  @Query(() => RequesterTicketType, { nullable: true })
  async requesterTicket(@Ctx() ctx: GraphQLContext, @Arg('token', () => String) token: string): Promise<RequesterTicketType | null> {
    const ticket = await ctx.services.portal.ticketOf(token);
    return ticket ? requesterView(ctx, ticket, token) : null;
  }

  /** An event of the requester's (REOPEN, CONFIRM, PROVIDE_INFO, APPROVE_ACT, REFUSE_ACT…); any other is FORBIDDEN. */
  @Mutation(() => RequesterTicketType)
  async requesterEvent(
    @Ctx() ctx: GraphQLContext,
    @Arg('token', () => String) token: string,
    @Arg('type', () => String) type: string,
    @Arg('data', () => JSONScalar, { nullable: true }) data?: Record<string, unknown>,
  ): Promise<RequesterTicketType> {
    if (data != null && (typeof data !== 'object' || Array.isArray(data))) throw badInput('data must be an object', ['data']);
    return requesterView(ctx, await ctx.services.portal.event(token, type, data), token);
  }

  /** A message from the requester, as a mail reply would be. */
  @Mutation(() => RequesterTicketType)
  async requesterMessage(@Ctx() ctx: GraphQLContext, @Arg('token', () => String) token: string, @Arg('body', () => String) body: string): Promise<RequesterTicketType> {
    return requesterView(ctx, await ctx.services.portal.message(token, body), token);
  }

  /**
   * Live updates of the ticket page (no account: the personal link is the credential). Each
   * committed change of THIS ticket, from any instance, is delivered as the requester sees it;
   * revoking the link ends the subscription with FORBIDDEN (requester-ticket-stream.ts).
   */
  @Subscription(() => RequesterTicketType, {
    description:
      'The ticket of a personal link, anew after each committed change of it; an unknown or revoked link is NOT_FOUND, and revoking the link ends the subscription with FORBIDDEN',
    subscribe: async ({ args, context }) => {
      const ctx = context as GraphQLContext;
      const token = (args as { token: string }).token;
      const ticket = await ctx.services.portal.ticketOf(token);
      if (!ticket) throw notFound('This link');
      return requesterTicketStream(ctx.services, token, ticket.id);
    },
  })
  async requesterTicketChanged(@Root() ticket: Ticket, @Ctx() ctx: GraphQLContext, @Arg('token', () => String) token: string): Promise<RequesterTicketType> {
    return requesterView(ctx, ticket, token);
  }

  /** An agent closes every personal link of a ticket (e.g. a letter forwarded to strangers). */
  @Mutation(() => Int, { description: 'Revokes the personal links of a ticket; answers how many were live' })
  async revokeRequesterLinks(@Ctx() ctx: GraphQLContext, @Arg('ticketId', () => ID) ticketId: string): Promise<number> {
    const ticket = await findVisibleTicket(ctx, ticketId);
    return ctx.services.portal.revoke(ticket.id);
  }
}

async function requesterView(ctx: GraphQLContext, ticket: Ticket, token: string): Promise<RequesterTicketType> {
  const workflow = await ctx.services.registry.forVersion(ticket.workflowVersionId);
  const messages = await scopedEntityManager(ctx.services.orm, allTenants).find(MessageSchema, { ticketId: ticket.id }, { orderBy: { id: 'asc' } });
  return {
    number: ticket.number,
    tenantId: ticket.tenantId,
    timezone: workflow.definition.tenant.timezone,
    kind: ticket.kind,
    subject: ticket.subject,
    status: ticket.statusCategory as StatusCategoryEnum,
    state: ticket.state,
    closeReason: ticket.closeReason,
    missingFields: workflow.missingFields(ticket.snapshot),
    createdAt: ticket.createdAt,
    updatedAt: ticket.updatedAt,
    messages,
    // The printable act through the link itself: the requester has no other credentials.
    acts: actsOfTicket(ticket).map((act, i) => ({ ...act, documentUrl: `${portalPath(token)}/acts/${i + 1}` })),
    deadlines: await deadlinesOf(ctx.services, ticket),
    availableEvents: workflow.availableEvents(ticket.snapshot).filter((type) => mayActorSend(workflow.definition, type, 'requester')),
  };
}
