import { EntitySchema } from '@mikro-orm/core';

/** One admitted attempt counted by a shared rate limit (shared-rate-limit.ts). */
export interface RateLimitHit {
  id: string;
  /** Which limit: `smtp-sender`, `portal-address`, `portal-client`. */
  scope: string;
  /** Whom it counts: a sender address, a network address (lower case). */
  key: string;
  at: Date;
}

export const RateLimitHitSchema = new EntitySchema<RateLimitHit>({
  name: 'RateLimitHit',
  tableName: 'rate_limit_hit',
  properties: {
    id: { type: 'bigint', primary: true, autoincrement: true },
    scope: { type: 'text' },
    key: { type: 'text' },
    at: { type: 'Date', columnType: 'timestamptz' },
  },
  indexes: [{ properties: ['scope', 'key', 'at'] }],
});
