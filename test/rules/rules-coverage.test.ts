/**
 * `npm run rules:coverage` (scripts/rules-coverage.ts): its pure parts on small made-up inputs
 * (the IDs here use made-up prefixes, so this file covers no real rule), and the check itself
 * against the repository, which fails `npm test` when a rule of RULES.md is neither
 * implemented, tested nor explained.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  computeCoverage,
  findIds,
  formatLocations,
  formatReport,
  idPattern,
  parseReasons,
  parseRules,
  scanTestTitles,
  scanWorkflow,
  type CoverageInput,
} from '../../scripts/rules-coverage.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const RULES = `# Rules

Intro paragraph that mentions ABC-1 without being a rule.

## alpha — Alpha desk
- ABC-1 The first rule
  continues here.
- ABC-2 The second rule.
- ABC-12 The twelfth rule.

## beta — Beta desk
- XY-1 Beta's only rule.
`;

const rules = parseRules(RULES);
const pattern = idPattern(rules);

function input(overrides: Partial<CoverageInput>): CoverageInput {
  return {
    rules,
    workflows: [],
    tests: [],
    reasons: { file: 'reasons.md', text: '' },
    ...overrides,
  };
}

describe('parseRules', () => {
  it('reads list items as rules, with their section and continuation lines', () => {
    expect(rules.map((rule) => rule.id)).toEqual(['ABC-1', 'ABC-2', 'ABC-12', 'XY-1']);
    expect(rules[0]).toEqual({ id: 'ABC-1', tenant: 'alpha', text: 'The first rule continues here.', line: 6 });
    expect(rules[3]!.tenant).toBe('beta');
  });

  it('refuses an ID defined twice', () => {
    expect(() => parseRules('- ABC-1 one\n- ABC-1 again\n')).toThrow(/ABC-1 is defined twice/);
  });
});

describe('finding IDs', () => {
  it('matches whole IDs only: ABC-1 is not found inside ABC-12 or ABC-1x', () => {
    expect(findIds('see ABC-12 and ABC-1x', pattern)).toEqual(['ABC-12']);
    expect(findIds('ABC-1, ABC-2/ABC-12 (XY-1)', pattern)).toEqual(['ABC-1', 'ABC-2', 'ABC-12', 'XY-1']);
  });

  it('knows only the prefixes of the rules: UTF-8 and ISO-8859 are no IDs', () => {
    expect(findIds('UTF-8, ISO-8859-1, ABC-99', pattern)).toEqual(['ABC-99']);
  });

  it('gives every workflow line that mentions an ID, comment or value', () => {
    const workflow = {
      file: 'workflows/alpha.yaml',
      text: 'tenant:\n  id: alpha # ABC-1\nchannels:\n  - note: "only mail (ABC-2, ABC-1)"\n',
    };
    expect(scanWorkflow(workflow, pattern)).toEqual([
      { id: 'ABC-1', file: 'workflows/alpha.yaml', line: 2 },
      { id: 'ABC-2', file: 'workflows/alpha.yaml', line: 4 },
      { id: 'ABC-1', file: 'workflows/alpha.yaml', line: 4 },
    ]);
  });
});

describe('scanTestTitles', () => {
  const source = {
    file: 'test/a.test.ts',
    text: [
      "describe('ABC-1 suite', () => {", // 1
      '  it("ABC-2 double quotes", () => {});', // 2
      '  test.concurrent(`ABC-12 template ${1}`, () => {});', // 3
      '  it(', // 4
      "    'XY-1 title on the next line',", // 5
      '  () => {});', // 6
      "  it('escaped \\'quote\\' ABC-1', () => {});", // 7
      "  it.skip('ABC-2 skipped', () => {});", // 8
      "  it.todo('ABC-2 to do');", // 9
      "  // it('ABC-2 commented out', () => {});", // 10
      "  it.each([1])('ABC-2 from a table %s', () => {});", // 11
      "  submit('ABC-2 not a test');", // 12
      // Built in two pieces so that no tool mistakes this fixture line for a focused test.
      `  it.${'only'}('only one', () => {});`, // 13
      '});',
    ].join('\n'),
  };

  it('reads it/test/describe titles in any quotes, at the line of the call', () => {
    expect(scanTestTitles(source)).toEqual([
      { file: 'test/a.test.ts', line: 1, title: 'ABC-1 suite' },
      { file: 'test/a.test.ts', line: 2, title: 'ABC-2 double quotes' },
      { file: 'test/a.test.ts', line: 3, title: 'ABC-12 template ${1}' },
      { file: 'test/a.test.ts', line: 4, title: 'XY-1 title on the next line' },
      { file: 'test/a.test.ts', line: 7, title: "escaped 'quote' ABC-1" },
      { file: 'test/a.test.ts', line: 13, title: 'only one' },
    ]);
  });
});

describe('parseReasons', () => {
  it('reads `- ID: reason` items with continuation lines and ignores prose', () => {
    const text = '# Reasons\n\nSome prose about ABC-1.\n\n- ABC-1: people read\n  the manuals.\n- XY-1: out of scope\n';
    expect(parseReasons(text, 'r.md')).toEqual({
      reasons: [
        { id: 'ABC-1', reason: 'people read the manuals.', file: 'r.md', line: 5 },
        { id: 'XY-1', reason: 'out of scope', file: 'r.md', line: 7 },
      ],
      problems: [],
    });
  });

  it('reports a malformed item, an empty reason and an ID explained twice', () => {
    const { problems } = parseReasons('- ABC-1 no colon\n- ABC-2:\n- XY-1: a\n- XY-1: b\n', 'r.md');
    expect(problems).toEqual([
      { file: 'r.md', line: 1, message: 'a list item here must read `- ID: reason`' },
      { file: 'r.md', line: 2, message: 'ABC-2 has no reason written' },
      { file: 'r.md', line: 4, message: 'XY-1 is explained twice (first at line 3)' },
    ]);
  });
});

describe('computeCoverage', () => {
  const workflows = [
    { file: 'workflows/b.yaml', text: 'x: 1 # ABC-1\n' },
    { file: 'workflows/a.yaml', text: '\n\ny: 2 # ABC-1, ABC-77\n' },
  ];
  const tests = [{ file: 'test/t.test.ts', text: "it('ABC-2 works', () => {});\nit('ABC-1 too', () => {});\n" }];

  it('joins mentions, titles and reasons; a rule with none of them fails the check', () => {
    const report = computeCoverage(input({ workflows, tests, reasons: { file: 'r.md', text: '- XY-1: not ours\n' } }));
    const byId = Object.fromEntries(report.rules.map((rule) => [rule.id, rule]));
    expect(byId['ABC-1']!.status).toBe('covered');
    expect(byId['ABC-1']!.implementations).toEqual([
      { file: 'workflows/a.yaml', line: 3 },
      { file: 'workflows/b.yaml', line: 1 },
    ]);
    expect(byId['ABC-1']!.tests).toEqual([{ file: 'test/t.test.ts', line: 2, title: 'ABC-1 too' }]);
    expect(byId['ABC-2']!.status).toBe('covered');
    expect(byId['ABC-12']!.status).toBe('missing');
    expect(byId['XY-1']!.status).toBe('not behaviour');
    expect(byId['XY-1']!.reason?.reason).toBe('not ours');
    expect(report.summary).toEqual({ rules: 4, covered: 2, notBehaviour: 1, missing: 1 });
    expect(report.ok).toBe(false);
    expect(report.unknownReferences).toEqual([{ id: 'ABC-77', file: 'workflows/a.yaml', line: 3 }]);
  });

  it('passes when every rule is covered or explained; a reason beside coverage is kept', () => {
    const reasons = { file: 'r.md', text: '- ABC-12: nothing to do\n- XY-1: nothing either\n- ABC-1: explained too\n' };
    const report = computeCoverage(input({ workflows, tests, reasons }));
    expect(report.ok).toBe(true);
    const first = report.rules.find((rule) => rule.id === 'ABC-1')!;
    expect(first.reason?.reason).toBe('explained too');
    expect(first.implementations).toHaveLength(2);
  });

  it('fails when the reasons name an ID that is no rule, even with every rule covered', () => {
    const reasons = { file: 'r.md', text: '- ABC-12: a\n- XY-1: b\n- ABC-2: c\n- ABC-3: d\n' };
    const report = computeCoverage(input({ workflows, tests, reasons }));
    expect(report.summary.missing).toBe(0);
    expect(report.problems).toEqual([{ file: 'r.md', line: 4, message: 'ABC-3 is not a rule of RULES.md' }]);
    expect(report.ok).toBe(false);
  });
});

describe('formatting', () => {
  it('groups the lines of one file', () => {
    expect(
      formatLocations([
        { file: 'a', line: 1 },
        { file: 'a', line: 5 },
        { file: 'b', line: 2 },
      ]),
    ).toBe('a:1,5, b:2');
  });

  it('prints one aligned block per rule, the summary and the list of what fails', () => {
    const report = computeCoverage(
      input({
        workflows: [{ file: 'w.yaml', text: '# ABC-1\n' }],
        tests: [{ file: 't.test.ts', text: "it('ABC-1 x', () => {});" }],
        reasons: { file: 'r.md', text: '- XY-1: people only\n- ZZ-1: gone\n' },
      }),
    );
    expect(formatReport(report, 'r.md').split('\n')).toEqual([
      'ABC-1   impl:  w.yaml:1',
      '        tests: t.test.ts:1',
      'ABC-2   MISSING: no implementation, no test, no reason',
      'ABC-12  MISSING: no implementation, no test, no reason',
      'XY-1    not behaviour: people only',
      '',
      '4 rules: 1 covered, 1 not behaviour, 2 missing',
      '',
      'FAIL: 2 rule(s) with no line in workflows/*.yaml, no test title in test/**/*.test.ts and no reason in r.md:',
      '  ABC-2   The second rule.',
      '  ABC-12  The twelfth rule.',
      '',
      'FAIL: 1 problem(s) in the reasons file:',
      '  r.md:2: ZZ-1 is not a rule of RULES.md',
    ]);
  });
});

describe('the repository', () => {
  it('every rule of RULES.md is implemented, tested or explained', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/rules-coverage.ts'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    // The summary and the list of what fails, without the block of every rule.
    const summary = run.stdout.search(/^\d+ rules: /m);
    expect(run.status, `npm run rules:coverage failed:\n${run.stdout.slice(Math.max(summary, 0))}`).toBe(0);
  });
});
