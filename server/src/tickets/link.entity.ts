import { BigIntType, EntitySchema } from '@mikro-orm/core';
import { tenantFilter } from '../db/tenant-filter.js';

/**
 * A link from one ticket to another (NSO-8: a repeated request `repeats` the previous one,
 * which is `repeated_by` the new one). Each direction is its own row, so a ticket's links are
 * the rows with its `ticketId`.
 */
export interface TicketLinkRow {
  id: string;
  tenantId: string;
  ticketId: string;
  linkedTicketId: string;
  relation: string;
  createdAt: Date;
}

export const TicketLinkSchema = new EntitySchema<TicketLinkRow>({
  name: 'TicketLink',
  tableName: 'ticket_link',
  filters: { tenant: tenantFilter },
  properties: {
    // As text: a JS bigint cannot travel as a GraphQL ID (or JSON).
    id: { type: new BigIntType('string'), primary: true, autoincrement: true },
    tenantId: { type: 'string' },
    ticketId: { type: 'uuid' },
    linkedTicketId: { type: 'uuid' },
    relation: { type: 'text' },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
  },
  uniques: [{ properties: ['ticketId', 'linkedTicketId', 'relation'] }],
  indexes: [{ properties: ['ticketId'] }],
});
