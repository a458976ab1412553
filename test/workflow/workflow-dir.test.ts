import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { loadWorkflowDir } from '../../server/src/workflow/index.js';
import { positionOf, readFixture, readShipped, repoRoot, replaceOnce } from './workflow.helpers.js';

const run = promisify(execFile);
const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
const cli = path.join(repoRoot, 'server', 'src', 'workflow', 'check.cli.ts');

const dirs: string[] = [];
function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'workflows-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

async function check(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout } = await run(tsx, [cli, ...args], { cwd: repoRoot, env: { ...process.env, ...env } });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
}

const valid = readFixture('timers.yaml');
const broken = replaceOnce(valid, 'guard: hasRequiredFields', 'guard: hasAllFields');

describe('loadWorkflowDir', () => {
  it('reads the top-level *.yaml files only, in name order', async () => {
    const dir = tempDir({
      'b.yaml': valid.replace('id: fixture-timers', 'id: b'),
      'a.yaml': broken,
      'calendars/ru.yaml': 'not: a workflow',
      'notes.md': '# not a workflow',
    });
    const results = await loadWorkflowDir(dir);
    expect(results.map((r) => [path.basename(r.file), r.ok])).toEqual([
      ['a.yaml', false],
      ['b.yaml', true],
    ]);
    const [first] = results;
    if (first && !first.ok) {
      expect(first.problems).toEqual([
        expect.objectContaining({ file: path.join(dir, 'a.yaml'), ...positionOf(broken, 'hasAllFields') }),
      ]);
    }
  });

  it('a second file for the same tenant is invalid, pointing at its tenant id', async () => {
    const dir = tempDir({ 'one.yaml': valid, 'two.yaml': valid });
    const [one, two] = await loadWorkflowDir(dir);
    expect(one?.ok).toBe(true);
    expect(two?.ok).toBe(false);
    if (two && !two.ok) {
      expect(two.problems).toEqual([
        expect.objectContaining({
          ...positionOf(valid, 'fixture-timers'),
          message: `tenant "fixture-timers" is already defined by ${path.join(dir, 'one.yaml')}`,
        }),
      ]);
    }
  });
});

describe('workflows:check', () => {
  it('reports every shipped file ok and exits 0', async () => {
    const { code, stdout } = await check([]);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').sort();
    expect(lines.map((l) => l.replace(/\d+ states/, 'N states'))).toEqual(
      ['kurgan-vipnet', 'novosibirsk', 'rusbitech', 'sintez', 'tomsk'].map((t) => `ok  workflows/${t}.yaml (${t}, N states)`),
    );
  }, 30_000);

  it('prints file:line:column: message for each problem and exits 1', async () => {
    const dir = tempDir({ 'good.yaml': readShipped('sintez'), 'bad.yaml': broken });
    const { code, stdout } = await check([], { WORKFLOWS_DIR: dir });
    const { line, column } = positionOf(broken, 'hasAllFields');
    expect(code).toBe(1);
    expect(stdout).toMatch(new RegExp(`^ok  ${path.join(dir, 'good.yaml')} \\(sintez, \\d+ states\\)$`, 'm'));
    expect(stdout).toMatch(new RegExp(`^${path.join(dir, 'bad.yaml')}:${line}:${column}: unknown guard "hasAllFields"`, 'm'));
  }, 30_000);
});
