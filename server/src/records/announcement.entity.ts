import { EntitySchema } from '@mikro-orm/core';
import { tenantFilter } from '../db/tenant-filter.js';

export const announcementKinds = ['outage', 'maintenance'] as const;
export type AnnouncementKind = (typeof announcementKinds)[number];

/**
 * NSO-1: an outage or a scheduled maintenance, announced to requesters for a time window.
 * `endsAt` null: until further notice (an outage whose end nobody can promise yet).
 */
export interface Announcement {
  id: string;
  tenantId: string;
  kind: AnnouncementKind;
  title: string;
  body: string;
  startsAt: Date;
  endsAt: Date | null;
  createdAt: Date;
  /** The actor string of whoever announced it (`agent:…`); never shown to the public. */
  createdBy: string;
}

export const AnnouncementSchema = new EntitySchema<Announcement>({
  name: 'Announcement',
  tableName: 'announcement',
  filters: { tenant: tenantFilter },
  properties: {
    id: { type: 'uuid', primary: true },
    tenantId: { type: 'string' },
    kind: { type: 'string' },
    title: { type: 'text' },
    body: { type: 'text' },
    startsAt: { type: 'Date', columnType: 'timestamptz' },
    endsAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
    createdBy: { type: 'text' },
  },
  // The portal asks "what of this tenant has not ended yet", ordered by start.
  indexes: [{ properties: ['tenantId', 'startsAt'] }],
});
