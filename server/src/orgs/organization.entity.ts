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
    createdAt: { type: 'Date', columnType: 'timestamptz' },
  },
  indexes: [{ properties: ['tenantId', 'inn'] }],
});
