import { BigIntType, EntitySchema } from '@mikro-orm/core';

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'captured' | 'failed';

/**
 * A side effect written in the event's transaction and delivered after it (DESIGN
 * principle 1): a letter to a requester, an escalation letter.
 */
export interface OutboxItem {
  id: string;
  tenantId: string;
  ticketId: string | null;
  kind: 'mail';
  to: string;
  subject: string;
  body: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
  /** Wall time of the next delivery try after a refusal (mail/outbox.worker.ts); null: now. */
  nextAttemptAt: Date | null;
  /** Wall time until which a worker owns a `sending` row (mail/outbox.worker.ts). */
  leaseUntil: Date | null;
}

export const OutboxSchema = new EntitySchema<OutboxItem>({
  name: 'OutboxItem',
  tableName: 'outbox',
  properties: {
    // As text: a JS bigint cannot travel as a GraphQL ID (or JSON).
    id: { type: new BigIntType('string'), primary: true, autoincrement: true },
    tenantId: { type: 'string' },
    ticketId: { type: 'uuid', nullable: true },
    kind: { type: 'string' },
    to: { type: 'text', fieldName: 'recipient' },
    subject: { type: 'text' },
    body: { type: 'text' },
    status: { type: 'string' },
    attempts: { type: 'integer' },
    lastError: { type: 'text', nullable: true },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
    deliveredAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    nextAttemptAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    leaseUntil: { type: 'Date', columnType: 'timestamptz', nullable: true },
  },
  indexes: [
    { properties: ['ticketId'] },
    {
      name: 'outbox_pending_index',
      expression: `create index "outbox_pending_index" on "outbox" ("id") where "status" = 'pending'`,
    },
    {
      name: 'outbox_sending_index',
      expression: `create index "outbox_sending_index" on "outbox" ("lease_until") where "status" = 'sending'`,
    },
  ],
});
