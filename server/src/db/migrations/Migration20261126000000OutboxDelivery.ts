import { Migration } from '@mikro-orm/migrations';

/**
 * Outbox delivery retries: a letter the relay refused waits until `next_attempt_at` (wall
 * time, see mail/outbox.worker.ts) before the next try; null means "as soon as possible".
 */
export class Migration20261126000000OutboxDelivery extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "outbox" add column "next_attempt_at" timestamptz null`);
  }
}
