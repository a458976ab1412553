// Structural validation against workflows/workflow.schema.json (the same file editors use),
// with ajv's errors rewritten into plain English that says what is wrong and what is allowed.

import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import workflowSchema from '../../../workflows/workflow.schema.json' with { type: 'json' };
import { pointerToPath, type PathSegment, type PointAt } from './source.positions.js';

/** A problem before it is given a file, line and column. */
export interface PathProblem {
  path: PathSegment[];
  pointAt?: PointAt;
  message: string;
}

const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictTypes: false, strictRequired: false });
const validateWorkflow: ValidateFunction = ajv.compile(workflowSchema);

/** For catalog params: each entry's ParamsSchema compiled once. */
const paramValidators = new WeakMap<object, ValidateFunction>();

export function validateAgainstSchema(data: unknown): PathProblem[] {
  return validateWorkflow(data) ? [] : translateErrors(validateWorkflow.errors ?? [], data, []);
}

/** Validates catalog params found at `basePath` of the document. */
export function validateParams(schema: Record<string, unknown>, params: unknown, basePath: PathSegment[]): PathProblem[] {
  let validate = paramValidators.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    paramValidators.set(schema, validate);
  }
  return validate(params) ? [] : translateErrors(validate.errors ?? [], params, basePath);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  object: 'a mapping',
  array: 'a list',
  boolean: 'true or false',
  number: 'a number',
  integer: 'a whole number',
  null: 'empty',
};

function listWords(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function describeExpected(error: ErrorObject): string {
  const description = (error.parentSchema as { description?: unknown } | undefined)?.description;
  return typeof description === 'string' ? description : `text matching ${String(error.params.pattern)}`;
}

function translateOne(error: ErrorObject, data: unknown, basePath: PathSegment[]): PathProblem | null {
  const path = [...basePath, ...pointerToPath(error.instancePath, data)];
  const params = error.params as Record<string, unknown>;
  // ajv reports a bad key twice: the rule it broke (with propertyName set) and a summary.
  if (error.keyword === 'propertyNames') return null;
  if (error.propertyName !== undefined) {
    // Point at the offending key itself.
    return {
      path: [...path, error.propertyName],
      pointAt: 'key',
      message: `"${error.propertyName}" is not a valid name here: expected ${describeExpected(error)}`,
    };
  }
  switch (error.keyword) {
    case 'if':
      // The branch that failed reports its own, more precise errors.
      return null;
    case 'required':
      return { path, pointAt: 'key', message: `missing required property "${String(params.missingProperty)}"` };
    case 'additionalProperties': {
      const allowed = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      return {
        path: [...path, String(params.additionalProperty)],
        pointAt: 'key',
        message: `unknown property "${String(params.additionalProperty)}"` + (allowed.length ? `; allowed here: ${allowed.join(', ')}` : ''),
      };
    }
    case 'type': {
      const types = Array.isArray(params.type) ? (params.type as string[]) : [String(params.type)];
      return { path, message: `must be ${listWords(types.map((t) => TYPE_WORDS[t] ?? t))}, not ${typeName(error.data)}` };
    }
    case 'enum':
      return {
        path,
        message: `${JSON.stringify(error.data)} is not allowed; use one of: ${(params.allowedValues as unknown[]).map(String).join(', ')}`,
      };
    case 'pattern':
      return { path, message: `${JSON.stringify(error.data)} is not valid: expected ${describeExpected(error)}` };
    case 'minLength':
      return { path, message: params.limit === 1 ? 'must not be empty' : `must be at least ${String(params.limit)} characters long` };
    case 'minItems':
      return { path, message: `must have at least ${String(params.limit)} item(s)` };
    case 'minProperties':
      return { path, pointAt: 'key', message: `must have at least ${String(params.limit)} entr${params.limit === 1 ? 'y' : 'ies'}` };
    case 'uniqueItems':
      return { path, message: `must not repeat an item (items ${String(params.j)} and ${String(params.i)} are the same)` };
    default:
      return { path, message: error.message ?? `fails the schema rule "${error.keyword}"` };
  }
}

function translateErrors(errors: ErrorObject[], data: unknown, basePath: PathSegment[]): PathProblem[] {
  // The if/then/else chains in the schema re-check the type of the same value; keep the type
  // error that lists the most alternatives, which is the one that tells the whole story.
  const widestType = new Map<string, ErrorObject>();
  for (const error of errors) {
    if (error.keyword !== 'type') continue;
    const count = (e: ErrorObject): number => (Array.isArray(e.params.type) ? e.params.type.length : 1);
    const seen = widestType.get(error.instancePath);
    if (!seen || count(error) > count(seen)) widestType.set(error.instancePath, error);
  }
  const problems: PathProblem[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (error.keyword === 'type' && widestType.get(error.instancePath) !== error) continue;
    // A value of the wrong type makes every other rule about it noise.
    if (error.keyword !== 'type' && widestType.has(error.instancePath)) continue;
    const problem = translateOne(error, data, basePath);
    if (!problem) continue;
    const key = `${JSON.stringify(problem.path)}|${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}
