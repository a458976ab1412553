import type { Services } from '../app/services.js';
import { actorKindOf, mayActorSend } from '../workflow/index.js';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { requirePrincipal, requireTenant, mayAccessTenant, tenantScopeOf } from '../auth/principal.js';
import { JSONScalar } from '../graphql/scalars.js';
import {
  CreateTicketInput,
  Deadline,
  MessageType,
  ComplaintType,
  SortOrder,
  TicketFilter,
  TicketHistoryEntry,
  TicketLink,
  TicketPage,
  TicketType,
} from './ticket.types.js';
import { TicketSchema, type Ticket } from './ticket.entity.js';
import { TicketHistorySchema } from './history.entity.js';
import { MessageSchema } from './message.entity.js';
import { TicketLinkSchema } from './link.entity.js';
import { TenantSchema } from '../tenants/tenant.entity.js';
import { WorkflowVersionSchema } from '../tenants/workflow-version.entity.js';
import { listTickets } from './ticket.query.js';
import { resumedDueAt } from '../sla/sla.clocks.js';
import { allTenants, scopedEntityManager } from '../db/tenant-filter.js';
import { isUuid } from './ticket.service.js';
import { badInput, forbidden, notFound } from '../graphql/errors.js';

@Resolver(() => TicketType)
export class TicketResolver {
  @Query(() => TicketPage)
  async tickets(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => TicketFilter, { nullable: true }) filter?: TicketFilter,
    @Arg('sortField', () => String, { nullable: true }) sortField?: string,
    @Arg('sortOrder', () => SortOrder, { nullable: true }) sortOrder?: SortOrder,
    @Arg('page', () => Int, { nullable: true, description: 'Page number, counted from 0' }) page?: number,
    @Arg('perPage', () => Int, { nullable: true }) perPage?: number,
  ): Promise<TicketPage> {
    requirePrincipal(ctx.principal);
    return listTickets(ctx.em, { filter, sortField, sortOrder, page, perPage }, ctx.services.clock.now()) as Promise<TicketPage>;
  }

  @Query(() => TicketType, { nullable: true })
  async ticket(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<Ticket> {
    return findVisibleTicket(ctx, id);
  }

  @Query(() => TicketType, { nullable: true })
  async ticketByNumber(
    @Ctx() ctx: GraphQLContext,
    @Arg('tenantId', () => ID) tenantId: string,
    @Arg('number', () => String) number: string,
  ): Promise<Ticket> {
    const principal = requirePrincipal(ctx.principal);
    requireTenant(principal, tenantId);
    const ticket = await ctx.em.findOne(TicketSchema, { tenantId, number });
    if (!ticket) throw notFound(`Ticket ${number} of tenant ${tenantId}`);
    return ticket;
  }

  @Mutation(() => TicketType)
  async createTicket(@Ctx() ctx: GraphQLContext, @Arg('input', () => CreateTicketInput) input: CreateTicketInput): Promise<Ticket> {
    const principal = requirePrincipal(ctx.principal);
    if (!(await ctx.services.orm.em.fork().count(TenantSchema, { id: input.tenantId }))) {
      throw badInput(`Unknown tenant "${input.tenantId}"`, ['tenantId']);
    }
    requireTenant(principal, input.tenantId);
    // The engine finds the organisation (by id or INN) and what its contract says.
    return ctx.services.tickets.createTicket(input, principal.actor);
  }

  @Mutation(() => TicketType)
  async sendTicketEvent(
    @Ctx() ctx: GraphQLContext,
    @Arg('ticketId', () => ID) ticketId: string,
    @Arg('type', () => String) type: string,
    @Arg('data', () => JSONScalar, { nullable: true }) data?: Record<string, unknown>,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number,
  ): Promise<Ticket> {
    const principal = requirePrincipal(ctx.principal);
    if (data != null && (typeof data !== 'object' || Array.isArray(data))) throw badInput('data must be an object', ['data']);
    return ctx.services.tickets.sendEvent(tenantScopeOf(principal), ticketId, { type, data: data ?? {} }, principal.actor, expectedVersion);
  }

  @FieldResolver(() => [String])
  async availableEvents(@Root() ticket: Ticket, @Ctx() ctx: GraphQLContext): Promise<string[]> {
    const workflow = await ctx.services.registry.forVersion(ticket.workflowVersionId);
    // The caller's events only: what the state takes and the file lets this caller send.
    const kind = actorKindOf(requirePrincipal(ctx.principal).actor);
    return workflow.availableEvents(ticket.snapshot).filter((type) => mayActorSend(workflow.definition, type, kind));
  }

  @FieldResolver(() => Int, { description: "The number of the tenant's workflow version the ticket runs on (see workflowGraph)" })
  async workflowVersion(@Root() ticket: Ticket, @Ctx() ctx: GraphQLContext): Promise<number> {
    const version = await ctx.services.orm.em.fork().findOneOrFail(WorkflowVersionSchema, { id: ticket.workflowVersionId });
    return version.version;
  }

  @FieldResolver(() => [String])
  async missingFields(@Root() ticket: Ticket, @Ctx() ctx: GraphQLContext): Promise<string[]> {
    return (await ctx.services.registry.forVersion(ticket.workflowVersionId)).missingFields(ticket.snapshot);
  }

  @FieldResolver(() => [TicketHistoryEntry])
  async history(@Root() ticket: Ticket, @Ctx() ctx: GraphQLContext): Promise<TicketHistoryEntry[]> {
    return ctx.em.find(TicketHistorySchema, { ticketId: ticket.id }, { orderBy: { id: 'asc' } });
  }

  @FieldResolver(() => [MessageType])
  async messages(@Root() ticket: Ticket, @Ctx() ctx: GraphQLContext): Promise<MessageType[]> {
    return ctx.em.find(MessageSchema, { ticketId: ticket.id }, { orderBy: { id: 'asc' } });
  }

  /**
   * The SLA clocks of the ticket's workflow file, as far as they have run. While a clock is
   * paused, `dueAt` is when it would fall due if it resumed now.
   */
  @FieldResolver(() => [Deadline])
  async deadlines(@Root() ticket: Ticket, @Ctx() ctx: GraphQLContext): Promise<Deadline[]> {
    return deadlinesOf(ctx.services, ticket);
  }

  /** NSO-12: complaints recorded on the ticket, oldest first. */
  @FieldResolver(() => [ComplaintType])
  async complaints(@Root() ticket: Ticket, @Ctx() ctx: GraphQLContext): Promise<ComplaintType[]> {
    const rows = await ctx.em.find(TicketHistorySchema, { ticketId: ticket.id }, { orderBy: { id: 'asc' } });
    return rows.flatMap((row) => {
      const complaint = (row.data as { complaint?: { text: string | null; deadlines: unknown; breaches: string[] } } | null)?.complaint;
      return complaint ? [{ at: row.at, actor: row.actor, text: complaint.text, deadlines: complaint.deadlines, breaches: complaint.breaches }] : [];
    });
  }

  /** Links to other tickets (NSO-8 `repeats` / `repeated_by`), only to tickets the caller may see. */
  @FieldResolver(() => [TicketLink])
  async links(@Root() ticket: Ticket, @Ctx() ctx: GraphQLContext): Promise<TicketLink[]> {
    const rows = await ctx.em.find(TicketLinkSchema, { ticketId: ticket.id }, { orderBy: { id: 'asc' } });
    if (!rows.length) return [];
    const linked = await ctx.em.find(TicketSchema, { id: { $in: [...new Set(rows.map((r) => r.linkedTicketId))] } });
    const byId = new Map(linked.map((t) => [t.id, t]));
    return rows.flatMap((r) => {
      const other = byId.get(r.linkedTicketId);
      return other ? [{ relation: r.relation, ticket: other as unknown as TicketType }] : [];
    });
  }
}

/** A ticket the caller may see: NOT_FOUND if it does not exist, FORBIDDEN if it is another tenant's. */
export async function findVisibleTicket(ctx: GraphQLContext, id: string): Promise<Ticket> {
  const principal = requirePrincipal(ctx.principal);
  const ticket = isUuid(id) ? await scopedEntityManager(ctx.services.orm, allTenants).findOne(TicketSchema, { id }) : null;
  if (!ticket) throw notFound(`Ticket ${id}`);
  if (!mayAccessTenant(principal, ticket.tenantId)) throw forbidden(`Ticket ${id} belongs to another tenant`);
  return ticket;
}

/**
 * The ticket's SLA clocks as far as they have run. While a clock is paused, `dueAt` is when it
 * would fall due if it resumed now.
 */
export async function deadlinesOf(services: Services, ticket: Ticket): Promise<Deadline[]> {
  if (!ticket.deadlines?.length) return [];
  const calendar = await services.registry.calendarOf(ticket.workflowVersionId);
  const now = services.clock.now().getTime();
  const at = (ms: number | null) => (ms === null ? null : new Date(ms));
  return ticket.deadlines.map((d) => ({
    kind: d.kind,
    dueAt: new Date(d.pausedAt === null ? d.dueAt : resumedDueAt(d, calendar, now)),
    pausedAt: at(d.pausedAt),
    metAt: at(d.metAt),
    breached: d.breached,
  }));
}
