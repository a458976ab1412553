import { EntitySchema } from '@mikro-orm/core';
import { tenantFilter } from '../db/tenant-filter.js';
import type { DeadlineState } from '../sla/sla.clocks.js';

export type StatusCategory = 'new' | 'open' | 'waiting_customer' | 'resolved' | 'closed';

/** A ticket is a persisted XState snapshot plus the columns lists and filters need. */
export interface Ticket {
  id: string;
  tenantId: string;
  workflowVersionId: string;
  number: string;
  kind: string | null;
  priority: string | null;
  channel: string;
  audience: string | null;
  subject: string | null;
  state: string;
  statusCategory: StatusCategory;
  closeReason: string | null;
  fields: Record<string, unknown>;
  snapshot: Record<string, unknown>;
  /** SLA clocks of the workflow file, as the engine advanced them (sla/sla.clocks.ts). */
  deadlines: DeadlineState[];
  organizationId: string | null;
  requester: string | null;
  /** Place in the service order (`queue:` of the workflow); lower is served first. */
  queueRank?: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export const TicketSchema = new EntitySchema<Ticket>({
  name: 'Ticket',
  tableName: 'ticket',
  filters: { tenant: tenantFilter },
  properties: {
    id: { type: 'uuid', primary: true },
    tenantId: { type: 'string' },
    workflowVersionId: { type: 'uuid' },
    number: { type: 'string' },
    kind: { type: 'string', nullable: true },
    priority: { type: 'string', nullable: true },
    channel: { type: 'string' },
    audience: { type: 'string', nullable: true },
    subject: { type: 'text', nullable: true },
    state: { type: 'string' },
    statusCategory: { type: 'string' },
    closeReason: { type: 'string', nullable: true },
    fields: { type: 'json' },
    snapshot: { type: 'json' },
    deadlines: { type: 'json', default: "'[]'" },
    organizationId: { type: 'uuid', nullable: true },
    requester: { type: 'text', nullable: true },
    queueRank: { type: 'integer', default: 0 },
    version: { type: 'integer' },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
    updatedAt: { type: 'Date', columnType: 'timestamptz' },
  },
  uniques: [{ properties: ['tenantId', 'number'] }],
  indexes: [{ properties: ['tenantId', 'statusCategory'] }, { properties: ['createdAt'] }, { properties: ['tenantId', 'queueRank', 'createdAt'] }],
});
