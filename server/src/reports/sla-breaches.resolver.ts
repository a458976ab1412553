import { Arg, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { requirePrincipal, requireTenant } from '../auth/principal.js';
import { badInput } from '../graphql/errors.js';
import { DateTimeScalar } from '../graphql/scalars.js';
import { slaBreaches, weekOf } from './sla-breaches.js';

@ObjectType('SlaBreachCount')
class SlaBreachCountType {
  @Field(() => String, { description: 'The SLA clock (the workflow file\'s `sla:` name)' }) clock!: string;
  @Field(() => Int) breaches!: number;
}

@ObjectType('SlaBreaches', { description: 'SLA clocks of a desk that fell due unmet in a period (from inclusive, to exclusive)' })
class SlaBreachesType {
  @Field(() => DateTimeScalar) from!: Date;
  @Field(() => DateTimeScalar) to!: Date;
  @Field(() => String, { description: "The desk's time zone, in which the default period is a week" }) timezone!: string;
  @Field(() => Int) total!: number;
  @Field(() => [SlaBreachCountType]) byClock!: SlaBreachCountType[];
}

@Resolver()
export class SlaBreachesResolver {
  /** Breaches in [from, to); without a period, the desk's current week by the server's clock. */
  @Query(() => SlaBreachesType)
  async slaBreaches(
    @Ctx() ctx: GraphQLContext,
    @Arg('tenantId', () => ID) tenantId: string,
    @Arg('from', () => DateTimeScalar, { nullable: true }) from?: Date | null,
    @Arg('to', () => DateTimeScalar, { nullable: true }) to?: Date | null,
  ): Promise<SlaBreachesType> {
    requireTenant(requirePrincipal(ctx.principal), tenantId);
    if ((from == null) !== (to == null)) throw badInput('give both from and to, or neither (the current week)', ['from', 'to']);
    const current = await ctx.services.registry.current(tenantId);
    if (!current) throw badInput(`Unknown tenant "${tenantId}"`, ['tenantId']);
    const timezone = current.workflow.definition.tenant.timezone;
    const period = from && to ? { from, to } : weekOf(ctx.services.clock.now(), timezone);
    if (period.from.getTime() >= period.to.getTime()) throw badInput('from must be before to', ['from', 'to']);
    return { ...period, timezone, ...(await slaBreaches(ctx.services.pool, tenantId, period)) };
  }
}
