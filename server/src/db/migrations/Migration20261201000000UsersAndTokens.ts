import { Migration } from '@mikro-orm/migrations';

/**
 * Users and API tokens managed by an admin: a user can be disabled (its sessions, found by
 * user, are deleted), and a token's list entry says when it was last used.
 */
export class Migration20261201000000UsersAndTokens extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "api_token" add column "last_used_at" timestamptz null`);
    this.addSql(`create index "session_user_id_index" on "session" ("user_id")`);
    this.addSql(`alter table "app_user" add column "disabled" boolean not null default false`);
  }
}
