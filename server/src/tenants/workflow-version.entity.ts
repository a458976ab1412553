import { EntitySchema } from '@mikro-orm/core';

/** An immutable published workflow file. Tickets point at the version they started on. */
export interface WorkflowVersion {
  id: string;
  tenantId: string;
  version: number;
  source: string;
  sourceHash: string;
  fileName: string;
  createdAt: Date;
}

export const WorkflowVersionSchema = new EntitySchema<WorkflowVersion>({
  name: 'WorkflowVersion',
  tableName: 'workflow_version',
  properties: {
    id: { type: 'uuid', primary: true },
    tenantId: { type: 'string' },
    version: { type: 'integer' },
    source: { type: 'text' },
    sourceHash: { type: 'string' },
    fileName: { type: 'string' },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
  },
  uniques: [{ properties: ['tenantId', 'version'] }],
});
