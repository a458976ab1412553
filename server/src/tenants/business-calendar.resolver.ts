/**
 * A tenant's business calendar over GraphQL: the days for a UI to draw, and deadline
 * arithmetic for integrations, both on the calendar of the workflow in force.
 */
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { requirePrincipal, requireTenant } from '../auth/principal.js';
import { DateTimeScalar } from '../graphql/scalars.js';
import { addBusinessTime, businessCalendarView, CalendarError, type BusinessCalendar } from '../calendar/index.js';
import { badInput } from '../graphql/errors.js';
import { BusinessCalendarType } from './business-calendar.types.js';

@Resolver()
export class BusinessCalendarResolver {
  @Query(() => BusinessCalendarType, { description: 'Working intervals, days off, transferred and shortened days from `from` to `to` (YYYY-MM-DD, inclusive)' })
  async businessCalendar(
    @Ctx() ctx: GraphQLContext,
    @Arg('tenantId', () => ID) tenantId: string,
    @Arg('from', () => String) from: string,
    @Arg('to', () => String) to: string,
  ): Promise<BusinessCalendarType> {
    const calendar = await tenantCalendar(ctx, tenantId);
    const view = asUserInput(() => businessCalendarView(calendar, from, to), ['from', 'to']);
    return {
      tenantId,
      ...view,
      days: view.days.map((day) => ({
        ...day,
        intervals: day.intervals.map((i) => ({ start: new Date(i.start), end: new Date(i.end) })),
      })),
    };
  }

  @Query(() => DateTimeScalar, { description: 'from + duration (90bm, 8bh, 3bd, eobd, eobd+1, 48h, 3d) on the tenant calendar' })
  async addBusinessTime(
    @Ctx() ctx: GraphQLContext,
    @Arg('tenantId', () => ID) tenantId: string,
    @Arg('from', () => DateTimeScalar) from: Date,
    @Arg('duration', () => String) duration: string,
  ): Promise<Date> {
    const calendar = await tenantCalendar(ctx, tenantId);
    return new Date(asUserInput(() => addBusinessTime(calendar, from.getTime(), duration), ['duration']));
  }
}

async function tenantCalendar(ctx: GraphQLContext, tenantId: string): Promise<BusinessCalendar> {
  const principal = requirePrincipal(ctx.principal);
  const current = await ctx.services.registry.current(tenantId);
  if (!current) throw badInput(`Unknown tenant "${tenantId}"`, ['tenantId']);
  requireTenant(principal, tenantId);
  return current.calendar;
}

/** Calendar errors here are about the request (a bad date, a year without data), not faults. */
function asUserInput<T>(work: () => T, fields: string[]): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof CalendarError) throw badInput(error.message, fields);
    throw error;
  }
}
