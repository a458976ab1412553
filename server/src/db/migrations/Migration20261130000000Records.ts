import { Migration } from '@mikro-orm/migrations';

/**
 * Records of a desk beside its tickets (server/src/records): announcements of outages and
 * maintenance (NSO-1), logged phone calls (NSO-3) and notices of a changed responsible
 * person (SIN-11), which also gives an organisation its current contact person.
 */
export class Migration20261130000000Records extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "announcement" ("id" uuid not null, "tenant_id" varchar(255) not null, "kind" varchar(255) not null, "title" text not null, ` +
        `"body" text not null, "starts_at" timestamptz not null, "ends_at" timestamptz null, "created_at" timestamptz not null, ` +
        `"created_by" text not null, constraint "announcement_pkey" primary key ("id"))`,
    );
    this.addSql(`create index "announcement_tenant_id_starts_at_index" on "announcement" ("tenant_id", "starts_at")`);
    this.addSql(
      `create table "phone_call" ("id" uuid not null, "tenant_id" varchar(255) not null, "at" timestamptz not null, "caller_name" text null, ` +
        `"caller_phone" text null, "organization" text null, "summary" text not null, "outcome" varchar(255) not null, "ticket_id" uuid null, ` +
        `"agent" text not null, constraint "phone_call_pkey" primary key ("id"))`,
    );
    this.addSql(`create index "phone_call_tenant_id_at_index" on "phone_call" ("tenant_id", "at")`);
    this.addSql(`create index "phone_call_ticket_id_index" on "phone_call" ("ticket_id")`);
    this.addSql(
      `create table "contact_change" ("id" uuid not null, "tenant_id" varchar(255) not null, "organization_id" uuid not null, ` +
        `"side" varchar(255) not null, "previous_name" text null, "previous_email" text null, "new_name" text not null, "new_email" text not null, ` +
        `"new_phone" text null, "effective_from" timestamptz not null, "notice_to" text not null, "notice_sent_at" timestamptz not null, ` +
        `"created_at" timestamptz not null, "created_by" text not null, constraint "contact_change_pkey" primary key ("id"))`,
    );
    this.addSql(`create index "contact_change_tenant_id_organization_id_index" on "contact_change" ("tenant_id", "organization_id")`);
    this.addSql(`alter table "organization" add column "contact_name" text null, add column "contact_email" text null, add column "contact_phone" text null`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "organization" drop column "contact_name", drop column "contact_email", drop column "contact_phone"`);
    this.addSql(`drop table if exists "contact_change" cascade`);
    this.addSql(`drop table if exists "phone_call" cascade`);
    this.addSql(`drop table if exists "announcement" cascade`);
  }
}
