import { describe, expect, it } from 'vitest';
import {
  BusinessTimeUnavailableError,
  isTimerEventType,
  SnapshotRestoreError,
  UnknownKindError,
  WorkflowArgumentError,
  WorkflowError,
  type CompiledWorkflow,
  type PersistedTicketSnapshot,
} from '../../server/src/workflow/index.js';
import { compile, readFixture, replaceOnce } from './workflow.helpers.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const source = readFixture('timers.yaml');
const complete = { description: 'it breaks', steps: '1. open 2. click' };

function step(workflow: CompiledWorkflow, snapshot: PersistedTicketSnapshot, type: string, data?: Record<string, unknown>) {
  return workflow.applyEvent(snapshot, { type, data });
}

describe('compiled workflow', () => {
  const workflow = compile(source);
  const created = workflow.initialSnapshot({ fields: complete, kind: 'bug' });

  it('starts a ticket in the initial state with the ticket context and the file context', () => {
    expect(workflow.stateName(created.snapshot)).toBe('new');
    expect(created.snapshot.context).toEqual({ fields: complete, kind: 'bug', closeReason: null, organization: null, escalations: 0 });
    expect(created.changed).toBe(true);
  });

  it('returns effects as data with their params instead of executing them', () => {
    expect(created.effects).toEqual([{ type: 'notify', params: { template: 'registered' } }]);
  });

  it('returns a snapshot that is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(created.snapshot))).toEqual(created.snapshot);
    expect(created.snapshot).toMatchObject({ status: 'active', value: 'new' });
  });

  it('refuses a request kind the file does not declare', () => {
    expect(() => workflow.initialSnapshot({ fields: {}, kind: 'feature' })).toThrow(UnknownKindError);
  });

  it('lists the declared event types', () => {
    expect(workflow.eventTypes).toEqual(['TAKE', 'REQUEST_INFO', 'PROVIDE_INFO', 'NOTE', 'RESOLVE', 'REOPEN', 'CLOSE']);
  });

  describe('availableEvents respects guards', () => {
    it('offers TAKE but not REQUEST_INFO when the required fields are there', () => {
      expect(workflow.availableEvents(created.snapshot)).toEqual(['TAKE', 'CLOSE']);
    });

    it('offers REQUEST_INFO but not TAKE when a required field is missing', () => {
      const incomplete = workflow.initialSnapshot({ fields: { description: 'it breaks' }, kind: 'bug' });
      expect(workflow.missingFields(incomplete.snapshot)).toEqual(['steps']);
      expect(workflow.availableEvents(incomplete.snapshot)).toEqual(['REQUEST_INFO', 'CLOSE']);
    });

    it('counts a blank string or an empty list as missing', () => {
      const blank = workflow.initialSnapshot({ fields: { description: '  ', steps: [] }, kind: 'bug' });
      expect(workflow.missingFields(blank.snapshot)).toEqual(['description', 'steps']);
    });

    it('requires what every kind requires while the kind is unknown', () => {
      const unknownKind = workflow.initialSnapshot({ fields: { description: 'x' }, kind: null });
      expect(workflow.missingFields(unknownKind.snapshot)).toEqual([]);
      expect(workflow.availableEvents(unknownKind.snapshot)).toContain('TAKE');
    });

    it('offers an event whose guard reads event data (eventHas), since the data comes with the event', () => {
      expect(workflow.availableEvents(created.snapshot)).toContain('CLOSE');
      expect(step(workflow, created.snapshot, 'CLOSE').changed).toBe(false);
      expect(step(workflow, created.snapshot, 'CLOSE', { reason: '' }).changed).toBe(false);
      expect(step(workflow, created.snapshot, 'CLOSE', { reason: 'spam' }).snapshot.context.closeReason).toBe('spam');
    });
  });

  it('reports an event the state does not take as unchanged, with the same snapshot', () => {
    const result = step(workflow, created.snapshot, 'RESOLVE');
    expect(result).toEqual({ snapshot: created.snapshot, state: created.state, statusCategory: 'new', tags: ['new'], changed: false, effects: [], timers: [], cancelledTimers: [] });
    expect(step(workflow, created.snapshot, 'NO_SUCH_EVENT').changed).toBe(false);
  });

  it('counts an effect-only transition as a change even though the state stays', () => {
    const open = step(workflow, created.snapshot, 'TAKE');
    const noted = step(workflow, open.snapshot, 'NOTE');
    expect(noted.changed).toBe(true);
    expect(noted.snapshot).toEqual(open.snapshot);
    expect(noted.effects).toEqual([{ type: 'recordNote', params: { text: 'noted' } }]);
  });

  describe('timers', () => {
    const open = step(workflow, created.snapshot, 'TAKE');
    const waiting = step(workflow, open.snapshot, 'REQUEST_INFO');

    it('captures the `after` delays of entered states as timers, nested states included', () => {
      expect(workflow.stateName(waiting.snapshot)).toBe('waiting.asked');
      expect(workflow.statusCategory(waiting.snapshot)).toBe('waiting_customer');
      // Entry order: the parent's timer before the child's.
      expect(waiting.timers).toEqual([
        { id: 'xstate.after.3d.fixture.waiting', delayMs: 3 * DAY, event: { type: 'xstate.after.3d.fixture.waiting' } },
        { id: 'xstate.after.1d.fixture.waiting.asked', delayMs: DAY, event: { type: 'xstate.after.1d.fixture.waiting.asked' } },
      ]);
      expect(waiting.timers.every((t) => isTimerEventType(t.event.type))).toBe(true);
      expect(waiting.cancelledTimers).toEqual([]);
    });

    it('a captured timer, sent back through applyEvent when due, takes the `after` transition', () => {
      const reminderTimer = waiting.timers.find((t) => t.delayMs === DAY);
      expect(workflow.availableEvents(waiting.snapshot)).not.toContain(reminderTimer!.event.type);
      const reminded = workflow.applyEvent(waiting.snapshot, reminderTimer!.event);
      expect(reminded.changed).toBe(true);
      expect(workflow.stateName(reminded.snapshot)).toBe('waiting.reminded');
      expect(reminded.effects).toEqual([{ type: 'notify', params: { template: 'reminder', to: 'requester' } }]);
      // The parent's 3d timer keeps running: only the left child's timer is cancelled.
      expect(reminded.cancelledTimers).toEqual(['xstate.after.1d.fixture.waiting.asked']);
      expect(reminded.timers).toEqual([]);

      const staleTimer = waiting.timers.find((t) => t.delayMs === 3 * DAY);
      const stale = workflow.applyEvent(reminded.snapshot, staleTimer!.event);
      expect(workflow.stateName(stale.snapshot)).toBe('closed');
      expect(stale.snapshot.context.closeReason).toBe('stale');
      expect(stale.snapshot.status).toBe('done');
      expect(stale.cancelledTimers).toEqual(['xstate.after.3d.fixture.waiting']);
    });

    it('leaving a state cancels its timers', () => {
      const answered = step(workflow, waiting.snapshot, 'PROVIDE_INFO', { fields: { version: '2.1' } });
      expect(workflow.stateName(answered.snapshot)).toBe('open');
      expect(answered.snapshot.context.fields).toEqual({ ...complete, version: '2.1' });
      expect(answered.cancelledTimers.sort()).toEqual(['xstate.after.1d.fixture.waiting.asked', 'xstate.after.3d.fixture.waiting']);
      expect(answered.timers).toEqual([]);
    });

    it('a timer whose state was left is ignored if it fires anyway', () => {
      const answered = step(workflow, waiting.snapshot, 'PROVIDE_INFO');
      const late = workflow.applyEvent(answered.snapshot, waiting.timers[0]!.event);
      expect(late.changed).toBe(false);
      expect(workflow.stateName(late.snapshot)).toBe('open');
    });

    it('re-entering a state in one step cancels its timers and schedules them again under the same ids', () => {
      const reminded = workflow.applyEvent(waiting.snapshot, waiting.timers[1]!.event);
      const askedAgain = step(workflow, reminded.snapshot, 'REQUEST_INFO');
      expect(workflow.stateName(askedAgain.snapshot)).toBe('waiting.asked');
      // The server deletes the cancelled rows first, then writes the new ones.
      expect(askedAgain.cancelledTimers).toEqual(['xstate.after.3d.fixture.waiting']);
      expect(askedAgain.timers).toEqual(waiting.timers);
    });

    it('asking again after an answer schedules the same timer ids', () => {
      const answered = step(workflow, waiting.snapshot, 'PROVIDE_INFO');
      const askedAgain = step(workflow, answered.snapshot, 'REQUEST_INFO');
      expect(askedAgain.timers.map((t) => t.id)).toEqual(waiting.timers.map((t) => t.id));
    });
  });

  describe('business-time delays', () => {
    const resolveStep = (w: CompiledWorkflow) => step(w, step(w, created.snapshot, 'TAKE').snapshot, 'RESOLVE');

    it('fail with a clear error while business time is not available', () => {
      expect(() => resolveStep(workflow)).toThrow(BusinessTimeUnavailableError);
      expect(() => resolveStep(workflow)).toThrow(/business time is not available yet: the delay "2bd"/);
    });

    it('are resolved by an injected resolver at the time of the step', () => {
      const calls: Array<[string, number]> = [];
      let now = Date.UTC(2026, 10, 20, 9, 0);
      const withCalendar = compile(source, {
        now: () => now,
        resolveDelay: (expression, nowMs) => {
          calls.push([expression, nowMs]);
          return 50 * HOUR;
        },
      });
      now += HOUR;
      const resolved = resolveStep(withCalendar);
      expect(calls).toEqual([['2bd', Date.UTC(2026, 10, 20, 10, 0)]]);
      expect(resolved.timers).toEqual([
        { id: 'xstate.after.2bd.fixture.resolved', delayMs: 50 * HOUR, event: { type: 'xstate.after.2bd.fixture.resolved' } },
      ]);
      const expired = withCalendar.applyEvent(resolved.snapshot, resolved.timers[0]!.event);
      expect(expired.snapshot.context.closeReason).toBe('reopen_window_expired');
    });

    it('a custom resolver without a clock is refused at compile time', () => {
      expect(() => compile(source, { resolveDelay: () => 0 })).toThrow(WorkflowArgumentError);
    });
  });

  it('an eventless loop in a file fails fast with a workflow error instead of hanging the server', () => {
    const looping = compile(
      replaceOnce(source, '    open:\n      tags: [open]\n', '    open:\n      tags: [open]\n      always: bounce\n    bounce:\n      tags: [open]\n      always: open\n'),
    );
    const start = looping.initialSnapshot({ fields: complete, kind: 'bug' });
    expect(() => looping.applyEvent(start.snapshot, { type: 'TAKE' })).toThrow(WorkflowError);
    expect(() => looping.applyEvent(start.snapshot, { type: 'TAKE' })).toThrow(/failed on event TAKE: Infinite loop detected/);
  });

  it('refuses a snapshot that does not fit the machine', () => {
    expect(() => workflow.stateName({ ...created.snapshot, value: 'limbo' })).toThrow(SnapshotRestoreError);
    expect(() => workflow.applyEvent({ value: 'new' }, { type: 'TAKE' })).toThrow(SnapshotRestoreError);
  });

  it('accepts a snapshot read back from a JSON column', () => {
    const stored: Record<string, unknown> = JSON.parse(JSON.stringify(created.snapshot));
    expect(workflow.applyEvent(stored, { type: 'TAKE' }).changed).toBe(true);
  });
});
