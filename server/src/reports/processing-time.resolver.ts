import { Arg, Ctx, Field, Float, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { requirePrincipal, requireTenant } from '../auth/principal.js';
import { badInput } from '../graphql/errors.js';
import { DateTimeScalar } from '../graphql/scalars.js';
import { processingTime } from './processing-time.js';

@ObjectType('ProcessingTime', { description: 'RBT-3: how long requests took from registration to their solution, in business days' })
class ProcessingTimeType {
  @Field(() => Int, { description: 'Requests solved in the period' }) solved!: number;
  @Field(() => Float, { nullable: true }) averageBusinessDays!: number | null;
  @Field(() => Float, { nullable: true }) medianBusinessDays!: number | null;
}

@Resolver()
export class ProcessingTimeResolver {
  /** Requests first solved in [from, to), measured on the tenant's current calendar. */
  @Query(() => ProcessingTimeType)
  async processingTime(
    @Ctx() ctx: GraphQLContext,
    @Arg('tenantId', () => ID) tenantId: string,
    @Arg('from', () => DateTimeScalar) from: Date,
    @Arg('to', () => DateTimeScalar) to: Date,
  ): Promise<ProcessingTimeType> {
    requireTenant(requirePrincipal(ctx.principal), tenantId);
    if (from.getTime() >= to.getTime()) throw badInput('from must be before to', ['from', 'to']);
    const current = await ctx.services.registry.current(tenantId);
    if (!current) throw badInput(`Unknown tenant "${tenantId}"`, ['tenantId']);
    return processingTime(ctx.services.pool, tenantId, current.workflow.definition, current.calendar, { from, to });
  }
}
