/**
 * Received mail as it came, for the desk's administrators: what was refused and why, what
 * could not be parsed, what is still waiting for a retry. Agents see their tenants' mail;
 * mail no tenant could be found for (unknown recipient, unparseable) only admins see.
 */
import { Arg, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { requirePrincipal } from '../auth/principal.js';
import { badInput } from '../graphql/errors.js';
import { DateTimeScalar } from '../graphql/scalars.js';
import { InboundMailSchema, type InboundMailStatus } from './inbound-mail.entity.js';

const statuses: InboundMailStatus[] = ['received', 'created', 'appended', 'rejected', 'unparseable'];
const maxPerPage = 200;

@ObjectType('InboundMail', { description: 'One received message and what intake made of it' })
class InboundMailType {
  @Field(() => ID) id!: string;
  @Field(() => DateTimeScalar) receivedAt!: Date;
  @Field(() => String, { description: 'received (kept, processing failed), created, appended, rejected, unparseable' })
  status!: string;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => ID, { nullable: true }) tenantId!: string | null;
  @Field(() => ID, { nullable: true }) ticketId!: string | null;
  @Field(() => String, { nullable: true }) messageId!: string | null;
  @Field(() => String, { nullable: true }) from!: string | null;
  @Field(() => String, { nullable: true }) to!: string | null;
  @Field(() => String, { nullable: true }) subject!: string | null;
}

@ObjectType('InboundMailPage')
class InboundMailPage {
  @Field(() => [InboundMailType]) items!: InboundMailType[];
  @Field(() => Int) total!: number;
}

@Resolver()
export class InboundMailResolver {
  /** Newest first; `page` is 0-based like `tickets`. */
  @Query(() => InboundMailPage)
  async inboundMails(
    @Ctx() ctx: GraphQLContext,
    @Arg('status', () => String, { nullable: true }) status?: string,
    @Arg('tenantId', () => ID, { nullable: true }) tenantId?: string,
    @Arg('page', () => Int, { nullable: true }) page?: number,
    @Arg('perPage', () => Int, { nullable: true }) perPage?: number,
  ): Promise<InboundMailPage> {
    requirePrincipal(ctx.principal);
    if (status && !statuses.includes(status as InboundMailStatus)) throw badInput(`status must be one of ${statuses.join(', ')}`, ['status']);
    const size = perPage ?? 25;
    if (size < 1 || size > maxPerPage) throw badInput(`perPage must be between 1 and ${maxPerPage}`, ['perPage']);
    if ((page ?? 0) < 0) throw badInput('page must not be negative', ['page']);
    const where: Record<string, unknown> = {};
    if (status) where.status = status;
    if (tenantId) where.tenantId = tenantId;
    const [items, total] = await ctx.em.findAndCount(InboundMailSchema, where, {
      orderBy: { receivedAt: 'desc', id: 'asc' },
      limit: size,
      offset: (page ?? 0) * size,
    });
    return { items, total };
  }

  /** The message exactly as received (its bytes as Latin-1 text when they were not UTF-8). */
  @Query(() => String, { nullable: true })
  async inboundMailRaw(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<string | null> {
    requirePrincipal(ctx.principal);
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const row = await ctx.em.findOne(InboundMailSchema, { id }, { populate: ['raw'] });
    return row?.raw ?? null;
  }
}
