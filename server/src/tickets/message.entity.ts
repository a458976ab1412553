import { BigIntType, EntitySchema } from '@mikro-orm/core';
import { tenantFilter } from '../db/tenant-filter.js';

/** A letter or note in a ticket's thread, inbound or outbound. */
export interface Message {
  id: string;
  tenantId: string;
  ticketId: string;
  direction: 'in' | 'out';
  channel: string;
  from: string | null;
  to: string | null;
  subject: string | null;
  body: string;
  at: Date;
}

export const MessageSchema = new EntitySchema<Message>({
  name: 'Message',
  tableName: 'message',
  filters: { tenant: tenantFilter },
  properties: {
    // As text: a JS bigint cannot travel as a GraphQL ID (or JSON).
    id: { type: new BigIntType('string'), primary: true, autoincrement: true },
    tenantId: { type: 'string' },
    ticketId: { type: 'uuid' },
    direction: { type: 'string' },
    channel: { type: 'string' },
    from: { type: 'text', nullable: true, fieldName: 'sender' },
    to: { type: 'text', nullable: true, fieldName: 'recipient' },
    subject: { type: 'text', nullable: true },
    body: { type: 'text' },
    at: { type: 'Date', columnType: 'timestamptz' },
  },
  indexes: [{ properties: ['ticketId'] }],
});
