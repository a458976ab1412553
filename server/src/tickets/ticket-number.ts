/**
 * Ticket numbers in the format of the tenant's workflow file. The counter is one atomic
 * upsert per tenant and scope (a day, a year, or for ever), so concurrent creates never get
 * the same number; the row lock it takes lasts until the creating transaction commits.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { counterScope, renderNumber, type NumberingSpec } from '../workflow/index.js';
import { localDateIn } from '../clock/zones.js';

export async function nextTicketNumber(
  tx: EntityManager,
  tenantId: string,
  numbering: NumberingSpec,
  timezone: string,
  now: Date,
): Promise<string> {
  const localDate = localDateIn(timezone, now);
  const scope = counterScope(numbering, localDate);
  const [row] = await tx.execute<{ value: number }[]>(
    `insert into ticket_counter (tenant_id, scope, value) values (?, ?, 1)
     on conflict (tenant_id, scope) do update set value = ticket_counter.value + 1
     returning value`,
    [tenantId, scope],
  );
  return renderNumber(numbering, localDate, row!.value);
}
