import { Migration } from '@mikro-orm/migrations';

/** Rate limits shared by every server instance: one row per admitted attempt in the window. */
export class Migration20261202000000SharedRateLimits extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "rate_limit_hit" ("id" bigserial primary key, "scope" text not null, "key" text not null, "at" timestamptz not null)`);
    this.addSql(`create index "rate_limit_hit_scope_key_at_index" on "rate_limit_hit" ("scope", "key", "at")`);
  }
}
