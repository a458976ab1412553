// Reads workflow files: YAML syntax, then the JSON Schema, then the semantic checks, then a
// trial compile, each problem pointing at the line and column of the node it is about.
// Later stages run only when the earlier ones pass, because they rely on the shapes the
// earlier ones guarantee.

import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { validateAgainstSchema, type PathProblem } from './schema.validate.js';
import { checkSemantics } from './semantic.check.js';
import { formatPath, locate, type PathSegment, type PointAt } from './source.positions.js';
import { compileWorkflow } from './workflow.compiler.js';
import type { WorkflowDefinition, WorkflowParseResult, WorkflowProblem } from './workflow.types.js';

/** A YAML bomb of aliases must not take the server down; real files use few or none. */
const MAX_ALIAS_COUNT = 200;

interface ParsedSource {
  doc: Document;
  lineCounter: LineCounter;
}

function parseYaml(source: string): ParsedSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: true, uniqueKeys: true });
  return { doc, lineCounter };
}

function toProblem(file: string, { doc, lineCounter }: ParsedSource, problem: PathProblem): WorkflowProblem {
  const { line, column } = locate(doc, lineCounter, problem.path, problem.pointAt);
  return { file, line, column, path: formatPath(problem.path), message: problem.message };
}

/** yaml's messages end with " at line L, column C:" and a code excerpt; we show position separately. */
function yamlMessage(message: string): string {
  const firstLine = message.split('\n')[0] ?? message;
  return `YAML syntax: ${firstLine.replace(/ at line \d+, column \d+:?$/, '')}`;
}

export function parseWorkflowSource(source: string, file: string): WorkflowParseResult {
  const parsed = parseYaml(source);
  const { doc } = parsed;

  // After the first real syntax error the parser's view of the structure is off, and what
  // it reports next is mostly a consequence; duplicate keys are independent and all shown.
  const firstSyntaxError = doc.errors.find((e) => e.code !== 'DUPLICATE_KEY');
  const yamlIssues = [
    ...doc.errors.filter((e) => e.code === 'DUPLICATE_KEY' || e === firstSyntaxError),
    ...(firstSyntaxError ? [] : doc.warnings),
  ].sort((a, b) => a.pos[0] - b.pos[0]);
  if (yamlIssues.length > 0) {
    return {
      ok: false,
      problems: yamlIssues.map((issue) => ({
        file,
        line: issue.linePos?.[0].line ?? 1,
        column: issue.linePos?.[0].col ?? 1,
        path: '',
        message: yamlMessage(issue.message),
      })),
    };
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    return { ok: false, problems: [{ file, line: 1, column: 1, path: '', message: `YAML: ${(error as Error).message}` }] };
  }

  const schemaProblems = validateAgainstSchema(data);
  if (schemaProblems.length > 0) return { ok: false, problems: schemaProblems.map((p) => toProblem(file, parsed, p)) };

  const definition = data as WorkflowDefinition;
  const semanticProblems = checkSemantics(definition);
  if (semanticProblems.length > 0) return { ok: false, problems: semanticProblems.map((p) => toProblem(file, parsed, p)) };

  try {
    // XState has checks of its own; anything it still rejects is reported, not thrown later.
    compileWorkflow(definition);
  } catch (error) {
    return {
      ok: false,
      problems: [toProblem(file, parsed, { path: ['machine'], pointAt: 'key', message: `XState rejects the machine: ${(error as Error).message}` })],
    };
  }

  return { ok: true, definition, hash: createHash('sha256').update(source, 'utf8').digest('hex') };
}

export type WorkflowFileResult = WorkflowParseResult & { file: string; source: string };

/**
 * Every `*.yaml` directly in `dir` (not `calendars/` or other subfolders), in name order.
 * Two files for the same tenant id make the later one invalid: which would win is not
 * something to leave to file order.
 */
export async function loadWorkflowDir(dir: string): Promise<WorkflowFileResult[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.yaml'))
    .map((entry) => entry.name)
    .sort();
  const results: WorkflowFileResult[] = [];
  const tenantFiles = new Map<string, string>();
  for (const name of names) {
    const file = path.join(dir, name);
    const source = await readFile(file, 'utf8');
    const result = parseWorkflowSource(source, file);
    if (result.ok) {
      const tenantId = result.definition.tenant.id;
      const earlier = tenantFiles.get(tenantId);
      if (earlier) {
        const problem = problemAt(source, file, ['tenant', 'id'], 'value', `tenant "${tenantId}" is already defined by ${earlier}`);
        results.push({ ok: false, problems: [problem], file, source });
        continue;
      }
      tenantFiles.set(tenantId, file);
    }
    results.push({ ...result, file, source });
  }
  return results;
}

function problemAt(source: string, file: string, at: PathSegment[], pointAt: PointAt, message: string): WorkflowProblem {
  return toProblem(file, parseYaml(source), { path: at, pointAt, message });
}

/** `file:line:column: message`, one line per problem, as compilers print them. */
export function formatProblems(problems: readonly WorkflowProblem[]): string {
  return problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n');
}
