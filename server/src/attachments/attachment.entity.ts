import { EntitySchema } from '@mikro-orm/core';
import { tenantFilter } from '../db/tenant-filter.js';

/**
 * A file a mail brought to a ticket, listed by name in the intake field it serves
 * (`field`: screenshots, errorLogs, video or attachments). A file over a size limit is
 * still listed, without content, with the reason it was not kept, so the agent knows to
 * ask for it another way.
 */
export interface Attachment {
  id: string;
  tenantId: string;
  ticketId: string | null;
  inboundMailId: string | null;
  filename: string;
  contentType: string;
  size: number;
  field: string;
  content: Buffer | null;
  skippedReason: string | null;
  createdAt: Date;
}

export const AttachmentSchema = new EntitySchema<Attachment>({
  name: 'Attachment',
  tableName: 'attachment',
  filters: { tenant: tenantFilter },
  properties: {
    id: { type: 'uuid', primary: true },
    tenantId: { type: 'string' },
    ticketId: { type: 'uuid', nullable: true },
    inboundMailId: { type: 'uuid', nullable: true },
    filename: { type: 'text' },
    contentType: { type: 'text' },
    size: { type: 'integer' },
    field: { type: 'string' },
    // Loaded only for a download (lazy), never with a list.
    content: { type: 'blob', nullable: true, lazy: true },
    skippedReason: { type: 'text', nullable: true },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
  },
  indexes: [{ properties: ['ticketId'] }, { properties: ['inboundMailId'] }],
});
