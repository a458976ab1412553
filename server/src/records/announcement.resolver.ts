import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { mayAccessTenant } from '../auth/principal.js';
import { scopedEntityManager } from '../db/tenant-filter.js';
import { AnnouncementSchema, type Announcement } from './announcement.entity.js';
import { AnnouncementType, CreateAnnouncementInput, UpdateAnnouncementInput } from './announcement.types.js';
import { createAnnouncement, isActive, listAnnouncements, validAnnouncement } from './announcement.service.js';
import { findOwnedRow, requireKnownTenant, requireStaff, requireTenantStaff } from './records.access.js';

@Resolver()
export class AnnouncementResolver {
  /**
   * Public (NSO-1): requesters have no accounts, and the portal shows the tenant's
   * announcements to anyone. Who wrote one is shown only to the tenant's own callers.
   */
  @Query(() => [AnnouncementType])
  async announcements(
    @Ctx() ctx: GraphQLContext,
    @Arg('tenantId', () => ID) tenantId: string,
    @Arg('activeOnly', () => Boolean, { nullable: true, description: 'Only what is in force now; otherwise everything not yet ended' })
    activeOnly?: boolean | null,
  ): Promise<AnnouncementType[]> {
    await requireKnownTenant(ctx, tenantId);
    // Scoped to exactly the tenant asked for: an anonymous caller's own scope is empty.
    const em = scopedEntityManager(ctx.services.orm, { tenantIds: [tenantId] });
    const now = ctx.services.clock.now();
    const insider = ctx.principal !== null && mayAccessTenant(ctx.principal, tenantId);
    return (await listAnnouncements(em, tenantId, now, activeOnly === true)).map((a) => view(a, now, insider));
  }

  @Mutation(() => AnnouncementType)
  async createAnnouncement(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => CreateAnnouncementInput) input: CreateAnnouncementInput,
  ): Promise<AnnouncementType> {
    const principal = await requireTenantStaff(ctx, input.tenantId);
    const now = ctx.services.clock.now();
    const row = createAnnouncement(ctx.em, input.tenantId, validAnnouncement(input), principal.actor, now);
    await ctx.em.flush();
    return view(row, now, true);
  }

  @Mutation(() => AnnouncementType)
  async updateAnnouncement(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateAnnouncementInput) input: UpdateAnnouncementInput,
  ): Promise<AnnouncementType> {
    requireStaff(ctx.principal);
    const row = await findOwnedRow(ctx, AnnouncementSchema, id, 'Announcement');
    // A field left out keeps its value; `endsAt: null` given explicitly opens the window's end.
    const given = <K extends keyof UpdateAnnouncementInput>(key: K) => input[key] !== undefined;
    const fields = validAnnouncement({
      kind: given('kind') ? input.kind : row.kind,
      title: given('title') ? input.title : row.title,
      body: given('body') ? input.body : row.body,
      startsAt: given('startsAt') ? input.startsAt : row.startsAt,
      endsAt: given('endsAt') ? input.endsAt : row.endsAt,
    });
    Object.assign(row, fields);
    await ctx.em.flush();
    return view(row, ctx.services.clock.now(), true);
  }

  @Mutation(() => Boolean)
  async deleteAnnouncement(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<boolean> {
    requireStaff(ctx.principal);
    const row = await findOwnedRow(ctx, AnnouncementSchema, id, 'Announcement');
    await ctx.em.remove(row).flush();
    return true;
  }
}

function view(row: Announcement, now: Date, insider: boolean): AnnouncementType {
  return { ...row, active: isActive(row, now), createdBy: insider ? row.createdBy : null };
}
