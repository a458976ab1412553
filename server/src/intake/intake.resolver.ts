import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { requirePrincipal } from '../auth/principal.js';
import { EmailReceiptType } from './intake.types.js';
import type { EmailReceipt } from './intake.service.js';

@Resolver()
export class IntakeResolver {
  /**
   * How a mail gateway (or a test) hands over one received message. Admins may feed any
   * tenant's mail; agents and integrations only mail addressed to their tenants.
   */
  @Mutation(() => EmailReceiptType, { description: 'Takes one RFC 5322 message as text: CREATED, APPENDED or REJECTED (kept, with the reason)' })
  async receiveEmail(@Ctx() ctx: GraphQLContext, @Arg('raw', () => String) raw: string): Promise<EmailReceipt> {
    const principal = requirePrincipal(ctx.principal);
    return ctx.services.intake.receive(principal, raw);
  }
}
