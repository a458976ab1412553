import { EntitySchema } from '@mikro-orm/core';
import { tenantFilter } from '../db/tenant-filter.js';

export const contactSides = ['customer', 'contractor'] as const;
export type ContactSide = (typeof contactSides)[number];

/**
 * SIN-11: the responsible person of one side of an organisation's support changes on
 * `effectiveFrom`, and the other side was told in advance. `side` is whose person changes:
 * the customer's (the organisation's contact) or the contractor's (the desk's person for
 * that organisation). The previous person is kept here, since the organisation's record
 * shows only the current one.
 */
export interface ContactChange {
  id: string;
  tenantId: string;
  organizationId: string;
  side: ContactSide;
  previousName: string | null;
  previousEmail: string | null;
  newName: string;
  newEmail: string;
  newPhone: string | null;
  effectiveFrom: Date;
  /** Where the notice went: the other side's address. */
  noticeTo: string;
  /** When the notice was written to the outbox; the outbox worker delivers it. */
  noticeSentAt: Date;
  createdAt: Date;
  createdBy: string;
}

export const ContactChangeSchema = new EntitySchema<ContactChange>({
  name: 'ContactChange',
  tableName: 'contact_change',
  filters: { tenant: tenantFilter },
  properties: {
    id: { type: 'uuid', primary: true },
    tenantId: { type: 'string' },
    organizationId: { type: 'uuid' },
    side: { type: 'string' },
    previousName: { type: 'text', nullable: true },
    previousEmail: { type: 'text', nullable: true },
    newName: { type: 'text' },
    newEmail: { type: 'text' },
    newPhone: { type: 'text', nullable: true },
    effectiveFrom: { type: 'Date', columnType: 'timestamptz' },
    noticeTo: { type: 'text' },
    noticeSentAt: { type: 'Date', columnType: 'timestamptz' },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
    createdBy: { type: 'text' },
  },
  indexes: [{ properties: ['tenantId', 'organizationId'] }],
});
