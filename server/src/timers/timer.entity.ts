import { BigIntType, EntitySchema } from '@mikro-orm/core';

/** `failed`: its event threw (see the server log); set aside so later timers still fire. */
export type TimerStatus = 'pending' | 'fired' | 'cancelled' | 'failed';

/**
 * A delayed event of a ticket (an XState `after`, an SLA deadline) as a row with its due
 * instant: XState does not restore pending delays from a persisted snapshot, and rows survive
 * restarts and are claimed by exactly one server instance.
 */
export interface Timer {
  id: string;
  tenantId: string;
  ticketId: string;
  /** The id XState gave the delayed event; a `cancel` of that id cancels the row. */
  key: string;
  event: Record<string, unknown>;
  dueAt: Date;
  status: TimerStatus;
  createdAt: Date;
  firedAt: Date | null;
}

export const TimerSchema = new EntitySchema<Timer>({
  name: 'Timer',
  tableName: 'timer',
  properties: {
    // As text: a JS bigint cannot travel as a GraphQL ID (or JSON).
    id: { type: new BigIntType('string'), primary: true, autoincrement: true },
    tenantId: { type: 'string' },
    ticketId: { type: 'uuid' },
    key: { type: 'string' },
    event: { type: 'json' },
    dueAt: { type: 'Date', columnType: 'timestamptz' },
    status: { type: 'string' },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
    firedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
  },
  indexes: [
    { properties: ['ticketId'] },
    // The scheduler only ever looks for pending rows by due time; fired rows stay for audit.
    {
      name: 'timer_pending_due_index',
      expression: `create index "timer_pending_due_index" on "timer" ("due_at") where "status" = 'pending'`,
    },
  ],
});
