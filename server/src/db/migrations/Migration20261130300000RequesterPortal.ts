import { Migration } from '@mikro-orm/migrations';

/**
 * The requester's side (CONTRACT "The requester's side"): personal links to one ticket,
 * stored as SHA-256 of a random secret and revocable by an agent; and web requests the
 * portal refused (rate limit, honeypot, a tenant without a web form), kept with the reason.
 */
export class Migration20261130300000RequesterPortal extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "requester_token" ("id" uuid not null default gen_random_uuid(), "tenant_id" varchar(255) not null, "ticket_id" uuid not null, ` +
        `"token_hash" varchar(64) not null, "created_at" timestamptz not null, "revoked_at" timestamptz null, constraint "requester_token_pkey" primary key ("id"))`,
    );
    this.addSql(`create unique index "requester_token_token_hash_unique" on "requester_token" ("token_hash")`);
    this.addSql(`create index "requester_token_ticket_id_index" on "requester_token" ("ticket_id")`);
    this.addSql(
      `create table "refused_request" ("id" uuid not null default gen_random_uuid(), "tenant_id" varchar(255) null, "sender" text null, "client" text null, ` +
        `"reason" text not null, "payload" jsonb not null, "at" timestamptz not null, constraint "refused_request_pkey" primary key ("id"))`,
    );
  }
}
