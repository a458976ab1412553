// Checks that need more than the schema: names that must exist in the catalog, targets that
// must exist in the machine, one status category per atomic state, declared events, time
// zones, numbering patterns and delay expressions. Runs only on schema-valid data, so it may
// trust the shapes the schema guarantees.

import { actionCatalog, guardCatalog, type ActionEntry, type GuardEntry } from './catalog.js';
import { parseDelayExpression } from './delay.expression.js';
import { checkNumbering } from './numbering.js';
import { validateParams, type PathProblem } from './schema.validate.js';
import type { PathSegment } from './source.positions.js';
import { isValidTimezone, TIMEZONE_HELP } from './timezone.check.js';
import {
  STATUS_CATEGORIES,
  WEEKDAYS,
  type CatalogRef,
  type StateNodeDefinition,
  type TransitionDefinition,
  type TransitionsDefinition,
  type WorkflowDefinition,
} from './workflow.types.js';

/** Context keys the ticket engine owns; a file may add others but not redefine these. */
const RESERVED_CONTEXT_KEYS = ['fields', 'kind', 'closeReason', 'organization'];

interface StateInfo {
  /** State names from the root, e.g. ['waiting', 'reminder']. */
  keys: string[];
  /** Where the state's mapping is in the document. */
  docPath: PathSegment[];
  node: StateNodeDefinition;
  parent: StateInfo | null;
}

const isCategory = (tag: string): boolean => (STATUS_CATEGORIES as readonly string[]).includes(tag);

export function checkSemantics(definition: WorkflowDefinition): PathProblem[] {
  const problems: PathProblem[] = [];
  checkTenant(definition, problems);
  checkCalendar(definition, problems);
  checkChannels(definition, problems);
  checkEventMailboxes(definition, problems);
  const numberingProblem = checkNumbering(definition.numbering);
  if (numberingProblem) problems.push({ path: ['numbering', 'pattern'], message: numberingProblem });
  checkMachine(definition, problems);
  checkSla(definition, problems);
  checkDelaysAndEventData(definition, problems);
  return problems;
}

/** Named delays and event data rules use delay expressions that must parse. */
function checkDelaysAndEventData(definition: WorkflowDefinition, problems: PathProblem[]): void {
  for (const [name, delay] of Object.entries(definition.delays ?? {})) {
    const parsed = parseDelayExpression(delay.otherwise);
    if (!parsed.ok) problems.push({ path: ['delays', name, 'otherwise'], message: parsed.message });
  }
  for (const [event, def] of Object.entries(definition.events)) {
    for (const [key, rule] of Object.entries(def.data ?? {})) {
      if (!rule.notLaterThan) continue;
      const parsed = parseDelayExpression(rule.notLaterThan.delay);
      if (!parsed.ok) problems.push({ path: ['events', event, 'data', key, 'notLaterThan', 'delay'], message: parsed.message });
    }
  }
}

/** SLA clocks: their durations parse, a 24/7 clock has no end-of-business-day target, and
 * the events they name are declared. */
function checkSla(definition: WorkflowDefinition, problems: PathProblem[]): void {
  for (const [name, clock] of Object.entries(definition.sla ?? {})) {
    const durations: Array<[PathSegment[], string]> = [[['sla', name, 'target'], clock.target]];
    for (const [key, value] of Object.entries(clock.targets ?? {})) durations.push([['sla', name, 'targets', key], value]);
    for (const [key, value] of Object.entries(clock.serviceLevelTargets ?? {})) durations.push([['sla', name, 'serviceLevelTargets', key], value]);
    for (const [path, expression] of durations) {
      const parsed = parseDelayExpression(expression);
      if (!parsed.ok) problems.push({ path, message: parsed.message });
      else if (clock.calendar === '24x7' && expression.startsWith('eobd')) {
        problems.push({ path, message: `"${expression}" needs business days; a 24x7 clock takes m, h, d (or bm, bh, bd, counted as elapsed time)` });
      }
    }
    for (const part of ['start', 'stop', 'pause'] as const) {
      (clock[part]?.events ?? []).forEach((event, index) => {
        if (event !== 'CREATE' && !definition.events[event]) {
          problems.push({ path: ['sla', name, part, 'events', index], message: `event ${event} is not declared in events (or CREATE)` });
        }
      });
    }
    const breach = clock.breach?.event;
    if (breach && !definition.events[breach]) {
      problems.push({ path: ['sla', name, 'breach', 'event'], message: `breach event ${breach} must be declared in events (actors: [system])` });
    }
  }
}

function checkTenant(definition: WorkflowDefinition, problems: PathProblem[]): void {
  const { timezone } = definition.tenant;
  if (!isValidTimezone(timezone)) {
    problems.push({ path: ['tenant', 'timezone'], message: `"${timezone}" is not a known time zone; use ${TIMEZONE_HELP}` });
  }
}

const minutesOf = (time: string): number => {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
};

/** Start before end, and (for a day's list) in order without overlaps. */
function checkIntervals(intervals: string[], path: PathSegment[], problems: PathProblem[], ordered: boolean): void {
  let previousEnd = -1;
  intervals.forEach((interval, index) => {
    const [start, end] = interval.split('-').map(minutesOf) as [number, number];
    if (start >= end) {
      problems.push({ path: [...path, index], message: `interval "${interval}" must end after it starts` });
    } else if (ordered && start < previousEnd) {
      problems.push({ path: [...path, index], message: `interval "${interval}" overlaps or precedes the one before it; list intervals in order` });
    }
    previousEnd = Math.max(previousEnd, end);
  });
}

function checkCalendar(definition: WorkflowDefinition, problems: PathProblem[]): void {
  for (const day of WEEKDAYS) {
    const intervals = definition.calendar.workingHours[day];
    if (intervals) checkIntervals(intervals, ['calendar', 'workingHours', day], problems, true);
  }
}

/** An event mailbox's event is one its mail's senders may send. */
function checkEventMailboxes(definition: WorkflowDefinition, problems: PathProblem[]): void {
  (definition.eventMailboxes ?? []).forEach(({ event }, index) => {
    if (definition.events[event]?.actors.includes('requester')) return;
    problems.push({
      path: ['eventMailboxes', index, 'event'],
      message: definition.events[event] ? `event ${event} is sent by the mail's senders: give it actors: [requester]` : `event ${event} is not declared in events`,
    });
  });
}

function checkChannels(definition: WorkflowDefinition, problems: PathProblem[]): void {
  definition.channels.forEach((channel, index) => {
    if (channel.hours === '24/7') return;
    const intervals = channel.hours.split(',').map((part) => part.trim());
    const before = problems.length;
    checkIntervals(intervals, ['channels', index, 'hours'], problems, true);
    // A channel's hours are one scalar: point at it, not at a list item that does not exist.
    for (const problem of problems.slice(before)) problem.path = ['channels', index, 'hours'];
  });
}

function collectStates(
  states: Record<string, StateNodeDefinition>,
  parent: StateInfo | null,
  docPath: PathSegment[],
  out: StateInfo[],
): void {
  for (const [key, node] of Object.entries(states)) {
    const info: StateInfo = { keys: [...(parent?.keys ?? []), key], docPath: [...docPath, key], node, parent };
    out.push(info);
    if (node.states) collectStates(node.states, info, [...info.docPath, 'states'], out);
  }
}

function childOf(states: Record<string, StateNodeDefinition> | undefined, key: string): StateNodeDefinition | undefined {
  return states && Object.prototype.hasOwnProperty.call(states, key) ? states[key] : undefined;
}

function checkMachine(definition: WorkflowDefinition, problems: PathProblem[]): void {
  const { machine } = definition;
  const all: StateInfo[] = [];
  collectStates(machine.states, null, ['machine', 'states'], all);

  // Ids as XState assigns them: a state's own `id`, or machineId.path.to.state.
  const byId = new Map<string, StateInfo>();
  for (const state of all) {
    const id = state.node.id ?? [machine.id, ...state.keys].join('.');
    if (byId.has(id)) {
      problems.push({ path: [...state.docPath, 'id'], message: `state id "${id}" is used twice; ids must be unique` });
    }
    byId.set(id, state);
  }

  if (!childOf(machine.states, machine.initial)) {
    problems.push({
      path: ['machine', 'initial'],
      message: `initial state "${machine.initial}" does not exist; top-level states are: ${Object.keys(machine.states).join(', ')}`,
    });
  }

  for (const key of Object.keys(machine.context ?? {})) {
    if (RESERVED_CONTEXT_KEYS.includes(key)) {
      problems.push({
        path: ['machine', 'context', key],
        pointAt: 'key',
        message: `context may not define "${key}": ${RESERVED_CONTEXT_KEYS.join(', ')} come from the ticket`,
      });
    }
  }

  const resolveTarget = (source: StateInfo, target: string): boolean => {
    if (target.startsWith('#')) return byId.has(target.slice(1));
    // XState: ".child" is relative to the source state, anything else to its parent.
    const relative = target.startsWith('.');
    let states = relative ? source.node.states : (source.parent?.node.states ?? machine.states);
    const keys = (relative ? target.slice(1) : target).split('.');
    for (const [index, key] of keys.entries()) {
      const node = childOf(states, key);
      if (!node) return false;
      if (index < keys.length - 1) states = node.states;
    }
    return true;
  };

  const ctx: MachineCheckContext = { definition, problems, resolveTarget };
  for (const state of all) checkState(state, ctx);
  // Events every state takes (machine.on): declared, with targets among the top-level states.
  const root: StateInfo = { keys: [], docPath: ['machine'], node: { states: machine.states }, parent: null };
  for (const [event, transitions] of Object.entries(machine.on ?? {})) {
    if (!definition.events[event]) {
      problems.push({ path: ['machine', 'on', event], pointAt: 'key', message: `event "${event}" is not declared in events` });
    }
    checkTransitions(root, transitions, ['machine', 'on', event], ctx);
  }
}

interface MachineCheckContext {
  definition: WorkflowDefinition;
  problems: PathProblem[];
  resolveTarget(source: StateInfo, target: string): boolean;
}

function checkState(state: StateInfo, ctx: MachineCheckContext): void {
  const { node, docPath } = state;
  const { problems } = ctx;
  const name = state.keys.join('.');
  const hasChildren = node.states !== undefined;
  const categories = (node.tags ?? []).filter(isCategory);

  if (hasChildren) {
    if (node.type === 'atomic' || node.type === 'final') {
      problems.push({ path: [...docPath, 'type'], message: `state "${name}" has child states, so it cannot be of type ${node.type}` });
    }
    if (node.initial === undefined) {
      problems.push({ path: docPath, pointAt: 'key', message: `state "${name}" has child states but no "initial" naming the first of them` });
    } else if (!childOf(node.states, node.initial)) {
      problems.push({
        path: [...docPath, 'initial'],
        message: `initial state "${node.initial}" is not a child of "${name}"; its children are: ${Object.keys(node.states ?? {}).join(', ')}`,
      });
    }
    if (categories.length > 0) {
      problems.push({
        path: [...docPath, 'tags'],
        message: `state "${name}" has child states, so it must not carry a status category (${categories.join(', ')}); tag its atomic child states instead`,
      });
    }
  } else {
    if (node.type === 'compound') {
      problems.push({ path: [...docPath, 'type'], message: `state "${name}" is of type compound but has no child states` });
    }
    if (node.initial !== undefined) {
      problems.push({ path: [...docPath, 'initial'], message: `state "${name}" has no child states, so "initial" means nothing here` });
    }
    if (categories.length !== 1) {
      problems.push({
        path: node.tags ? [...docPath, 'tags'] : docPath,
        pointAt: node.tags ? 'value' : 'key',
        message:
          `state "${name}" must carry exactly one status category tag (one of: ${STATUS_CATEGORIES.join(', ')})` +
          (categories.length ? `, but has ${categories.join(', ')}` : ', but has none'),
      });
    }
  }

  if (node.type === 'final') {
    for (const key of ['on', 'after', 'always'] as const) {
      if (node[key] !== undefined) {
        problems.push({ path: [...docPath, key], pointAt: 'key', message: `final state "${name}" takes no more transitions; remove "${key}"` });
      }
    }
  }
  if (node.onDone !== undefined && !hasChildren) {
    problems.push({ path: [...docPath, 'onDone'], pointAt: 'key', message: `"onDone" needs child states with a final one; "${name}" has none` });
  }

  checkActions(node.entry, [...docPath, 'entry'], ctx);
  checkActions(node.exit, [...docPath, 'exit'], ctx);

  const declared = Object.keys(ctx.definition.events);
  for (const [event, transitions] of Object.entries(node.on ?? {})) {
    if (!declared.includes(event)) {
      problems.push({
        path: [...docPath, 'on', event],
        pointAt: 'key',
        message: `event "${event}" is not declared in events; declared: ${declared.join(', ')}`,
      });
    }
    checkTransitions(state, transitions, [...docPath, 'on', event], ctx);
  }
  for (const [delay, transitions] of Object.entries(node.after ?? {})) {
    const parsed = ctx.definition.delays?.[delay] ? ({ ok: true } as const) : parseDelayExpression(delay);
    if (!parsed.ok) problems.push({ path: [...docPath, 'after', delay], pointAt: 'key', message: `${parsed.message}, or a name of delays` });
    checkTransitions(state, transitions, [...docPath, 'after', delay], ctx);
  }
  if (node.always !== undefined) checkTransitions(state, node.always, [...docPath, 'always'], ctx);
  if (node.onDone !== undefined) checkTransitions(state, node.onDone, [...docPath, 'onDone'], ctx);
}

function checkTransitions(source: StateInfo, transitions: TransitionsDefinition, path: PathSegment[], ctx: MachineCheckContext): void {
  const list: Array<[TransitionDefinition | string, PathSegment[]]> = Array.isArray(transitions)
    ? transitions.map((t, i) => [t, [...path, i]])
    : [[transitions, path]];
  for (const [transition, at] of list) {
    if (typeof transition === 'string') {
      checkTarget(source, transition, at, ctx);
      continue;
    }
    if (typeof transition.target === 'string') checkTarget(source, transition.target, [...at, 'target'], ctx);
    else transition.target?.forEach((target, i) => checkTarget(source, target, [...at, 'target', i], ctx));
    if (transition.guard !== undefined) checkRef('guard', transition.guard, [...at, 'guard'], ctx);
    checkActions(transition.actions, [...at, 'actions'], ctx);
  }
}

function checkTarget(source: StateInfo, target: string, path: PathSegment[], ctx: MachineCheckContext): void {
  if (ctx.resolveTarget(source, target)) return;
  const siblings = Object.keys(source.parent?.node.states ?? ctx.definition.machine.states);
  ctx.problems.push({
    path,
    message:
      `target state "${target}" does not exist; from "${source.keys.join('.')}" you can target ${siblings.join(', ')}` +
      ' (or ".child" for a child state, "#id" for a state by id)',
  });
}

function checkActions(actions: CatalogRef | CatalogRef[] | undefined, path: PathSegment[], ctx: MachineCheckContext): void {
  if (actions === undefined) return;
  if (Array.isArray(actions)) actions.forEach((action, i) => checkRef('action', action, [...path, i], ctx));
  else checkRef('action', actions, path, ctx);
}

function checkRef(role: 'guard' | 'action', ref: CatalogRef, path: PathSegment[], ctx: MachineCheckContext): void {
  const name = typeof ref === 'string' ? ref : ref.type;
  const params = typeof ref === 'string' ? undefined : ref.params;
  const catalog: Readonly<Record<string, GuardEntry | ActionEntry>> = role === 'guard' ? guardCatalog : actionCatalog;
  const other = role === 'guard' ? actionCatalog : guardCatalog;
  const entry = Object.prototype.hasOwnProperty.call(catalog, name) ? catalog[name] : undefined;
  if (!entry) {
    const hint = Object.prototype.hasOwnProperty.call(other, name) ? ` ("${name}" is ${role === 'guard' ? 'an action' : 'a guard'})` : '';
    ctx.problems.push({
      path: typeof ref === 'string' ? path : [...path, 'type'],
      message: `unknown ${role} "${name}"${hint}; the catalog's ${role}s are: ${Object.keys(catalog).join(', ')}`,
    });
    return;
  }
  if (entry.params === null) {
    if (params !== undefined && Object.keys(params).length > 0) {
      ctx.problems.push({ path: [...path, 'params'], message: `${role} "${name}" takes no params` });
    }
    return;
  }
  const paramProblems = validateParams(entry.params, params ?? {}, [...path, 'params']);
  for (const problem of paramProblems) ctx.problems.push({ ...problem, message: `${role} "${name}": ${problem.message}` });
  if (paramProblems.length === 0 && 'checkInFile' in entry && entry.checkInFile) {
    const message = entry.checkInFile(params ?? {}, ctx.definition);
    if (message) ctx.problems.push({ path: [...path, 'params'], message });
  }
}
