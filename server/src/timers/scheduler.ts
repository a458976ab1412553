/**
 * Fires due timer rows (DESIGN principle 5). Each row is claimed with FOR UPDATE SKIP
 * LOCKED inside the transaction that applies its event, so with several server instances a
 * row fires exactly once, and a crash before commit leaves it pending for the next claim.
 * Rows fire one at a time in due order, so a chain of timers plays out as time would.
 */
import type { Clock } from '../clock/clock.js';
import type { TicketService } from '../tickets/ticket.service.js';
import { withTransaction, type PgPool } from '../db/pg-pool.js';

interface ClaimedTimer {
  id: string;
  ticket_id: string;
  event: { type: string; data?: Record<string, unknown> };
  due_at: Date;
}

export class TimerScheduler {
  #interval: NodeJS.Timeout | null = null;
  #running: Promise<number> | null = null;

  constructor(
    private readonly pool: PgPool,
    private readonly clock: Clock,
    private readonly tickets: TicketService,
    private readonly log: (line: string) => void,
  ) {}

  start(intervalMs: number): void {
    this.#interval = setInterval(() => void this.fireDue().catch((e) => this.log(`scheduler: ${String(e)}`)), intervalMs);
    this.#interval.unref();
  }

  async stop(): Promise<void> {
    if (this.#interval) clearInterval(this.#interval);
    this.#interval = null;
    await this.#running?.catch(() => undefined);
  }

  /**
   * Fires every timer due by `until` (default: now), earliest first. `beforeFire` lets the
   * manual clock step to each timer's due instant, so what a timer schedules is counted
   * from when it fired, not from the end of the jump. Returns how many fired.
   */
  async fireDue(until?: Date, beforeFire?: (dueAt: Date) => void): Promise<number> {
    // One sweep per instance at a time; a second caller waits for it and sweeps again.
    while (this.#running) await this.#running.catch(() => undefined);
    const run = this.#sweep(until, beforeFire);
    this.#running = run;
    try {
      return await run;
    } finally {
      this.#running = null;
    }
  }

  async #sweep(until: Date | undefined, beforeFire?: (dueAt: Date) => void): Promise<number> {
    let fired = 0;
    for (;;) {
      const limit = until ?? this.clock.now();
      const done = await withTransaction(this.pool, async (client) => {
        const { rows } = await client.query<ClaimedTimer>(
          `select id, ticket_id, event, due_at from timer
           where status = 'pending' and due_at <= $1
           order by due_at, id limit 1 for update skip locked`,
          [limit],
        );
        const timer = rows[0];
        if (!timer) return true;
        beforeFire?.(new Date(timer.due_at));
        // A timer whose event fails (a workflow bug) is set aside as failed, so it cannot
        // block every timer due after it.
        await client.query('savepoint fire');
        let status = 'fired';
        try {
          await this.tickets.applyTimerEvent(client, timer.ticket_id, timer.event);
        } catch (error) {
          await client.query('rollback to savepoint fire');
          status = 'failed';
          this.log(`timer ${timer.id} of ticket ${timer.ticket_id} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
        await client.query(`update timer set status = $1, fired_at = $2 where id = $3`, [status, this.clock.now(), timer.id]);
        return false;
      });
      if (done) return fired;
      fired++;
    }
  }
}
