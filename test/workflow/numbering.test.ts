import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkNumbering,
  counterScope,
  dateChecksum,
  findNumbers,
  parseNumber,
  parseNumberPattern,
  renderNumber,
  SequenceOverflowError,
  WorkflowArgumentError,
  type LocalDate,
  type NumberingDefinition,
} from '../../server/src/workflow/index.js';

const NSO: NumberingDefinition = { pattern: 'Ticket#{YYYY}{MM}{DD}10{seq:5}{check}', reset: 'daily' };
const nov21: LocalDate = { year: 2026, month: 11, day: 21 };

describe('NSO-4 DateChecksum numbers', () => {
  it('NSO-4 the check digit of the regulation example Ticket#2026112110000426 is 6', () => {
    // By hand: 2 0 2 6 1 1 2 1 1 0 0 0 0 4 2 weighted 1,2,1,2,… from the left gives
    // 2+0+2+12+1+2+2+2+1+0+0+0+0+8+2 = 34; 34 mod 10 = 4; 10 − 4 = 6.
    expect(dateChecksum('202611211000042')).toBe(6);
  });

  it('NSO-4 renders the example from its parts: date 20261121, system 10, counter 00042', () => {
    expect(renderNumber(NSO, nov21, 42)).toBe('Ticket#2026112110000426');
  });

  it('NSO-4 a sum that is a multiple of 10 gives check digit 1, not 10 or 0', () => {
    // 5·1 + 0·2 + 5·1 = 10 → 10 − 0 = 10 → 1.
    expect(dateChecksum('505')).toBe(1);
    expect(dateChecksum('0')).toBe(1);
  });

  it('NSO-4 adds two-digit products whole, as OTRS does (6·2 counts as 12)', () => {
    expect(dateChecksum('06')).toBe(8); // 0 + 12 = 12 → 10 − 2
  });

  it('NSO-4 the counter restarts every day: the counter scope is the local date', () => {
    expect(counterScope(NSO, nov21)).toBe('2026-11-21');
    expect(counterScope(NSO, { year: 2026, month: 11, day: 22 })).toBe('2026-11-22');
  });

  it('NSO-4 the 100 000th request of a day does not fit 5 digits and is an error', () => {
    expect(renderNumber(NSO, nov21, 99_999)).toMatch(/^Ticket#202611211099999\d$/);
    expect(() => renderNumber(NSO, nov21, 100_000)).toThrow(SequenceOverflowError);
  });

  it('NSO-8 finds the previous number in a subject, and not a number with a wrong check digit', () => {
    const subject = 'RE: [Ticket#2026112110000426] повторно, см. также Ticket#2026112110000421';
    expect(findNumbers(NSO, subject)).toEqual(['Ticket#2026112110000426']);
  });

  it('dateChecksum takes digits only', () => {
    expect(() => dateChecksum('12a')).toThrow(WorkflowArgumentError);
    expect(() => dateChecksum('')).toThrow(WorkflowArgumentError);
  });
});

describe('numbering formats', () => {
  it('counter scopes: one per day, per year, or one for ever', () => {
    expect(counterScope({ pattern: 'X{YYYY}{seq:3}', reset: 'yearly' }, nov21)).toBe('2026');
    expect(counterScope({ pattern: 'X{seq:3}', reset: 'never' }, nov21)).toBe('all');
  });

  it('SIN-4 a TID with a two-digit year', () => {
    const tid: NumberingDefinition = { pattern: 'TID{YY}{seq:6}', reset: 'yearly' };
    expect(renderNumber(tid, { year: 2005, month: 1, day: 1 }, 7)).toBe('TID05000007');
    expect(parseNumber(tid, 'TID05000007')).toEqual({ yearOfCentury: 5, seq: 7 });
    expect(findNumbers(tid, 'Re: TID05000007 правки')).toEqual(['TID05000007']);
  });

  it('KUR-4 a registration number with Cyrillic letters', () => {
    const kur: NumberingDefinition = { pattern: 'КУР-{YYYY}-{seq:5}', reset: 'yearly' };
    expect(renderNumber(kur, nov21, 42)).toBe('КУР-2026-00042');
    expect(parseNumber(kur, 'КУР-2026-00042')).toEqual({ year: 2026, seq: 42 });
  });

  it('refuses a date that is not on the calendar and a negative counter', () => {
    expect(() => renderNumber(NSO, { year: 2026, month: 2, day: 29 }, 1)).toThrow(WorkflowArgumentError);
    expect(() => renderNumber(NSO, { year: 2026, month: 13, day: 1 }, 1)).toThrow(WorkflowArgumentError);
    expect(() => renderNumber(NSO, nov21, -1)).toThrow(WorkflowArgumentError);
    expect(() => renderNumber(NSO, nov21, 1.5)).toThrow(WorkflowArgumentError);
  });

  it.each([
    ['T-{YYYY}', /exactly one \{seq:N\} counter \(found 0\)/],
    ['{seq:3}-{seq:3}', /exactly one \{seq:N\} counter \(found 2\)/],
    ['{seq:0}', /between 1 and 12 digits/],
    ['{seq:13}', /between 1 and 12 digits/],
    ['T-{seq:3', /unclosed "\{" at character 3/],
    ['T}-{seq:3}', /"\}" without "\{" at character 2/],
    ['T-{week}{seq:3}', /unknown token "\{week\}" at character 3; allowed: \{YYYY\}/],
    ['{check}{seq:3}', /none come before it/],
    ['{seq:3}{check}{check}', /\{check\} only once/],
  ])('the pattern %s is malformed', (pattern, message) => {
    const parsed = parseNumberPattern(pattern);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });

  it('a check digit after literal digits only is allowed (they count)', () => {
    expect(parseNumberPattern('10{check}{seq:2}').ok).toBe(true);
    expect(renderNumber({ pattern: '10{check}-{seq:2}', reset: 'never' }, nov21, 3)).toBe(`10${dateChecksum('10')}-03`);
  });

  it('a counter that restarts needs the date parts that keep numbers unique', () => {
    expect(checkNumbering({ pattern: 'T{YYYY}{MM}{seq:4}', reset: 'daily' })).toMatch(/resets daily/);
    expect(checkNumbering({ pattern: 'T{MM}{DD}{seq:4}', reset: 'yearly' })).toMatch(/resets yearly/);
    expect(checkNumbering({ pattern: 'T{YY}{MM}{DD}{seq:4}', reset: 'daily' })).toBeNull();
  });
});

describe('numbering properties', () => {
  const localDate = fc
    .date({ min: new Date(Date.UTC(1000, 0, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true })
    .map((d): LocalDate => ({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }));
  const literal = fc.string({ unit: fc.constantFrom('T', 'I', 'D', '#', '-', '/', '.', ' ', 'К', 'У', 'Р', '0', '1', '9'), minLength: 1, maxLength: 4 });
  const dateToken = fc.constantFrom('{YYYY}', '{YY}', '{MM}', '{DD}');
  const piece = fc.oneof(literal, dateToken);
  const pattern = fc
    .record({
      before: fc.array(piece, { maxLength: 4 }),
      digits: fc.integer({ min: 1, max: 12 }),
      after: fc.array(piece, { maxLength: 3 }),
      check: fc.boolean(),
    })
    .map(({ before, digits, after, check }) => ({ pattern: [...before, `{seq:${digits}}`, ...after, check ? '{check}' : ''].join(''), digits }));
  const numbered = fc.record({ format: pattern, date: localDate, fraction: fc.double({ min: 0, max: 1, noNaN: true }) }).map(({ format, date, fraction }) => ({
    numbering: { pattern: format.pattern, reset: 'never' } as NumberingDefinition,
    date,
    seq: Math.floor(fraction * (10 ** format.digits - 1)),
  }));

  it('a rendered number parses back into its date parts and counter', () => {
    fc.assert(
      fc.property(numbered, ({ numbering, date, seq }) => {
        const number = renderNumber(numbering, date, seq);
        const parsed = parseNumber(numbering, number);
        expect(parsed).not.toBeNull();
        expect(parsed!.seq).toBe(seq);
        if (numbering.pattern.includes('{YYYY}')) expect(parsed!.year).toBe(date.year);
        if (numbering.pattern.includes('{YY}')) expect(parsed!.yearOfCentury).toBe(date.year % 100);
        if (numbering.pattern.includes('{MM}')) expect(parsed!.month).toBe(date.month);
        if (numbering.pattern.includes('{DD}')) expect(parsed!.day).toBe(date.day);
      }),
    );
  });

  it('a rendered number is found again inside a subject', () => {
    fc.assert(
      fc.property(numbered, fc.string({ unit: fc.constantFrom('R', 'e', ':', ' ', '[', ']', 'а') }), ({ numbering, date, seq }, noise) => {
        const number = renderNumber(numbering, date, seq);
        expect(findNumbers(numbering, `${noise} ${number} ${noise}`)).toContain(number);
      }),
    );
  });

  it('NSO-4 numbers are Ticket# and 16 digits whose last one is the DateChecksum of the 15 before it', () => {
    fc.assert(
      fc.property(localDate, fc.integer({ min: 0, max: 99_999 }), (date, seq) => {
        const number = renderNumber(NSO, date, seq);
        expect(number).toMatch(/^Ticket#\d{16}$/);
        const digits = number.slice('Ticket#'.length);
        expect(Number(digits[15])).toBe(dateChecksum(digits.slice(0, 15)));
        expect(digits.slice(8, 10)).toBe('10');
      }),
    );
  });

  it('the check digit is always 1 to 9', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 30 }), (digits) => {
        const check = dateChecksum(digits);
        expect(check).toBeGreaterThanOrEqual(1);
        expect(check).toBeLessThanOrEqual(9);
      }),
    );
  });

  it('a wrong check digit is not taken for a number', () => {
    fc.assert(
      fc.property(localDate, fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 1, max: 9 }), (date, seq, shift) => {
        const number = renderNumber(NSO, date, seq);
        const wrong = number.slice(0, -1) + String((Number(number.slice(-1)) + shift) % 10);
        expect(parseNumber(NSO, wrong)).toBeNull();
      }),
    );
  });
});
