/**
 * The product's clock as a service: which clock runs, and `advanceClock` for the manual one.
 * The manual time is kept in the database and announced with NOTIFY, so a restarted server
 * and every other instance continue from the same "now".
 */
import type { Orm } from '../db/orm.js';
import { ManualClock, SystemClock, parseIsoDuration, type Clock } from './clock.js';
import { ClockStateSchema } from './clock-state.entity.js';
import { AppError, badInput, forbidden } from '../graphql/errors.js';
import type { TimerScheduler } from '../timers/scheduler.js';

export const clockChannel = 'clock_advanced';

export function createClock(config: { mode: 'system' } | { mode: 'manual'; start: Date | null }): Clock {
  return config.mode === 'manual' ? new ManualClock(config.start ?? new Date()) : new SystemClock();
}

/**
 * Picks up the stored manual time when it continues the same CLOCK_START (a restart, a
 * second instance); a different CLOCK_START starts over from it.
 */
export async function restoreManualClock(orm: Orm, clock: Clock, startParam: string): Promise<void> {
  if (!(clock instanceof ManualClock)) return;
  const em = orm.em.fork();
  const state = await em.findOne(ClockStateSchema, { id: 1 });
  if (state && state.startParam === startParam) {
    clock.set(state.now);
    return;
  }
  await em.upsert(ClockStateSchema, { id: 1, startParam, now: clock.now() });
}

export class ClockService {
  constructor(
    private readonly orm: Orm,
    readonly clock: Clock,
    private readonly scheduler: TimerScheduler,
  ) {}

  async advance(by: string): Promise<Date> {
    if (!(this.clock instanceof ManualClock)) throw forbidden('advanceClock works only with CLOCK=manual');
    const ms = parseIsoDuration(by);
    if (ms === null) throw badInput(`"${by}" is not an ISO-8601 duration such as PT1H or P3D`, ['by']);
    if (ms < 0) throw new AppError('BAD_USER_INPUT', 'the clock only moves forward', { fields: ['by'] });
    const clock = this.clock;
    const target = new Date(clock.now().getTime() + ms);
    await this.scheduler.fireDue(target, (dueAt) => clock.set(dueAt));
    clock.set(target);
    const em = this.orm.em.fork();
    await em.execute('update clock_state set now = greatest(now, ?) where id = 1', [target]);
    await em.execute('select pg_notify(?, ?)', [clockChannel, target.toISOString()]);
    return clock.now();
  }

  /** Another instance moved the manual clock. */
  onRemoteAdvance(iso: string): void {
    if (this.clock instanceof ManualClock) this.clock.set(new Date(iso));
  }
}
