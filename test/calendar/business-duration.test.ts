import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BusinessDurationError, parseBusinessDuration } from '../../server/src/calendar/index.js';
import { parseDelayExpression } from '../../server/src/workflow/index.js';

describe('parseBusinessDuration', () => {
  it('reads every form of the workflow delay grammar', () => {
    expect(parseBusinessDuration('90m')).toMatchObject({ kind: 'calendar', ms: 90 * 60_000 });
    expect(parseBusinessDuration('48h')).toMatchObject({ kind: 'calendar', ms: 48 * 3_600_000 });
    expect(parseBusinessDuration('3d')).toMatchObject({ kind: 'calendar', ms: 3 * 86_400_000 });
    expect(parseBusinessDuration('90bm')).toMatchObject({ kind: 'working', ms: 90 * 60_000 });
    expect(parseBusinessDuration('8bh')).toMatchObject({ kind: 'working', ms: 8 * 3_600_000 });
    expect(parseBusinessDuration('3bd')).toMatchObject({ kind: 'businessDays', days: 3 });
    expect(parseBusinessDuration('eobd')).toMatchObject({ kind: 'endOfBusinessDay', plusDays: 0 });
    expect(parseBusinessDuration('eobd+2')).toMatchObject({ kind: 'endOfBusinessDay', plusDays: 2 });
  });

  it.each([
    ['3 bd', /remove the spaces/],
    ['3BD', /units are lowercase/],
    ['1.5bh', /whole numbers/],
    ['2bw', /unknown unit/],
    ['-1bh', /cannot be negative/],
    ['eobd-1', /eobd\+N/],
    ['eobd+0', /N in eobd\+N must be between 1 and 10000/],
    ['0bd', /amount must be between 1 and 10000/],
    ['20000h', /amount must be between 1 and 10000/],
    ['', /it is empty/],
  ])('"%s" is refused with a reason', (expression, reason) => {
    expect(() => parseBusinessDuration(expression)).toThrow(BusinessDurationError);
    expect(() => parseBusinessDuration(expression)).toThrow(reason);
    expect(() => parseBusinessDuration(expression)).toThrow(/allowed: |between/);
  });

  it('accepts exactly what the workflow delay parser accepts, with the same meaning', () => {
    const token = fc.constantFrom('0', '1', '3', '9', '10000', '10001', 'b', 'm', 'h', 'd', 'eobd', '+', '-', ' ', 'B', '.');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 5 }).map((parts) => parts.join('')), (expression) => {
        const workflow = parseDelayExpression(expression);
        let ours: ReturnType<typeof parseBusinessDuration> | null = null;
        try {
          ours = parseBusinessDuration(expression);
        } catch (error) {
          expect(error).toBeInstanceOf(BusinessDurationError);
        }
        expect(ours !== null, expression).toBe(workflow.ok);
        if (!workflow.ok || !ours) return;
        const delay = workflow.delay;
        if (delay.form === 'calendar') expect(ours).toMatchObject({ kind: 'calendar', ms: delay.ms });
        else if (delay.form === 'endOfBusinessDay') expect(ours).toMatchObject({ kind: 'endOfBusinessDay', plusDays: delay.plusDays });
        else if (delay.unit === 'd') expect(ours).toMatchObject({ kind: 'businessDays', days: delay.amount });
        else expect(ours).toMatchObject({ kind: 'working', ms: delay.amount * (delay.unit === 'm' ? 60_000 : 3_600_000) });
      }),
      { numRuns: 2000 },
    );
  });
});
