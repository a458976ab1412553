import { EntitySchema } from '@mikro-orm/core';
import { tenantFilter } from '../db/tenant-filter.js';

export const phoneCallOutcomes = ['consultation', 'ticket'] as const;
export type PhoneCallOutcome = (typeof phoneCallOutcomes)[number];

/**
 * NSO-3: a phone call an agent took. Most calls end as a short consultation; one that needs
 * work becomes a ticket (`outcome: ticket`, `ticketId`). The caller's details are what the
 * agent could note: a consultation is logged even when the caller gave no name.
 */
export interface PhoneCall {
  id: string;
  tenantId: string;
  /** When the call took place (the agent may log it afterwards). */
  at: Date;
  callerName: string | null;
  callerPhone: string | null;
  organization: string | null;
  summary: string;
  outcome: PhoneCallOutcome;
  ticketId: string | null;
  /** The actor string of the agent who logged the call. */
  agent: string;
}

export const PhoneCallSchema = new EntitySchema<PhoneCall>({
  name: 'PhoneCall',
  tableName: 'phone_call',
  filters: { tenant: tenantFilter },
  properties: {
    id: { type: 'uuid', primary: true },
    tenantId: { type: 'string' },
    at: { type: 'Date', columnType: 'timestamptz' },
    callerName: { type: 'text', nullable: true },
    callerPhone: { type: 'text', nullable: true },
    organization: { type: 'text', nullable: true },
    summary: { type: 'text' },
    outcome: { type: 'string' },
    ticketId: { type: 'uuid', nullable: true },
    agent: { type: 'text' },
  },
  indexes: [{ properties: ['tenantId', 'at'] }, { properties: ['ticketId'] }],
});
