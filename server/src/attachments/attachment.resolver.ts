import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { TicketType } from '../tickets/ticket.types.js';
import type { Ticket } from '../tickets/ticket.entity.js';
import { AttachmentSchema } from './attachment.entity.js';
import { AttachmentType } from './attachment.types.js';
import { attachmentPath } from './attachment.http.js';

@Resolver(() => TicketType)
export class AttachmentResolver {
  /** The files mail brought to the ticket, oldest first; the content is downloaded apart. */
  @FieldResolver(() => [AttachmentType])
  async attachments(@Root() ticket: Ticket, @Ctx() ctx: GraphQLContext): Promise<AttachmentType[]> {
    const rows = await ctx.em.find(AttachmentSchema, { ticketId: ticket.id }, { orderBy: { createdAt: 'asc', filename: 'asc' } });
    return rows.map((row) => ({
      id: row.id,
      filename: row.filename,
      contentType: row.contentType,
      size: row.size,
      field: row.field,
      kept: row.skippedReason === null,
      skippedReason: row.skippedReason,
      createdAt: row.createdAt,
      url: row.skippedReason === null ? attachmentPath(row.id) : null,
    }));
  }
}
