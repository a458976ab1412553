import { EntitySchema } from '@mikro-orm/core';

/** A support desk. Created by the first published workflow file of its id. */
export interface Tenant {
  id: string;
  title: string;
  timezone: string;
  currentWorkflowVersionId: string;
  createdAt: Date;
}

export const TenantSchema = new EntitySchema<Tenant>({
  name: 'Tenant',
  tableName: 'tenant',
  properties: {
    id: { type: 'string', primary: true },
    title: { type: 'string' },
    timezone: { type: 'string' },
    currentWorkflowVersionId: { type: 'uuid' },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
  },
});
