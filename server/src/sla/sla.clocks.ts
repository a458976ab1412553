/**
 * SLA clocks (the workflow file's `sla:`), as pure functions of the clocks' definitions, the
 * ticket's deadlines so far, and one step of its machine. A clock starts (on creation or its
 * `start` condition), pauses while its `pause` condition holds, is met when its `stop`
 * condition holds, and falls due `target` after its start on the tenant's business calendar,
 * or 24/7 (a `24x7` clock, or a business clock for the priorities of `allHoursFor`, RBT-7).
 * A pause moves the due time by the time spent paused, counted on the clock's own calendar:
 * whole business days paused move it by as many business days (to the same working moment),
 * and the rest of the pause by as much working time.
 *
 * The engine stores the deadlines on the ticket row and arms one timer row per running clock
 * (key `sla:<name>`); when it fires, `breachClock` marks the breach once.
 */
import { addBusinessTime, businessDaysBetween, businessTimeBetween, parseBusinessDuration, type BusinessCalendar } from '../calendar/index.js';
import type { SlaClockDefinition, SlaCondition } from '../workflow/index.js';

export interface DeadlineState {
  kind: string;
  /** Counted 24/7 rather than in working time. */
  allHours: boolean;
  startedAt: number;
  dueAt: number;
  /** While paused: since when; `dueAt` is then the due time before the pause. */
  pausedAt: number | null;
  metAt: number | null;
  breached: boolean;
}

export interface ClockStep {
  /** The step's event type; `CREATE` for a new ticket. */
  event: string;
  /** The event's data (a clock may fall due at an instant it names, NSO-9). */
  data?: Record<string, unknown>;
  /** Every tag of the state after the step. */
  tags: readonly string[];
  priority: string | null;
  /** The organisation's service level (SIN-6) and its contract's own targets by clock (RBT-6). */
  serviceLevel?: string | null;
  contractTargets?: Record<string, string> | null;
  now: number;
}

export interface ClockChanges {
  deadlines: DeadlineState[];
  arm: Array<{ kind: string; key: string; dueAt: number }>;
  cancel: string[];
}

/** The event a breach timer carries; the engine handles it, the machine never sees it. */
export const breachEventType = 'sla.breach';
export const timerKeyOf = (kind: string) => `sla:${kind}`;

export function advanceClocks(
  clocks: Record<string, SlaClockDefinition>,
  current: readonly DeadlineState[],
  step: ClockStep,
  calendar: BusinessCalendar,
): ClockChanges {
  const changes: ClockChanges = { deadlines: [], arm: [], cancel: [] };
  for (const [kind, clock] of Object.entries(clocks)) {
    let deadline = current.find((d) => d.kind === kind) ?? null;
    // NSO-9: a new preliminary answer names a new date: the clock starts over at it.
    if (deadline && deadline.metAt === null && clock.dueAtFromEvent && startsOn(clock, step) && Number.isFinite(Date.parse(String(step.data?.[clock.dueAtFromEvent] ?? '')))) {
      changes.cancel.push(timerKeyOf(kind));
      deadline = null;
    }
    if (!deadline && startsOn(clock, step)) {
      deadline = startClock(kind, clock, step, calendar);
      changes.arm.push({ kind, key: timerKeyOf(kind), dueAt: deadline.dueAt });
    }
    if (deadline && deadline.metAt === null) deadline = moveClock(deadline, clock, step, calendar, changes);
    if (deadline) changes.deadlines.push(deadline);
  }
  return changes;
}

/** The clock's timer fired: a running, unmet clock is breached, once. */
export function breachClock(current: readonly DeadlineState[], kind: string, now: number): { deadlines: DeadlineState[]; breached: boolean } {
  let breached = false;
  const deadlines = current.map((d) => {
    if (d.kind !== kind || d.metAt !== null || d.pausedAt !== null || d.breached || d.dueAt > now) return d;
    breached = true;
    return { ...d, breached: true };
  });
  return { deadlines, breached };
}

function startsOn(clock: SlaClockDefinition, step: ClockStep): boolean {
  return clock.start ? matches(clock.start, step) : step.event === 'CREATE';
}

function matches(condition: SlaCondition, step: ClockStep): boolean {
  return Boolean(condition.events?.includes(step.event) || condition.tags?.some((tag) => step.tags.includes(tag)));
}

function startClock(kind: string, clock: SlaClockDefinition, step: ClockStep, calendar: BusinessCalendar): DeadlineState {
  const allHours = clock.calendar === '24x7' || Boolean(step.priority && clock.allHoursFor?.priorities?.includes(step.priority));
  const named = clock.dueAtFromEvent ? Date.parse(String(step.data?.[clock.dueAtFromEvent] ?? '')) : Number.NaN;
  if (Number.isFinite(named)) return { kind, allHours, startedAt: step.now, dueAt: named, pausedAt: null, metAt: null, breached: false };
  const target = targetOf(kind, clock, step);
  const elapsed = allHours ? elapsedMs(target) : null;
  const dueAt = elapsed !== null ? step.now + elapsed : addBusinessTime(calendar, step.now, target);
  return { kind, allHours, startedAt: step.now, dueAt, pausedAt: null, metAt: null, breached: false };
}

/** The contract's own target (RBT-6), else the priority's, else the service level's (SIN-6), else the clock's. */
function targetOf(kind: string, clock: SlaClockDefinition, step: ClockStep): string {
  return (
    step.contractTargets?.[kind] ||
    (step.priority && clock.targets?.[step.priority]) ||
    (step.serviceLevel && clock.serviceLevelTargets?.[step.serviceLevel]) ||
    clock.target
  );
}

function moveClock(deadline: DeadlineState, clock: SlaClockDefinition, step: ClockStep, calendar: BusinessCalendar, changes: ClockChanges): DeadlineState {
  const key = timerKeyOf(deadline.kind);
  if (matches(clock.stop, step)) {
    changes.cancel.push(key);
    return { ...deadline, metAt: step.now };
  }
  const pausing = clock.pause ? matches(clock.pause, step) : false;
  if (pausing && deadline.pausedAt === null) {
    changes.cancel.push(key);
    return { ...deadline, pausedAt: step.now };
  }
  if (!pausing && deadline.pausedAt !== null) {
    const dueAt = resumedDueAt(deadline, calendar, step.now);
    if (!deadline.breached) changes.arm.push({ kind: deadline.kind, key, dueAt });
    return { ...deadline, dueAt, pausedAt: null };
  }
  return deadline;
}

/** When a paused clock falls due if it resumes at `now`: its due time moved by the pause. */
export function resumedDueAt(deadline: DeadlineState, calendar: BusinessCalendar, now: number): number {
  const pausedAt = deadline.pausedAt ?? now;
  if (deadline.allHours) return deadline.dueAt + (now - pausedAt);
  const days = Math.max(0, businessDaysBetween(calendar, pausedAt, now));
  const rest = businessTimeBetween(calendar, days ? addBusinessTime(calendar, pausedAt, `${days}bd`) : pausedAt, now);
  const shifted = days ? addBusinessTime(calendar, deadline.dueAt, `${days}bd`) : deadline.dueAt;
  return rest > 0 ? addBusinessTime(calendar, shifted, { kind: 'working', ms: rest, expression: `${rest}ms` }) : shifted;
}

/**
 * A 24/7 clock counts business forms as elapsed time: 8bh is 8 hours, 2bd is 48 hours. An
 * end of business day has no 24/7 meaning (the loader refuses it on 24x7 clocks; a priority
 * of `allHoursFor` keeps the business calendar for it): null.
 */
function elapsedMs(target: string): number | null {
  const duration = parseBusinessDuration(target);
  if (duration.kind === 'calendar' || duration.kind === 'working') return duration.ms;
  if (duration.kind === 'businessDays') return duration.days * 24 * 3_600_000;
  return null;
}
