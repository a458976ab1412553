// Shared helpers of the workflow tests: reading fixtures and shipped files, and computing
// where a piece of text sits in a source, so expected positions come from the fixture text
// itself rather than from the loader's output.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileWorkflow, parseWorkflowSource, type CompileOptions, type CompiledWorkflow, type WorkflowDefinition } from '../../server/src/workflow/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');
export const workflowsDir = path.join(repoRoot, 'workflows');
export const fixturesDir = path.join(here, 'fixtures');

export const SHIPPED_TENANTS = ['novosibirsk', 'tomsk', 'kurgan-vipnet', 'rusbitech', 'sintez'] as const;

export function readShipped(tenant: string): string {
  return readFileSync(path.join(workflowsDir, `${tenant}.yaml`), 'utf8');
}

export function readFixture(name: string): string {
  return readFileSync(path.join(fixturesDir, name), 'utf8');
}

export function definitionOf(source: string, file = 'test.yaml'): WorkflowDefinition {
  const result = parseWorkflowSource(source, file);
  if (!result.ok) throw new Error(`expected a valid workflow, got:\n${result.problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('\n')}`);
  return result.definition;
}

export function compile(source: string, options?: CompileOptions): CompiledWorkflow {
  return compileWorkflow(definitionOf(source), options);
}

/**
 * 1-based line and column of the `occurrence`-th appearance of `needle` in `text`
 * (plus `offset` characters into it).
 */
export function positionOf(text: string, needle: string, { occurrence = 1, offset = 0 } = {}): { line: number; column: number } {
  let index = -1;
  for (let i = 0; i < occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`"${needle}" occurs fewer than ${occurrence} times`);
  }
  index += offset;
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  const column = index - before.lastIndexOf('\n');
  return { line, column };
}

/** Replaces exactly one occurrence, failing loudly if the fixture changed under the test. */
export function replaceOnce(text: string, from: string, to: string): string {
  const first = text.indexOf(from);
  if (first < 0 || text.indexOf(from, first + 1) >= 0) throw new Error(`"${from}" must occur exactly once`);
  return text.slice(0, first) + to + text.slice(first + from.length);
}
