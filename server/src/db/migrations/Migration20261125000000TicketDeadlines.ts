import { Migration } from '@mikro-orm/migrations';

/** SLA deadlines live on the ticket row: the engine reads and writes them under the row lock. */
export class Migration20261125000000TicketDeadlines extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "ticket" add column "deadlines" jsonb not null default '[]'`);
  }
}
