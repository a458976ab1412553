import { EntitySchema } from '@mikro-orm/core';
import { tenantFilter } from '../db/tenant-filter.js';

/** A customer organisation of a tenant, with its service level and contract period. */
export interface Organization {
  id: string;
  tenantId: string;
  name: string;
  inn: string | null;
  serviceLevel: string | null;
  contractFrom: string | null;
  contractUntil: string | null;
  /** RBT-6: the contract's own SLA targets by clock name (e.g. { resolution: '7bd' }). */
  slaTargets: Record<string, string> | null;
  /** The customer's responsible person (SIN-11 tells the desk when they change). */
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  createdAt: Date;
}

export const OrganizationSchema = new EntitySchema<Organization>({
  name: 'Organization',
  tableName: 'organization',
  filters: { tenant: tenantFilter },
  properties: {
    id: { type: 'uuid', primary: true },
    tenantId: { type: 'string' },
    name: { type: 'string' },
    inn: { type: 'string', nullable: true },
    serviceLevel: { type: 'string', nullable: true },
    contractFrom: { type: 'date', nullable: true },
    contractUntil: { type: 'date', nullable: true },
    slaTargets: { type: 'json', nullable: true },
    contactName: { type: 'text', nullable: true },
    contactEmail: { type: 'text', nullable: true },
    contactPhone: { type: 'text', nullable: true },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
  },
  indexes: [{ properties: ['tenantId', 'inn'] }],
});
