import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { requirePrincipal } from '../auth/principal.js';
import { DateTimeScalar } from '../graphql/scalars.js';

@Resolver()
export class ClockResolver {
  /** The server's clock; public, since it reveals nothing but the time the product runs on. */
  @Query(() => DateTimeScalar)
  now(@Ctx() ctx: GraphQLContext): Date {
    return ctx.services.clock.now();
  }

  @Mutation(() => DateTimeScalar, { description: 'Manual clock only: moves time on and fires every timer due by then' })
  async advanceClock(@Ctx() ctx: GraphQLContext, @Arg('by', () => String) by: string): Promise<Date> {
    requirePrincipal(ctx.principal);
    return ctx.services.clockService.advance(by);
  }
}
