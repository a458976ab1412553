import { describe, expect, it } from 'vitest';
import {
  actionCatalog,
  BusinessTimeUnavailableError,
  defaultResolveDelay,
  guardCatalog,
  isAssignAction,
  isEffectAction,
  parseDelayExpression,
  WorkflowArgumentError,
} from '../../server/src/workflow/index.js';

describe('catalog', () => {
  it('has the documented guards', () => {
    expect(Object.keys(guardCatalog)).toEqual(['hasRequiredFields', 'missingRequiredFields', 'eventHas', 'contextHas', 'contractNotValid', 'hasPendingAct']);
  });

  it('tells pure context updates from effects the server must execute', () => {
    const byKind = Object.entries(actionCatalog).map(([name, entry]) => [name, entry.kind]);
    expect(byKind).toEqual([
      ['setCloseReason', 'assign'],
      ['setCloseReasonFromEvent', 'assign'],
      ['clearCloseReason', 'assign'],
      ['mergeEventFields', 'assign'],
      ['stampTime', 'assign'],
      ['copyEventData', 'assign'],
      ['clearContext', 'assign'],
      ['issueAct', 'assign'],
      ['approveAct', 'assign'],
      ['refuseAct', 'assign'],
      ['flagOverdueAct', 'assign'],
      ['notify', 'effect'],
      ['recordComplaint', 'effect'],
      ['recordNote', 'effect'],
    ]);
    expect(isEffectAction('notify')).toBe(true);
    expect(isEffectAction('setCloseReason')).toBe(false);
    expect(isAssignAction('mergeEventFields')).toBe(true);
    expect(isEffectAction('unknown')).toBe(false);
  });

  it('documents every entry', () => {
    for (const entry of [...Object.values(guardCatalog), ...Object.values(actionCatalog)]) {
      expect(entry.description.length).toBeGreaterThan(20);
    }
  });
});

describe('delay expressions', () => {
  it.each([
    ['30m', 30 * 60_000],
    ['48h', 48 * 3_600_000],
    ['3d', 3 * 86_400_000],
  ])('the calendar delay %s is %d ms', (expression, ms) => {
    expect(parseDelayExpression(expression)).toEqual({ ok: true, delay: expect.objectContaining({ form: 'calendar', ms }) });
    expect(defaultResolveDelay(expression, 0)).toBe(ms);
  });

  it.each([
    ['90bm', { form: 'business', amount: 90, unit: 'm' }],
    ['4bh', { form: 'business', amount: 4, unit: 'h' }],
    ['3bd', { form: 'business', amount: 3, unit: 'd' }],
    ['eobd', { form: 'endOfBusinessDay', plusDays: 0 }],
    ['eobd+1', { form: 'endOfBusinessDay', plusDays: 1 }],
  ])('the business delay %s is understood but not faked', (expression, delay) => {
    expect(parseDelayExpression(expression)).toEqual({ ok: true, delay });
    expect(() => defaultResolveDelay(expression, 0)).toThrow(BusinessTimeUnavailableError);
    expect(() => defaultResolveDelay(expression, 0)).toThrow(/business time is not available yet/);
  });

  it.each(['', '3', 'h', '3 h', '3days', '0h', '-1h', '1.5h', '10001d', 'eobd+0', 'eobd-1', 'EOBD', '3BD', '3bw'])(
    '%j is not a delay expression',
    (expression) => {
      expect(parseDelayExpression(expression).ok).toBe(false);
      expect(() => defaultResolveDelay(expression, 0)).toThrow(WorkflowArgumentError);
    },
  );
});
