/**
 * The back office's event forms come from the hand-made ones and the workflow file's data
 * rules (`Tenant.events.data`): a desk onboarded with a file alone gets forms for its own
 * events, and a file's allowed values are what the agent may pick.
 */
import { describe, expect, it } from 'vitest';
import { eventFormOf, type EventDataRule } from '../../admin/src/resources/tickets/eventForms.js';

const rule = (key: string, extra: Partial<EventDataRule> = {}): EventDataRule => ({ key, required: false, type: null, enum: null, ...extra });

describe('eventFormOf', () => {
  it("offers the file's reasons to postpone (SIN-5)", () => {
    const form = eventFormOf('POSTPONE', [rule('reason', { required: true, enum: ['insufficient_info', 'out_of_scope', 'incorrect_question'] })]);
    expect(form).toEqual([expect.objectContaining({ name: 'reason', kind: 'select', required: true, choices: ['insufficient_info', 'out_of_scope', 'incorrect_question'] })]);
  });

  it('asks for what an event of a workflow of its own requires, by the type the file gives', () => {
    const form = eventFormOf('SCHEDULE_VISIT', [rule('visitAt', { required: true, type: 'datetime' }), rule('room'), rule('mode', { enum: ['onsite', 'remote'] })]);
    expect(form).toEqual([
      { name: 'visitAt', kind: 'datetime', required: true },
      { name: 'room', kind: 'text', required: false },
      { name: 'mode', kind: 'select', required: false, choices: ['onsite', 'remote'] },
    ]);
  });

  it('makes a field the file requires required, and leaves events without data to be sent at once', () => {
    expect(eventFormOf('ESCALATE', [rule('status', { required: true })])).toEqual([expect.objectContaining({ name: 'status', required: true })]);
    expect(eventFormOf('ESCALATE')?.[0]?.required).toBeFalsy();
    expect(eventFormOf('TAKE', [])).toBeUndefined();
  });
});
