import { Migration } from '@mikro-orm/migrations';

/** Mail intake: every received message, raw, with what became of it (DESIGN principle 1). */
export class Migration20261124000000InboundMail extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "inbound_mail" ("id" uuid not null, "raw" text not null, "received_at" timestamptz not null, "status" varchar(255) not null, "reason" text null, "tenant_id" varchar(255) null, "ticket_id" uuid null, "message_id" text null, "sender" text null, "recipient" text null, "subject" text null, constraint "inbound_mail_pkey" primary key ("id"))`);
    this.addSql(`create index "inbound_mail_tenant_id_received_at_index" on "inbound_mail" ("tenant_id", "received_at")`);
    this.addSql(`create index "inbound_mail_message_id_index" on "inbound_mail" ("message_id")`);
    this.addSql(`create index "inbound_mail_ticket_id_index" on "inbound_mail" ("ticket_id")`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "inbound_mail" cascade`);
  }
}
