import { Migration } from '@mikro-orm/migrations';

/** The first schema: tenants and workflow versions, tickets with history, messages, timers,
 * outbox, users, sessions, API tokens, organisations, numbering counters, the manual clock. */
export class Migration20261121000000Initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "api_token" ("id" uuid not null, "name" varchar(255) not null, "token_hash" varchar(255) not null, "tenant_ids" text[] not null, "created_at" timestamptz not null, "revoked_at" timestamptz null, constraint "api_token_pkey" primary key ("id"))`);
    this.addSql(`alter table "api_token" add constraint "api_token_token_hash_unique" unique ("token_hash")`);
    this.addSql(`create table "clock_state" ("id" int not null, "start_param" varchar(255) not null, "now" timestamptz not null, constraint "clock_state_pkey" primary key ("id"))`);
    this.addSql(`create table "message" ("id" bigserial primary key, "tenant_id" varchar(255) not null, "ticket_id" uuid not null, "direction" varchar(255) not null, "channel" varchar(255) not null, "sender" varchar(255) null, "recipient" varchar(255) null, "subject" text null, "body" text not null, "at" timestamptz not null)`);
    this.addSql(`create index "message_ticket_id_index" on "message" ("ticket_id")`);
    this.addSql(`create table "organization" ("id" uuid not null, "tenant_id" varchar(255) not null, "name" varchar(255) not null, "inn" varchar(255) null, "service_level" varchar(255) null, "contract_from" date null, "contract_until" date null, "created_at" timestamptz not null, constraint "organization_pkey" primary key ("id"))`);
    this.addSql(`create index "organization_tenant_id_inn_index" on "organization" ("tenant_id", "inn")`);
    this.addSql(`create table "outbox" ("id" bigserial primary key, "tenant_id" varchar(255) not null, "ticket_id" uuid null, "kind" varchar(255) not null, "recipient" varchar(255) not null, "subject" text not null, "body" text not null, "status" varchar(255) not null, "attempts" int not null, "last_error" text null, "created_at" timestamptz not null, "delivered_at" timestamptz null)`);
    this.addSql(`create index "outbox_ticket_id_index" on "outbox" ("ticket_id")`);
    this.addSql(`create index "outbox_pending_index" on "outbox" ("id") where "status" = 'pending'`);
    this.addSql(`create table "session" ("token_hash" varchar(255) not null, "user_id" uuid not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, constraint "session_pkey" primary key ("token_hash"))`);
    this.addSql(`create table "tenant" ("id" varchar(255) not null, "title" varchar(255) not null, "timezone" varchar(255) not null, "current_workflow_version_id" uuid not null, "created_at" timestamptz not null, constraint "tenant_pkey" primary key ("id"))`);
    this.addSql(`create table "ticket" ("id" uuid not null, "tenant_id" varchar(255) not null, "workflow_version_id" uuid not null, "number" varchar(255) not null, "kind" varchar(255) null, "priority" varchar(255) null, "channel" varchar(255) not null, "audience" varchar(255) null, "subject" text null, "state" varchar(255) not null, "status_category" varchar(255) not null, "close_reason" varchar(255) null, "fields" jsonb not null, "snapshot" jsonb not null, "organization_id" uuid null, "requester" varchar(255) null, "version" int not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "ticket_pkey" primary key ("id"))`);
    this.addSql(`create index "ticket_tenant_id_status_category_index" on "ticket" ("tenant_id", "status_category")`);
    this.addSql(`create index "ticket_created_at_index" on "ticket" ("created_at")`);
    this.addSql(`alter table "ticket" add constraint "ticket_tenant_id_number_unique" unique ("tenant_id", "number")`);
    this.addSql(`create table "ticket_counter" ("tenant_id" varchar(255) not null, "scope" varchar(255) not null, "value" int not null, constraint "ticket_counter_pkey" primary key ("tenant_id", "scope"))`);
    this.addSql(`create table "ticket_history" ("id" bigserial primary key, "tenant_id" varchar(255) not null, "ticket_id" uuid not null, "version" int not null, "event" varchar(255) not null, "data" jsonb null, "from_state" varchar(255) null, "to_state" varchar(255) not null, "actor" varchar(255) not null, "at" timestamptz not null)`);
    this.addSql(`create index "ticket_history_ticket_id_version_index" on "ticket_history" ("ticket_id", "version")`);
    this.addSql(`create table "timer" ("id" bigserial primary key, "tenant_id" varchar(255) not null, "ticket_id" uuid not null, "key" varchar(255) not null, "event" jsonb not null, "due_at" timestamptz not null, "status" varchar(255) not null, "created_at" timestamptz not null, "fired_at" timestamptz null)`);
    this.addSql(`create index "timer_ticket_id_index" on "timer" ("ticket_id")`);
    this.addSql(`create index "timer_pending_due_index" on "timer" ("due_at") where "status" = 'pending'`);
    this.addSql(`create table "app_user" ("id" uuid not null, "email" varchar(255) not null, "password_hash" varchar(255) not null, "role" varchar(255) not null, "tenant_ids" text[] not null, "created_at" timestamptz not null, constraint "app_user_pkey" primary key ("id"))`);
    this.addSql(`alter table "app_user" add constraint "app_user_email_unique" unique ("email")`);
    this.addSql(`create table "workflow_version" ("id" uuid not null, "tenant_id" varchar(255) not null, "version" int not null, "source" text not null, "source_hash" varchar(255) not null, "file_name" varchar(255) not null, "created_at" timestamptz not null, constraint "workflow_version_pkey" primary key ("id"))`);
    this.addSql(`alter table "workflow_version" add constraint "workflow_version_tenant_id_version_unique" unique ("tenant_id", "version")`);
  }
}
