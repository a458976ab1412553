// `npm run rules:coverage [-- --json] [-- --root DIR]`: for every rule ID of
// docs/regulations/RULES.md, where the workflow files name it (every line of workflows/*.yaml
// that mentions the ID, comment or value), which tests name it (every it/test/describe title
// in test/**/*.test.ts that contains the ID) and, for a rule that describes no behaviour of
// the product, the written reason in docs/regulations/not-behaviour.md.
//
// Exit code 1 when a rule has neither a mention in a workflow, a test nor a reason, or when
// the reasons file names an ID that is not a rule (or is malformed); 0 otherwise.
//
// A mention is a reference, not a proof: a workflow comment naming an ID counts as the
// place that implements it, and the tests are trusted to test what their titles say.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Rule {
  id: string;
  /** The tenant whose section of RULES.md holds the rule (first word of the `##` heading). */
  tenant: string | null;
  text: string;
  line: number;
}

export interface Location {
  file: string;
  line: number;
}

export interface TestTitle extends Location {
  title: string;
}

export interface Reason extends Location {
  id: string;
  reason: string;
}

export interface Problem extends Location {
  message: string;
}

export interface SourceFile {
  /** Path relative to the repository root, with forward slashes. */
  file: string;
  text: string;
}

export type RuleStatus = 'covered' | 'not behaviour' | 'missing';

export interface RuleCoverage {
  id: string;
  tenant: string | null;
  text: string;
  status: RuleStatus;
  implementations: Location[];
  tests: TestTitle[];
  reason: Reason | null;
}

export interface CoverageReport {
  rules: RuleCoverage[];
  /** Problems that fail the check besides missing rules: the reasons file's. */
  problems: Problem[];
  /** IDs that look like rule IDs (a known prefix) in workflows or test titles but are no rule. */
  unknownReferences: Array<Location & { id: string }>;
  summary: { rules: number; covered: number; notBehaviour: number; missing: number };
  ok: boolean;
}

const RULE_LINE = /^- ([A-Z]+-\d+)\s+(.*)$/;
const SECTION_LINE = /^##\s+(\S+)/;

/** The rules of RULES.md: `- ID text` list items, continuation lines indented. */
export function parseRules(markdown: string): Rule[] {
  const rules: Rule[] = [];
  const seen = new Set<string>();
  let tenant: string | null = null;
  let current: Rule | null = null;
  markdown.split(/\r?\n/).forEach((raw, index) => {
    const section = SECTION_LINE.exec(raw);
    if (section) {
      tenant = section[1]!;
      current = null;
      return;
    }
    const item = RULE_LINE.exec(raw);
    if (item) {
      const id = item[1]!;
      if (seen.has(id)) throw new Error(`RULES.md:${index + 1}: rule ${id} is defined twice`);
      seen.add(id);
      current = { id, tenant, text: item[2]!.trim(), line: index + 1 };
      rules.push(current);
      return;
    }
    if (current && /^\s+\S/.test(raw)) current.text += ` ${raw.trim()}`;
    else current = null;
  });
  return rules;
}

/** The prefixes of the rule IDs (`NSO`, `TOM`, …), to recognise IDs in other files. */
export function idPattern(rules: Rule[]): RegExp {
  const prefixes = [...new Set(rules.map((rule) => rule.id.split('-')[0]!))];
  if (prefixes.length === 0) return /(?!)/g;
  return new RegExp(`\\b(?:${prefixes.join('|')})-\\d+\\b`, 'g');
}

/** Every ID in `text` that `pattern` (from `idPattern`) matches, each once. */
export function findIds(text: string, pattern: RegExp): string[] {
  return [...new Set(text.match(new RegExp(pattern.source, 'g')) ?? [])];
}

/** Each line of a workflow file that mentions an ID: the ID and the line. */
export function scanWorkflow(source: SourceFile, pattern: RegExp): Array<Location & { id: string }> {
  const found: Array<Location & { id: string }> = [];
  source.text.split(/\r?\n/).forEach((line, index) => {
    for (const id of findIds(line, pattern)) found.push({ id, file: source.file, line: index + 1 });
  });
  return found;
}

// it( / test( / describe(, with modifiers (it.only, test.concurrent, …) but not `.each`,
// whose titles are built from the table. Not a method of something else (`foo.it(`).
const TEST_CALL =
  /(?<![\w$.])(describe|it|test)((?:\.(?:only|skip|todo|concurrent|sequential|fails|runIf\([^()]*\)|skipIf\([^()]*\)))*)\s*\(\s*(['"`])/g;

/** Reads the string literal that starts at `start` (just after its opening quote). */
function readLiteral(text: string, start: number, quote: string): string | null {
  let value = '';
  for (let i = start; i < text.length; i++) {
    const char = text[i]!;
    if (char === '\\') {
      value += text[i + 1] ?? '';
      i++;
    } else if (char === quote) {
      return value;
    } else if (char === '\n' && quote !== '`') {
      return null;
    } else {
      value += char;
    }
  }
  return null;
}

/**
 * The titles of the tests and suites of a test file, with the line of their `it(`. Skipped
 * and todo tests (`.skip`, `.todo`) and calls on a commented-out line are left out: they
 * cover nothing.
 */
export function scanTestTitles(source: SourceFile): TestTitle[] {
  const titles: TestTitle[] = [];
  const text = source.text;
  for (const match of text.matchAll(TEST_CALL)) {
    const modifiers = match[2] ?? '';
    if (/\.(skip|todo)\b/.test(modifiers)) continue;
    const lineStart = text.lastIndexOf('\n', match.index - 1) + 1;
    const before = text.slice(lineStart, match.index).trim();
    if (before.startsWith('//') || before.startsWith('*') || before.startsWith('/*')) continue;
    const title = readLiteral(text, match.index + match[0].length, match[3]!);
    if (title === null) continue;
    const line = text.slice(0, match.index).split('\n').length;
    titles.push({ file: source.file, line, title });
  }
  return titles;
}

/**
 * The reasons file: `- ID: reason` list items, continuation lines indented; anything else
 * (a title, paragraphs) is prose. A list item that is not `- ID: reason`, an empty reason and
 * an ID given twice are problems.
 */
export function parseReasons(markdown: string, file: string): { reasons: Reason[]; problems: Problem[] } {
  const reasons: Reason[] = [];
  const problems: Problem[] = [];
  let current: Reason | null = null;
  markdown.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (/^[-*] /.test(raw)) {
      const item = /^[-*] +([A-Z]+-\d+) *: *(.*)$/.exec(raw);
      if (!item) {
        problems.push({ file, line, message: 'a list item here must read `- ID: reason`' });
        current = null;
        return;
      }
      current = { id: item[1]!, reason: item[2]!.trim(), file, line };
      reasons.push(current);
      return;
    }
    if (current && /^\s+\S/.test(raw)) current.reason = `${current.reason} ${raw.trim()}`.trim();
    else current = null;
  });
  const seen = new Map<string, number>();
  for (const reason of reasons) {
    if (!reason.reason) problems.push({ file, line: reason.line, message: `${reason.id} has no reason written` });
    const first = seen.get(reason.id);
    if (first !== undefined) {
      problems.push({ file, line: reason.line, message: `${reason.id} is explained twice (first at line ${first})` });
    } else {
      seen.set(reason.id, reason.line);
    }
  }
  return { reasons, problems };
}

export interface CoverageInput {
  rules: Rule[];
  workflows: SourceFile[];
  tests: SourceFile[];
  reasons: { file: string; text: string };
}

function byLocation(a: Location, b: Location): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line;
}

/** Joins the rules with the workflow mentions, the test titles and the reasons. */
export function computeCoverage(input: CoverageInput): CoverageReport {
  const pattern = idPattern(input.rules);
  const known = new Set(input.rules.map((rule) => rule.id));
  const implementations = new Map<string, Location[]>();
  const tests = new Map<string, TestTitle[]>();
  const unknownReferences: CoverageReport['unknownReferences'] = [];
  const add = <T>(map: Map<string, T[]>, id: string, value: T) => {
    map.set(id, [...(map.get(id) ?? []), value]);
  };

  for (const workflow of input.workflows) {
    for (const { id, file, line } of scanWorkflow(workflow, pattern)) {
      if (known.has(id)) add(implementations, id, { file, line });
      else unknownReferences.push({ id, file, line });
    }
  }
  for (const testFile of input.tests) {
    for (const title of scanTestTitles(testFile)) {
      for (const id of findIds(title.title, pattern)) {
        if (known.has(id)) add(tests, id, title);
        else unknownReferences.push({ id, file: title.file, line: title.line });
      }
    }
  }

  const parsed = parseReasons(input.reasons.text, input.reasons.file);
  const problems = [...parsed.problems];
  const reasons = new Map<string, Reason>();
  for (const reason of parsed.reasons) {
    if (!known.has(reason.id)) {
      problems.push({ file: reason.file, line: reason.line, message: `${reason.id} is not a rule of RULES.md` });
    } else if (reason.reason && !reasons.has(reason.id)) {
      reasons.set(reason.id, reason);
    }
  }

  const rules = input.rules.map((rule): RuleCoverage => {
    const impl = (implementations.get(rule.id) ?? []).sort(byLocation);
    const covering = (tests.get(rule.id) ?? []).sort(byLocation);
    const reason = reasons.get(rule.id) ?? null;
    const status: RuleStatus = reason ? 'not behaviour' : impl.length || covering.length ? 'covered' : 'missing';
    return { id: rule.id, tenant: rule.tenant, text: rule.text, status, implementations: impl, tests: covering, reason };
  });
  const count = (status: RuleStatus) => rules.filter((rule) => rule.status === status).length;
  const summary = {
    rules: rules.length,
    covered: count('covered'),
    notBehaviour: count('not behaviour'),
    missing: count('missing'),
  };
  unknownReferences.sort(byLocation);
  return { rules, problems, unknownReferences, summary, ok: summary.missing === 0 && problems.length === 0 };
}

/** `a.yaml:3,9, b.yaml:4`: the lines grouped by file, files in order. */
export function formatLocations(locations: Location[]): string {
  const byFile = new Map<string, number[]>();
  for (const { file, line } of locations) byFile.set(file, [...(byFile.get(file) ?? []), line]);
  return [...byFile].map(([file, lines]) => `${file}:${lines.join(',')}`).join(', ');
}

/** The plain-text report: one block per rule, then the summary and what fails. */
export function formatReport(report: CoverageReport, reasonsFile: string): string {
  const width = Math.max(0, ...report.rules.map((rule) => rule.id.length));
  const indent = ' '.repeat(width + 2);
  const out: string[] = [];
  for (const rule of report.rules) {
    const lines: string[] = [];
    if (rule.implementations.length) lines.push(`impl:  ${formatLocations(rule.implementations)}`);
    if (rule.tests.length) lines.push(`tests: ${formatLocations(rule.tests)}`);
    if (rule.reason) lines.push(`not behaviour: ${rule.reason.reason}`);
    if (rule.status === 'missing') lines.push('MISSING: no implementation, no test, no reason');
    lines.forEach((line, index) => out.push(`${index === 0 ? rule.id.padEnd(width + 2) : indent}${line}`));
  }
  const { summary } = report;
  out.push('');
  out.push(
    `${summary.rules} rules: ${summary.covered} covered, ${summary.notBehaviour} not behaviour, ${summary.missing} missing`,
  );
  for (const ref of report.unknownReferences) {
    out.push(`warning: ${ref.file}:${ref.line} names ${ref.id}, which is not a rule of RULES.md`);
  }
  const missing = report.rules.filter((rule) => rule.status === 'missing');
  if (missing.length) {
    out.push('');
    out.push(
      `FAIL: ${missing.length} rule(s) with no line in workflows/*.yaml, no test title in test/**/*.test.ts ` +
        `and no reason in ${reasonsFile}:`,
    );
    for (const rule of missing) out.push(`  ${rule.id.padEnd(width)}  ${rule.text}`);
  }
  if (report.problems.length) {
    out.push('');
    out.push(`FAIL: ${report.problems.length} problem(s) in the reasons file:`);
    for (const problem of report.problems) out.push(`  ${problem.file}:${problem.line}: ${problem.message}`);
  }
  return out.join('\n');
}

// ---- files ----------------------------------------------------------------------------

export const RULES_FILE = 'docs/regulations/RULES.md';
export const REASONS_FILE = 'docs/regulations/not-behaviour.md';

function listFiles(root: string, dir: string, accept: (name: string) => boolean, recursive: boolean): string[] {
  const absolute = path.join(root, dir);
  if (!fs.existsSync(absolute)) return [];
  const found: string[] = [];
  for (const entry of fs.readdirSync(absolute, { withFileTypes: true })) {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (recursive && entry.name !== 'node_modules') found.push(...listFiles(root, relative, accept, recursive));
    } else if (entry.isFile() && accept(entry.name)) {
      found.push(relative);
    }
  }
  return found.sort();
}

function read(root: string, file: string): SourceFile {
  return { file, text: fs.readFileSync(path.join(root, file), 'utf8') };
}

/** Reads the repository at `root` and computes its coverage. */
export function coverageOfRepo(root: string): CoverageReport {
  const rules = parseRules(fs.readFileSync(path.join(root, RULES_FILE), 'utf8'));
  if (rules.length === 0) throw new Error(`${RULES_FILE} holds no rules (\`- ID text\` list items)`);
  const workflows = listFiles(root, 'workflows', (name) => name.endsWith('.yaml'), false).map((f) => read(root, f));
  const tests = listFiles(root, 'test', (name) => name.endsWith('.test.ts'), true).map((f) => read(root, f));
  return computeCoverage({ rules, workflows, tests, reasons: read(root, REASONS_FILE) });
}

function main(argv: string[]): number {
  let json = false;
  let root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--root' && argv[i + 1]) root = path.resolve(argv[++i]!);
    else {
      console.error(`usage: rules-coverage [--json] [--root DIR]   (unknown argument: ${arg})`);
      return 2;
    }
  }
  let report: CoverageReport;
  try {
    report = coverageOfRepo(root);
  } catch (error) {
    console.error(`rules-coverage: ${(error as Error).message}`);
    return 2;
  }
  console.log(json ? JSON.stringify(report, null, 2) : formatReport(report, REASONS_FILE));
  return report.ok ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
