import { BigIntType, EntitySchema } from '@mikro-orm/core';
import { tenantFilter } from '../db/tenant-filter.js';

/** One accepted event of a ticket: the audit trail agents and complaints rely on. */
export interface TicketHistory {
  id: string;
  tenantId: string;
  ticketId: string;
  version: number;
  event: string;
  data: Record<string, unknown> | null;
  fromState: string | null;
  toState: string;
  actor: string;
  at: Date;
}

export const TicketHistorySchema = new EntitySchema<TicketHistory>({
  name: 'TicketHistory',
  tableName: 'ticket_history',
  filters: { tenant: tenantFilter },
  properties: {
    // As text: a JS bigint cannot travel as a GraphQL ID (or JSON).
    id: { type: new BigIntType('string'), primary: true, autoincrement: true },
    tenantId: { type: 'string' },
    ticketId: { type: 'uuid' },
    version: { type: 'integer' },
    event: { type: 'string' },
    data: { type: 'json', nullable: true },
    fromState: { type: 'string', nullable: true },
    toState: { type: 'string' },
    actor: { type: 'text' },
    at: { type: 'Date', columnType: 'timestamptz' },
  },
  indexes: [{ properties: ['ticketId', 'version'] }],
});
