import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { ContactChangeType, AnnounceContactChangeInput } from './contact-change.types.js';
import { announceContactChange, listContactChanges } from './contact-change.service.js';
import { requireTenantReader, requireTenantStaff } from './records.access.js';

@Resolver()
export class ContactChangeResolver {
  @Query(() => [ContactChangeType], { description: 'SIN-11: announced changes of responsible persons, the latest to take effect first' })
  async contactChanges(
    @Ctx() ctx: GraphQLContext,
    @Arg('tenantId', () => ID) tenantId: string,
    @Arg('organizationId', () => ID, { nullable: true }) organizationId?: string | null,
  ): Promise<ContactChangeType[]> {
    await requireTenantReader(ctx, tenantId);
    return listContactChanges(ctx.em, tenantId, organizationId);
  }

  /** SIN-11: records the change and tells the other side by mail, before `effectiveFrom`. */
  @Mutation(() => ContactChangeType)
  async announceContactChange(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => AnnounceContactChangeInput) input: AnnounceContactChangeInput,
  ): Promise<ContactChangeType> {
    const principal = await requireTenantStaff(ctx, input.tenantId);
    const change = await announceContactChange(ctx.em, ctx.services.registry, input, principal.actor, ctx.services.clock.now());
    // Committed: the worker may deliver the notice now rather than at its next sweep.
    ctx.services.outbox.wake();
    return change;
  }
}
