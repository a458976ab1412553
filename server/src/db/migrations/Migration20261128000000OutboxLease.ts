import { Migration } from '@mikro-orm/migrations';

/**
 * Outbox leases (mail/outbox.worker.ts): a row being sent is `sending` until `lease_until`
 * (wall time); a lease that runs out means its worker died mid-send.
 */
export class Migration20261128000000OutboxLease extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "outbox" add column "lease_until" timestamptz null`);
    this.addSql(`create index "outbox_sending_index" on "outbox" ("lease_until") where "status" = 'sending'`);
  }
}
