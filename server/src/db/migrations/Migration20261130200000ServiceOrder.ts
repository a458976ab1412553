import { Migration } from '@mikro-orm/migrations';

/**
 * The service order and contracts of issue 5: `ticket.queue_rank` is the ticket's place by
 * its workflow's `queue:` criteria (RBT-8, SIN-6), fixed at registration, so `sortField:
 * "queue"` is an index scan; `organization.sla_targets` holds a contract's own SLA targets
 * by clock (RBT-6).
 */
export class Migration20261130200000ServiceOrder extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "ticket" add column "queue_rank" int not null default 0`);
    this.addSql(`create index "ticket_tenant_id_queue_rank_created_at_index" on "ticket" ("tenant_id", "queue_rank", "created_at")`);
    this.addSql(`alter table "organization" add column "sla_targets" jsonb null`);
  }
}
