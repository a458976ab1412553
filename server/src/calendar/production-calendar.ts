// The production calendar (производственный календарь): which dates a government decree makes
// days off, which weekend days it makes working days, and which days are shortened. It is
// data, not code (workflows/calendars/<id>.yaml, format in workflows/calendars/README.md),
// because the decree for a year comes out each autumn and an administrator must be able to
// add it without a release. The file is checked on the YAML nodes themselves, so every
// problem names the line and column to fix.

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { WEEKDAYS, type Weekday } from '../workflow/workflow.types.js';
import { MissingCalendarYearError, ProductionCalendarInvalidError, type ProductionCalendarProblem } from './calendar.errors.js';
import { civilDateOf, formatDayNumber, parseIsoDate, weekdayIndexOf } from './local-date.js';

export interface ProductionYear {
  year: number;
  /** The decree the year's data comes from, as the file cites it. */
  decree: string | null;
  /** True while the data is a draft (e.g. before the decree is signed). */
  provisional: boolean;
  /** Day numbers (see local-date.ts) that nobody works: holidays and transferred days off. */
  daysOff: ReadonlySet<number>;
  /** Weekend day numbers that are working days, with the weekday whose hours they keep. */
  workingDays: ReadonlyMap<number, Weekday>;
  /** Pre-holiday day numbers, one hour shorter (Labour Code art. 95). */
  shortenedDays: ReadonlySet<number>;
}

export interface ProductionCalendar {
  id: string;
  title: string;
  /** The file it was read from; errors tell the administrator to edit it. */
  source: string;
  years: ReadonlyMap<number, ProductionYear>;
}

/** What the production calendar says about one date, before any tenant's working hours. */
export interface ProductionDayRule {
  /** A listed day off (a holiday or a transferred day off), even if it is a weekend anyway. */
  dayOff: boolean;
  /** For a weekend day worked by decree: the weekday whose working hours it keeps. */
  worksAs: Weekday | null;
  shortened: boolean;
  provisional: boolean;
}

/** The rule for a day number of `year`; throws MissingCalendarYearError when the file lacks it. */
export function productionRuleOf(calendar: ProductionCalendar, year: number, dayNumber: number): ProductionDayRule {
  const data = calendar.years.get(year);
  if (!data) throw missingYear(calendar, year);
  return {
    dayOff: data.daysOff.has(dayNumber),
    worksAs: data.workingDays.get(dayNumber) ?? null,
    shortened: data.shortenedDays.has(dayNumber),
    provisional: data.provisional,
  };
}

export function missingYear(calendar: ProductionCalendar, year: number): MissingCalendarYearError {
  return new MissingCalendarYearError(calendar.id, year, calendar.source, [...calendar.years.keys()].sort((a, b) => a - b));
}

// ---- Reading and checking the file ----

type PathSegment = string | number;

const TOP_KEYS = ['id', 'title', 'years'];
const YEAR_KEYS = ['decree', 'provisional', 'daysOff', 'workingDays', 'shortenedDays'];
/** Every year states all three lists, so a forgotten section is an error rather than "none". */
const REQUIRED_YEAR_KEYS = ['daysOff', 'workingDays', 'shortenedDays'];
const WORKDAYS: readonly Weekday[] = WEEKDAYS.slice(0, 5);

function formatPath(segments: readonly PathSegment[]): string {
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/**
 * Parses and checks a production calendar file. `expectedId` (the file's base name when
 * loaded from a directory) must match its `id`, as workflow files refer to it by that name.
 */
export function parseProductionCalendar(source: string, file: string, expectedId?: string): ProductionCalendar {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter });
  const problems: ProductionCalendarProblem[] = [];
  const report = (node: Node | null | undefined, at: readonly PathSegment[], message: string): void => {
    const { line, col } = lineCounter.linePos(node?.range?.[0] ?? 0);
    problems.push({ file, line, column: col, path: formatPath(at), message });
  };

  for (const error of doc.errors) {
    const position = error.linePos?.[0] ?? { line: 1, col: 1 };
    const message = (error.message.split('\n')[0] ?? error.code).replace(/ at line \d+, column \d+:?$/, '');
    problems.push({ file, line: position.line, column: position.col, path: '', message });
  }
  if (problems.length > 0) throw new ProductionCalendarInvalidError(file, problems);

  const root = doc.contents;
  if (!isMap(root)) {
    report(root, [], 'a production calendar is a mapping with id, title and years');
    throw new ProductionCalendarInvalidError(file, problems);
  }

  let id = '';
  let title = '';
  const years = new Map<number, ProductionYear>();
  let sawYears = false;
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as Node | null;
    if (key === 'id') {
      if (isScalar(value) && typeof value.value === 'string' && /^[a-z]{2}$/.test(value.value)) id = value.value;
      else report(value ?? (pair.key as Node), ['id'], 'id must be two lowercase letters, e.g. ru');
    } else if (key === 'title') {
      if (isScalar(value) && typeof value.value === 'string') title = value.value;
      else report(value ?? (pair.key as Node), ['title'], 'title must be text');
    } else if (key === 'years') {
      sawYears = true;
      readYears(value, report, years);
    } else {
      report(pair.key as Node, [key], `unknown key "${key}"; a production calendar has ${TOP_KEYS.join(', ')}`);
    }
  }
  if (!id && !problems.some((p) => p.path === 'id')) report(root, [], 'id is missing (e.g. id: ru)');
  if (!sawYears) report(root, [], 'years is missing');
  if (id && expectedId !== undefined && id !== expectedId) {
    report(root, ['id'], `id "${id}" must match the file name (${expectedId}.yaml): workflow files name the calendar by it`);
  }
  if (problems.length > 0) throw new ProductionCalendarInvalidError(file, problems);
  return { id, title: title || id, source: file, years };
}

type Report = (node: Node | null | undefined, at: readonly PathSegment[], message: string) => void;

function readYears(node: Node | null, report: Report, out: Map<number, ProductionYear>): void {
  if (!isMap(node)) {
    report(node, ['years'], 'years must map each year (2026:) to its days off, working days and shortened days');
    return;
  }
  for (const pair of node.items) {
    const keyNode = pair.key as Node;
    const raw = isScalar(keyNode) ? keyNode.value : null;
    const year = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{4}$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(year) || year < 1900 || year > 2999) {
      report(keyNode, ['years'], `"${String(raw)}" is not a year; write years as 2026:`);
      continue;
    }
    const data = readYear(year, pair.value as Node | null, keyNode, report);
    if (data) out.set(year, data);
  }
}

function readYear(year: number, node: Node | null, keyNode: Node, report: Report): ProductionYear | null {
  const at = ['years', String(year)];
  if (!isMap(node)) {
    report(node ?? keyNode, at, `year ${year} must list ${REQUIRED_YEAR_KEYS.join(', ')}`);
    return null;
  }
  let problemCount = 0;
  const countingReport: Report = (problemNode, problemPath, message) => {
    problemCount++;
    report(problemNode, problemPath, message);
  };
  const data = {
    year,
    decree: null as string | null,
    provisional: false,
    daysOff: new Set<number>(),
    workingDays: new Map<number, Weekday>(),
    shortenedDays: new Set<number>(),
  };
  const seen = new Set<string>();
  // Where each date was written, to point a conflict at its second mention.
  const offNodes = new Map<number, Node>();
  let workingEntries: { dayNumber: number; node: Node }[] = [];
  let shortenedEntries: { dayNumber: number; node: Node; index: number }[] = [];

  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as Node | null;
    seen.add(key);
    const here = [...at, key];
    if (key === 'decree') {
      if (isScalar(value) && typeof value.value === 'string') data.decree = value.value;
      else countingReport(value ?? (pair.key as Node), here, 'decree must be text (the decree number and date)');
    } else if (key === 'provisional') {
      if (isScalar(value) && typeof value.value === 'boolean') data.provisional = value.value;
      else countingReport(value ?? (pair.key as Node), here, 'provisional must be true or false');
    } else if (key === 'daysOff') {
      for (const entry of dateList(value, here, year, countingReport, true)) {
        if (offNodes.has(entry.dayNumber)) {
          countingReport(entry.node, [...here, entry.index], `${formatDayNumber(entry.dayNumber)} is listed twice in daysOff`);
        }
        offNodes.set(entry.dayNumber, entry.node);
        data.daysOff.add(entry.dayNumber);
      }
    } else if (key === 'workingDays') {
      workingEntries = workingDayMap(value, here, year, countingReport, data.workingDays);
    } else if (key === 'shortenedDays') {
      shortenedEntries = dateList(value, here, year, countingReport, false);
      for (const entry of shortenedEntries) {
        if (data.shortenedDays.has(entry.dayNumber)) {
          countingReport(entry.node, [...here, entry.index], `${formatDayNumber(entry.dayNumber)} is listed twice in shortenedDays`);
        }
        data.shortenedDays.add(entry.dayNumber);
      }
    } else {
      countingReport(pair.key as Node, here, `unknown key "${key}"; a year has ${YEAR_KEYS.join(', ')}`);
    }
  }
  for (const required of REQUIRED_YEAR_KEYS) {
    if (!seen.has(required)) {
      const empty = required === 'workingDays' ? '{}' : '[]';
      countingReport(keyNode, at, `year ${year} has no ${required}; write "${required}: ${empty}" if there are none`);
    }
  }

  // Cross-checks: a date cannot be both off and worked, and only a working day can be shortened.
  for (const { dayNumber, node: dateNode } of workingEntries) {
    if (data.daysOff.has(dayNumber)) {
      countingReport(dateNode, [...at, 'workingDays'], `${formatDayNumber(dayNumber)} is both a day off and a working day`);
    }
  }
  for (const { dayNumber, node: dateNode, index } of shortenedEntries) {
    const weekend = weekdayIndexOf(dayNumber) >= 5;
    const working = data.workingDays.has(dayNumber) || (!weekend && !data.daysOff.has(dayNumber));
    if (!working) {
      countingReport(
        dateNode,
        [...at, 'shortenedDays', index],
        `${formatDayNumber(dayNumber)} is not a working day (${weekend ? 'a weekend not listed in workingDays' : 'listed in daysOff'}), so it cannot be shortened`,
      );
    }
  }
  return problemCount > 0 ? null : data;
}

interface DateEntry {
  dayNumber: number;
  node: Node;
  index: number;
}

/** A list of `YYYY-MM-DD`, or (with ranges) `YYYY-MM-DD..YYYY-MM-DD` for runs like Jan 1–8. */
function dateList(node: Node | null, at: PathSegment[], year: number, report: Report, ranges: boolean): DateEntry[] {
  if (node === null || (isScalar(node) && node.value === null)) return [];
  if (!isSeq(node)) {
    report(node, at, `must be a list of dates (YYYY-MM-DD${ranges ? ' or YYYY-MM-DD..YYYY-MM-DD' : ''}), or [] for none`);
    return [];
  }
  const out: DateEntry[] = [];
  node.items.forEach((item, index) => {
    const itemNode = item as Node;
    const text = isScalar(itemNode) && typeof itemNode.value === 'string' ? itemNode.value : null;
    const parts = text === null ? null : ranges ? text.split('..') : [text];
    const days = parts && parts.length <= 2 ? parts.map((part) => parseIsoDate(part.trim())) : null;
    if (!days || days.some((day) => day === null)) {
      report(itemNode, [...at, index], `"${String(text ?? (isScalar(itemNode) ? itemNode.value : '…'))}" is not a date YYYY-MM-DD${ranges ? ' or a range YYYY-MM-DD..YYYY-MM-DD' : ''}`);
      return;
    }
    const [first, last = first] = days as [number, number?];
    if (last! < first) {
      report(itemNode, [...at, index], `range "${text}" ends before it starts`);
      return;
    }
    if (civilDateOf(first).year !== year || civilDateOf(last!).year !== year) {
      report(itemNode, [...at, index], `"${text}" is not in ${year}; each year lists only its own dates`);
      return;
    }
    for (let day = first; day <= last!; day++) out.push({ dayNumber: day, node: itemNode, index });
  });
  return out;
}

/** `YYYY-MM-DD: mon`: a weekend day made a working day, working the hours of that weekday. */
function workingDayMap(node: Node | null, at: PathSegment[], year: number, report: Report, out: Map<number, Weekday>): { dayNumber: number; node: Node }[] {
  if (node === null || (isScalar(node) && node.value === null)) return [];
  if (!isMap(node)) {
    report(node, at, 'must map each worked weekend date to the weekday whose hours it keeps (2025-11-01: mon), or {} for none');
    return [];
  }
  const entries: { dayNumber: number; node: Node }[] = [];
  for (const pair of node.items) {
    const keyNode = pair.key as Node;
    const text = isScalar(keyNode) ? String(keyNode.value) : '';
    const dayNumber = parseIsoDate(text);
    const here = [...at, text];
    if (dayNumber === null) {
      report(keyNode, here, `"${text}" is not a date YYYY-MM-DD`);
      continue;
    }
    if (civilDateOf(dayNumber).year !== year) {
      report(keyNode, here, `${text} is not in ${year}; each year lists only its own dates`);
      continue;
    }
    if (weekdayIndexOf(dayNumber) < 5) {
      report(keyNode, here, `${text} is a weekday, which works anyway; workingDays lists Saturdays and Sundays made working days`);
      continue;
    }
    const value = pair.value as Node | null;
    const weekday = isScalar(value) ? String(value.value) : '';
    if (!(WORKDAYS as readonly string[]).includes(weekday)) {
      report(value ?? keyNode, here, `say whose hours ${text} keeps: one of ${WORKDAYS.join(', ')} (the weekday it replaces)`);
      continue;
    }
    out.set(dayNumber, weekday as Weekday);
    entries.push({ dayNumber, node: keyNode });
  }
  return entries;
}

/** Reads one calendar file; its id must be its base name (`ru.yaml` holds `id: ru`). */
export async function loadProductionCalendar(file: string): Promise<ProductionCalendar> {
  const source = await readFile(file, 'utf8');
  return parseProductionCalendar(source, file, path.basename(file, '.yaml'));
}

/** Every `*.yaml` in `dir` (workflows/calendars), by id. Any invalid file fails the whole load. */
export async function loadProductionCalendars(dir: string): Promise<Map<string, ProductionCalendar>> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.yaml')).sort();
  const calendars = new Map<string, ProductionCalendar>();
  for (const name of names) {
    const calendar = await loadProductionCalendar(path.join(dir, name));
    calendars.set(calendar.id, calendar);
  }
  return calendars;
}
