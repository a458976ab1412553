// Ticket numbers: each tenant's own format (NSO-4 Ticket#…, SIN-4 TID, KUR-4 registration
// number). Pure: the counter itself lives in the database; this module says which counter
// a number draws from (`counterScope`), how a number is rendered from its parts, and how to
// recognise one in a mail subject again (threading, NSO-8, SIN-4).

import { SequenceOverflowError, WorkflowArgumentError } from './workflow.errors.js';
import type { NumberingDefinition } from './workflow.types.js';

export type NumberSegment =
  | { kind: 'literal'; text: string }
  | { kind: 'year4' }
  | { kind: 'year2' }
  | { kind: 'month' }
  | { kind: 'day' }
  | { kind: 'seq'; digits: number }
  | { kind: 'check' };

/** A date in the tenant's time zone (the number shows the local date, NSO-4). */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

export interface ParsedNumber {
  seq: number;
  year?: number;
  /** From `{YY}`: the century is not in the number. */
  yearOfCentury?: number;
  month?: number;
  day?: number;
}

export const NUMBER_TOKENS_HELP = '{YYYY}, {YY}, {MM}, {DD}, {seq:N} (N = 1..12 digits), {check}';
export const MAX_SEQ_DIGITS = 12;

const FIXED_TOKENS: Record<string, NumberSegment> = {
  YYYY: { kind: 'year4' },
  YY: { kind: 'year2' },
  MM: { kind: 'month' },
  DD: { kind: 'day' },
  check: { kind: 'check' },
};

export type PatternParseResult = { ok: true; segments: NumberSegment[] } | { ok: false; message: string };

export function parseNumberPattern(pattern: string): PatternParseResult {
  const segments: NumberSegment[] = [];
  let literal = '';
  const flushLiteral = (): void => {
    if (literal) segments.push({ kind: 'literal', text: literal });
    literal = '';
  };
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '}') {
      return { ok: false, message: `numbering pattern has a "}" without "{" at character ${i + 1}` };
    }
    if (char !== '{') {
      literal += char;
      continue;
    }
    const close = pattern.indexOf('}', i);
    if (close < 0) return { ok: false, message: `numbering pattern has an unclosed "{" at character ${i + 1}` };
    const token = pattern.slice(i + 1, close);
    const seq = /^seq:(\d+)$/.exec(token);
    let segment: NumberSegment | undefined = FIXED_TOKENS[token];
    if (seq) {
      const digits = Number(seq[1]);
      if (digits < 1 || digits > MAX_SEQ_DIGITS) {
        return { ok: false, message: `{seq:${seq[1]}} must have between 1 and ${MAX_SEQ_DIGITS} digits` };
      }
      segment = { kind: 'seq', digits };
    }
    if (!segment) {
      return {
        ok: false,
        message: `numbering pattern has an unknown token "{${token}}" at character ${i + 1}; allowed: ${NUMBER_TOKENS_HELP}`,
      };
    }
    flushLiteral();
    segments.push(segment);
    i = close;
  }
  flushLiteral();

  const seqCount = segments.filter((s) => s.kind === 'seq').length;
  if (seqCount !== 1) {
    return { ok: false, message: `numbering pattern must contain exactly one {seq:N} counter (found ${seqCount})` };
  }
  const checkAt = segments.findIndex((s) => s.kind === 'check');
  if (checkAt >= 0) {
    if (segments.filter((s) => s.kind === 'check').length > 1) {
      return { ok: false, message: 'numbering pattern may contain {check} only once' };
    }
    if (!segments.slice(0, checkAt).some(producesDigits)) {
      return { ok: false, message: '{check} is a check digit over the digits before it, but none come before it' };
    }
  }
  return { ok: true, segments };
}

function producesDigits(segment: NumberSegment): boolean {
  return segment.kind !== 'literal' || /[0-9]/.test(segment.text);
}

/**
 * Checks a numbering section as a whole: the pattern parses, and the counter's reset fits
 * the pattern (a daily counter in a pattern without the day would repeat numbers).
 */
export function checkNumbering(numbering: NumberingDefinition): string | null {
  const parsed = parseNumberPattern(numbering.pattern);
  if (!parsed.ok) return parsed.message;
  const has = (kind: NumberSegment['kind']): boolean => parsed.segments.some((s) => s.kind === kind);
  const hasYear = has('year4') || has('year2');
  if (numbering.reset === 'daily' && !(hasYear && has('month') && has('day'))) {
    return 'a counter that resets daily needs the year ({YYYY} or {YY}), {MM} and {DD} in the pattern, or numbers would repeat';
  }
  if (numbering.reset === 'yearly' && !hasYear) {
    return 'a counter that resets yearly needs {YYYY} or {YY} in the pattern, or numbers would repeat';
  }
  return null;
}

function segmentsOf(numbering: NumberingDefinition): NumberSegment[] {
  const parsed = parseNumberPattern(numbering.pattern);
  if (!parsed.ok) throw new WorkflowArgumentError(parsed.message);
  return parsed.segments;
}

function assertLocalDate(date: LocalDate): void {
  const { year, month, day } = date;
  const valid =
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1000 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (!valid) throw new WorkflowArgumentError(`not a calendar date: ${JSON.stringify(date)}`);
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** Which counter a number is drawn from: one per day, per year, or one for ever. */
export function counterScope(numbering: NumberingDefinition, localDate: LocalDate): string {
  assertLocalDate(localDate);
  switch (numbering.reset) {
    case 'daily':
      return `${pad(localDate.year, 4)}-${pad(localDate.month, 2)}-${pad(localDate.day, 2)}`;
    case 'yearly':
      return pad(localDate.year, 4);
    case 'never':
      return 'all';
  }
}

/**
 * The OTRS/Znuny DateChecksum check digit (NSO-4): the digits from the left are multiplied
 * alternately by 1 and 2, the products summed; the sum modulo 10 is subtracted from 10, and
 * a result of 10 becomes 1. Products are added whole (12, not 1+2), as OTRS does.
 */
export function dateChecksum(digits: string): number {
  if (!/^[0-9]+$/.test(digits)) throw new WorkflowArgumentError(`dateChecksum needs digits only, got "${digits}"`);
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits[i]) * (i % 2 === 0 ? 1 : 2);
  const check = 10 - (sum % 10);
  return check === 10 ? 1 : check;
}

export function renderNumber(numbering: NumberingDefinition, localDate: LocalDate, seq: number): string {
  assertLocalDate(localDate);
  if (!Number.isSafeInteger(seq) || seq < 0) throw new WorkflowArgumentError(`sequence must be a non-negative integer, got ${seq}`);
  let out = '';
  for (const segment of segmentsOf(numbering)) {
    switch (segment.kind) {
      case 'literal':
        out += segment.text;
        break;
      case 'year4':
        out += pad(localDate.year, 4);
        break;
      case 'year2':
        out += pad(localDate.year % 100, 2);
        break;
      case 'month':
        out += pad(localDate.month, 2);
        break;
      case 'day':
        out += pad(localDate.day, 2);
        break;
      case 'seq':
        if (seq >= 10 ** segment.digits) throw new SequenceOverflowError(seq, segment.digits);
        out += pad(seq, segment.digits);
        break;
      case 'check':
        // "All digits rendered before it", literal digits included (e.g. NSO-4's system id 10).
        out += String(dateChecksum(out.replace(/[^0-9]/g, '')));
        break;
    }
  }
  return out;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function regExpSource(segments: NumberSegment[]): string {
  return segments
    .map((segment) => {
      switch (segment.kind) {
        case 'literal':
          return escapeRegExp(segment.text);
        case 'year4':
          return '([0-9]{4})';
        case 'year2':
        case 'month':
        case 'day':
          return '([0-9]{2})';
        case 'seq':
          return `([0-9]{${segment.digits}})`;
        case 'check':
          return '([0-9])';
      }
    })
    .join('');
}

function partsOf(segments: NumberSegment[], match: RegExpExecArray): ParsedNumber | null {
  const parsed: ParsedNumber = { seq: 0 };
  let group = 1;
  let rendered = '';
  for (const segment of segments) {
    if (segment.kind === 'literal') {
      rendered += segment.text;
      continue;
    }
    const text = match[group++] as string;
    const value = Number(text);
    if (segment.kind === 'check') {
      if (value !== dateChecksum(rendered.replace(/[^0-9]/g, ''))) return null;
    } else if (segment.kind === 'year4') parsed.year = value;
    else if (segment.kind === 'year2') parsed.yearOfCentury = value;
    else if (segment.kind === 'month') parsed.month = value;
    else if (segment.kind === 'day') parsed.day = value;
    else parsed.seq = value;
    rendered += text;
  }
  if (parsed.month !== undefined && (parsed.month < 1 || parsed.month > 12)) return null;
  if (parsed.day !== undefined && (parsed.day < 1 || parsed.day > 31)) return null;
  return parsed;
}

/** The parts of a number of this format, or null (other format, or a wrong check digit). */
export function parseNumber(numbering: NumberingDefinition, text: string): ParsedNumber | null {
  const segments = segmentsOf(numbering);
  const match = new RegExp(`^${regExpSource(segments)}$`, 'u').exec(text);
  return match ? partsOf(segments, match) : null;
}

/**
 * Every number of this format inside a text such as a mail subject, in order of appearance;
 * candidates with a wrong check digit are skipped. A number must not be glued to more
 * digits, so `Ticket#…` inside a longer digit run does not count.
 */
export function findNumbers(numbering: NumberingDefinition, text: string): string[] {
  const segments = segmentsOf(numbering);
  const search = new RegExp(`(?<![0-9])${regExpSource(segments)}(?![0-9])`, 'gu');
  const found: string[] = [];
  for (let match = search.exec(text); match; match = search.exec(text)) {
    if (partsOf(segments, match)) found.push(match[0]);
  }
  return found;
}
