import { EntitySchema } from '@mikro-orm/core';

/**
 * The last number given out per tenant and numbering scope (a day for DateChecksum, a year,
 * or the whole life of the tenant). Incremented with one atomic upsert, so numbers stay
 * unique under any concurrency.
 */
export interface TicketCounter {
  tenantId: string;
  scope: string;
  value: number;
}

export const TicketCounterSchema = new EntitySchema<TicketCounter>({
  name: 'TicketCounter',
  tableName: 'ticket_counter',
  properties: {
    tenantId: { type: 'string', primary: true },
    scope: { type: 'string', primary: true },
    value: { type: 'integer' },
  },
});
