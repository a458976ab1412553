/**
 * Timers are rows (DESIGN principle 5): they follow the manual clock, fire in due order
 * through the same event path as a user's event, and survive restarts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { startChildServer } from '../support/child-server.js';
import { createTestDatabase } from '../support/database.js';
import { publishTimerDesk, resolvedTimerTicket, ticketState, timerEvents } from '../support/fixtures.js';

describe('timers under the manual clock', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
    await publishTimerDesk(t.admin);
  });
  afterAll(() => t?.stop());

  it('a delayed transition waits for its due time and fires once when the clock passes it', async () => {
    const id = await resolvedTimerTicket(t.admin);
    await t.admin.data(`mutation { advanceClock(by: "PT1H59M") }`);
    expect((await ticketState(t.admin, id)).statusCategory).toBe('resolved');
    await t.admin.data(`mutation { advanceClock(by: "PT1M") }`);
    const closed = await ticketState(t.admin, id);
    expect(closed).toMatchObject({ statusCategory: 'closed', closeReason: 'auto_closed' });
    expect(timerEvents(closed.history)).toEqual([expect.objectContaining({ actor: 'system' })]);
    await t.admin.data(`mutation { advanceClock(by: "P1D") }`);
    expect(timerEvents((await ticketState(t.admin, id)).history)).toHaveLength(1);
  });

  it('leaving the state cancels its timer', async () => {
    const id = await resolvedTimerTicket(t.admin);
    await t.admin.data(`mutation($id: ID!) { sendTicketEvent(ticketId: $id, type: "REOPEN") { id } }`, { id });
    await t.admin.data(`mutation { advanceClock(by: "PT3H") }`);
    const ticket = await ticketState(t.admin, id);
    expect(ticket.statusCategory).toBe('open');
    expect(timerEvents(ticket.history)).toEqual([]);
  });

  it('advanceClock fires timers in due order and counts a re-armed timer from when it was re-armed', async () => {
    const early = await resolvedTimerTicket(t.admin);
    await t.admin.data(`mutation { advanceClock(by: "PT1H") }`);
    const late = await resolvedTimerTicket(t.admin);
    const { advanceClock } = await t.admin.data(`mutation { advanceClock(by: "PT5H") }`);
    const closedAt = async (id: string) => {
      const { ticket } = await t.admin.data(`query($id: ID!) { ticket(id: $id) { history { event at } } }`, { id });
      return Date.parse(ticket.history.at(-1).at);
    };
    const [earlyAt, lateAt] = [await closedAt(early), await closedAt(late)];
    // Each closed at its own due instant, not at the end of the 5-hour jump.
    expect(lateAt - earlyAt).toBe(3600_000);
    expect(earlyAt).toBeLessThan(Date.parse(advanceClock));
  });
});

/** Live postgres processes whose command line names `dataDir` (zombies excluded). */
function postgresProcessesOf(dataDir: string): number[] {
  return fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        const state = /^State:\s+(\w)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
        return cmdline.includes('postgres') && cmdline.includes(dataDir) && state !== 'Z';
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('a timer that cannot fire', () => {
  it('is set aside as failed and does not block the timers due after it', async () => {
    const t = await startTestServer();
    try {
      await publishTimerDesk(t.admin);
      const broken = await resolvedTimerTicket(t.admin);
      await t.admin.data(`mutation { advanceClock(by: "PT1M") }`);
      const healthy = await resolvedTimerTicket(t.admin);
      // A snapshot no workflow can restore: the earlier timer's event will throw.
      await t.db.query(`update ticket set snapshot = '{}'::jsonb where id = $1`, [broken]);
      await t.admin.data(`mutation { advanceClock(by: "PT3H") }`);
      const { rows } = await t.db.query(`select ticket_id, status from timer where ticket_id = any($1::uuid[])`, [[broken, healthy]]);
      expect(Object.fromEntries(rows.map((r) => [r.ticket_id, r.status]))).toEqual({ [broken]: 'failed', [healthy]: 'fired' });
      expect((await ticketState(t.admin, healthy)).statusCategory).toBe('closed');
    } finally {
      await t.stop();
    }
  });
});

describe('timers across restarts', () => {
  const clock = { CLOCK: 'manual', CLOCK_START: '2026-11-23T03:00:00Z' };

  it('a pending timer fires once after a graceful restart (SIGTERM), on a DATABASE_URL server', async () => {
    const env = { ...clock, DATABASE_URL: await createTestDatabase() };
    const first = await startChildServer(env);
    await publishTimerDesk(first.admin);
    const id = await resolvedTimerTicket(first.admin);
    expect(await first.kill('SIGTERM')).toBe(0);

    const second = await startChildServer(env);
    try {
      await second.admin.data(`mutation { advanceClock(by: "PT3H") }`);
      const ticket = await ticketState(second.admin, id);
      expect(ticket.statusCategory).toBe('closed');
      expect(timerEvents(ticket.history)).toHaveLength(1);
    } finally {
      expect(await second.kill('SIGINT')).toBe(0);
    }
  });

  it('SIGTERM stops the server and its embedded PostgreSQL, leaving no postgres process behind', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reglament-term-'));
    fs.chmodSync(dataDir, 0o755);
    try {
      const server = await startChildServer({ ...clock, DATA_DIR: dataDir });
      const started = performance.now();
      expect(await server.kill('SIGTERM')).toBe(0);
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(postgresProcessesOf(dataDir)).toEqual([]);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a pending timer fires once after SIGKILL, with the embedded PostgreSQL recovered by itself', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reglament-kill-'));
    fs.chmodSync(dataDir, 0o755);
    const env = { ...clock, DATA_DIR: dataDir };
    try {
      const first = await startChildServer(env);
      await publishTimerDesk(first.admin);
      const id = await resolvedTimerTicket(first.admin);
      await first.kill('SIGKILL');

      const second = await startChildServer(env);
      try {
        await second.admin.data(`mutation { advanceClock(by: "PT3H") }`);
        const ticket = await ticketState(second.admin, id);
        expect(ticket).toMatchObject({ statusCategory: 'closed', closeReason: 'auto_closed' });
        expect(timerEvents(ticket.history)).toHaveLength(1);
      } finally {
        expect(await second.kill('SIGTERM')).toBe(0);
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
