import { EntitySchema } from '@mikro-orm/core';
import { tenantFilter } from '../db/tenant-filter.js';

/**
 * What became of a received mail. `received` is the row as first written: a row left in it
 * was stored but its processing failed (kept so nothing is lost, DESIGN principle 1).
 */
export type InboundMailStatus = 'received' | 'created' | 'appended' | 'rejected' | 'unparseable';

/**
 * One received message exactly as it came, with what intake made of it. The header columns
 * are `text`: they come from strangers' mail, and a long subject must not make the insert
 * of the raw message fail.
 */
export interface InboundMail {
  id: string;
  raw: string;
  /** The exact bytes, when `raw` cannot hold them (not UTF-8, or a NUL byte). */
  rawBytes: Buffer | null;
  receivedAt: Date;
  status: InboundMailStatus;
  reason: string | null;
  /** Null while the mail is not routed to a tenant (unknown recipient, unparseable). */
  tenantId: string | null;
  ticketId: string | null;
  messageId: string | null;
  from: string | null;
  to: string | null;
  subject: string | null;
}

export const InboundMailSchema = new EntitySchema<InboundMail>({
  name: 'InboundMail',
  tableName: 'inbound_mail',
  filters: { tenant: tenantFilter },
  properties: {
    id: { type: 'uuid', primary: true },
    raw: { type: 'text', lazy: true },
    rawBytes: { type: 'blob', nullable: true, lazy: true, fieldName: 'raw_bytes' },
    receivedAt: { type: 'Date', columnType: 'timestamptz' },
    status: { type: 'string' },
    reason: { type: 'text', nullable: true },
    tenantId: { type: 'string', nullable: true },
    ticketId: { type: 'uuid', nullable: true },
    messageId: { type: 'text', nullable: true },
    from: { type: 'text', nullable: true, fieldName: 'sender' },
    to: { type: 'text', nullable: true, fieldName: 'recipient' },
    subject: { type: 'text', nullable: true },
  },
  indexes: [{ properties: ['tenantId', 'receivedAt'] }, { properties: ['messageId'] }, { properties: ['ticketId'] }],
});
