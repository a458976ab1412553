import { Migration } from '@mikro-orm/migrations';

/**
 * Mail as bytes and its attachments. `inbound_mail.raw_bytes` keeps the exact message when
 * its text form cannot (not UTF-8, or a NUL byte); `attachment` keeps the files a mail
 * brought, or why one was not kept (a size limit), for the ticket it went to. Columns that
 * take a stranger's address become text: `requester:` and a 254-character address do not
 * fit in 255.
 */
export class Migration20261129000000MailAttachments extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "inbound_mail" add column "raw_bytes" bytea null`);
    this.addSql(`alter table "ticket_history" alter column "actor" type text`);
    this.addSql(`alter table "ticket" alter column "requester" type text`);
    this.addSql(`alter table "message" alter column "sender" type text, alter column "recipient" type text`);
    this.addSql(`alter table "outbox" alter column "recipient" type text`);
    this.addSql(
      `create table "attachment" ("id" uuid not null, "tenant_id" varchar(255) not null, "ticket_id" uuid null, "inbound_mail_id" uuid null, ` +
        `"filename" text not null, "content_type" text not null, "size" int not null, "field" varchar(255) not null, "content" bytea null, ` +
        `"skipped_reason" text null, "created_at" timestamptz not null, constraint "attachment_pkey" primary key ("id"))`,
    );
    this.addSql(`create index "attachment_ticket_id_index" on "attachment" ("ticket_id")`);
    this.addSql(`create index "attachment_inbound_mail_id_index" on "attachment" ("inbound_mail_id")`);
  }
}
