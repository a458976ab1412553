import { EntitySchema } from '@mikro-orm/core';
import { tenantFilter } from '../db/tenant-filter.js';

/** A personal link to one ticket (`/portal/t/<token>`); only the secret's SHA-256 is kept. */
export interface RequesterToken {
  id: string;
  tenantId: string;
  ticketId: string;
  tokenHash: string;
  createdAt: Date;
  revokedAt: Date | null;
}

export const RequesterTokenSchema = new EntitySchema<RequesterToken>({
  name: 'RequesterToken',
  tableName: 'requester_token',
  filters: { tenant: tenantFilter },
  properties: {
    id: { type: 'uuid', primary: true, defaultRaw: 'gen_random_uuid()' },
    tenantId: { type: 'string' },
    ticketId: { type: 'uuid' },
    tokenHash: { type: 'string', length: 64, unique: true },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
    revokedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
  },
  indexes: [{ properties: ['ticketId'] }],
});

/** A web request the portal refused, with why: nothing a person sent is silently dropped. */
export interface RefusedRequest {
  id: string;
  tenantId: string | null;
  sender: string | null;
  client: string | null;
  reason: string;
  payload: Record<string, unknown>;
  at: Date;
}

export const RefusedRequestSchema = new EntitySchema<RefusedRequest>({
  name: 'RefusedRequest',
  tableName: 'refused_request',
  properties: {
    id: { type: 'uuid', primary: true, defaultRaw: 'gen_random_uuid()' },
    tenantId: { type: 'string', nullable: true },
    sender: { type: 'text', nullable: true },
    client: { type: 'text', nullable: true },
    reason: { type: 'text' },
    payload: { type: 'json' },
    at: { type: 'Date', columnType: 'timestamptz' },
  },
});
