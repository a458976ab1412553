import { Migration } from '@mikro-orm/migrations';

/**
 * Links between tickets (NSO-8): a repeated request `repeats` the previous ticket and the
 * previous one is `repeated_by` it; one row per direction.
 */
export class Migration20261127000000TicketLinks extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "ticket_link" ("id" bigserial primary key, "tenant_id" varchar(255) not null, "ticket_id" uuid not null, "linked_ticket_id" uuid not null, "relation" text not null, "created_at" timestamptz not null)`);
    this.addSql(`create index "ticket_link_ticket_id_index" on "ticket_link" ("ticket_id")`);
    this.addSql(`alter table "ticket_link" add constraint "ticket_link_ticket_id_linked_ticket_id_relation_unique" unique ("ticket_id", "linked_ticket_id", "relation")`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "ticket_link" cascade`);
  }
}
