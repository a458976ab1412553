// The machine of a workflow file as a graph a person can read: its states with their status
// category, and its transitions labelled with the event or delay that takes them. The back
// office draws it (admin's workflow pages, and a ticket's current state on it). Pure: it
// reads the definition only, so a draft in the editor is drawn exactly as it would run.
import { STATUS_CATEGORIES, type CatalogRef, type StateNodeDefinition, type StatusCategory, type TransitionDefinition, type TransitionsDefinition, type WorkflowDefinition } from './workflow.types.js';

export interface GraphState {
  /** Dot-separated path, as `Ticket.state` names it (`open.in_development`). */
  id: string;
  category: StatusCategory | null;
  initial: boolean;
  final: boolean;
  description: string | null;
}

export type GraphTransitionKind = 'event' | 'delay' | 'always';

export interface GraphTransition {
  /** Null for the machine's own `on`: the event is taken in every state that is not final. */
  from: string | null;
  /** Null when the transition stays in its state (it only runs actions, e.g. records a promise). */
  to: string | null;
  kind: GraphTransitionKind;
  /** The event type (`TAKE`), the delay expression or named delay (`2bd`), or `always`. */
  label: string;
  /** The guard's catalog name, when the transition is taken only under a condition. */
  guard: string | null;
}

export interface WorkflowGraph {
  initial: string;
  states: GraphState[];
  transitions: GraphTransition[];
}

interface Visit {
  path: string[];
  node: StateNodeDefinition;
  /** The states around this one, innermost first: where its targets and inherited handlers come from. */
  ancestors: { path: string[]; node: StateNodeDefinition }[];
}

/** Every state of the machine by its path, and the paths of states with an explicit `id:`. */
interface StateIndex {
  machineId: string;
  byPath: Map<string, StateNodeDefinition>;
  byId: Map<string, string[]>;
}

/**
 * Every leaf state (atomic or final) as a node. A compound state is not drawn on its own:
 * its transitions are drawn from each leaf inside it that does not handle the same event
 * itself, which is how XState takes them.
 */
export function workflowGraph(definition: WorkflowDefinition): WorkflowGraph {
  const { machine } = definition;
  const index: StateIndex = { machineId: machine.id, byPath: new Map(), byId: new Map() };
  indexStates(machine.states, [], index);
  const initial = initialLeaf(machine.states, machine.initial, []);
  const leaves = leafStates(machine.states, [], []);
  const states = leaves.map((leaf) => graphState(leaf, initial));
  const transitions = leaves.flatMap((leaf) => transitionsOfLeaf(leaf, index));
  for (const [event, spec] of Object.entries(machine.on ?? {})) {
    for (const t of transitionList(spec)) {
      transitions.push({ from: null, to: targetLeaf(t, [], [], index), kind: 'event', label: event, guard: catalogName(t.guard) });
    }
  }
  return { initial, states, transitions };
}

function leafStates(states: Record<string, StateNodeDefinition>, parent: string[], ancestors: Visit['ancestors']): Visit[] {
  return Object.entries(states).flatMap(([key, node]) => {
    const path = [...parent, key];
    if (hasChildren(node)) return leafStates(node.states!, path, [{ path, node }, ...ancestors]);
    return [{ path, node, ancestors }];
  });
}

function indexStates(states: Record<string, StateNodeDefinition>, parent: string[], index: StateIndex): void {
  for (const [key, node] of Object.entries(states)) {
    const path = [...parent, key];
    index.byPath.set(path.join('.'), node);
    if (node.id) index.byId.set(node.id, path);
    if (node.states) indexStates(node.states, path, index);
  }
}

function hasChildren(node: StateNodeDefinition | undefined): boolean {
  return !!node?.states && Object.keys(node.states).length > 0;
}

function graphState(leaf: Visit, initial: string): GraphState {
  const tags = [...(leaf.node.tags ?? []), ...leaf.ancestors.flatMap((a) => a.node.tags ?? [])];
  const category = (STATUS_CATEGORIES as readonly string[]).find((c) => tags.includes(c)) as StatusCategory | undefined;
  const id = leaf.path.join('.');
  return {
    id,
    category: category ?? null,
    initial: id === initial,
    final: leaf.node.type === 'final',
    description: leaf.node.description ?? null,
  };
}

function initialLeaf(states: Record<string, StateNodeDefinition>, initial: string | undefined, parent: string[]): string {
  const key = initial ?? Object.keys(states)[0];
  const node = states[key];
  const path = [...parent, key];
  return hasChildren(node) ? initialLeaf(node.states!, node.initial, path) : path.join('.');
}

/** The leaf's own transitions, then those it inherits from enclosing states (not overridden). */
function transitionsOfLeaf(leaf: Visit, index: StateIndex): GraphTransition[] {
  const from = leaf.path.join('.');
  const handled = new Set<string>();
  const result: GraphTransition[] = [];
  const add = (kind: GraphTransitionKind, label: string, spec: TransitionsDefinition | undefined, source: string[]) => {
    for (const t of transitionList(spec)) {
      result.push({ from, to: targetLeaf(t, source.slice(0, -1), source, index), kind, label, guard: catalogName(t.guard) });
    }
  };
  for (const level of [{ path: leaf.path, node: leaf.node }, ...leaf.ancestors]) {
    for (const [event, spec] of Object.entries(level.node.on ?? {})) {
      if (handled.has(event)) continue;
      handled.add(event);
      add('event', event, spec, level.path);
    }
    for (const [delay, spec] of Object.entries(level.node.after ?? {})) add('delay', delay, spec, level.path);
    add('always', 'always', level.node.always, level.path);
  }
  return result;
}

function transitionList(spec: TransitionsDefinition | undefined): TransitionDefinition[] {
  if (spec === undefined) return [];
  if (typeof spec === 'string') return [{ target: spec }];
  return Array.isArray(spec) ? spec : [spec];
}

/**
 * Where a transition lands, as a leaf id; null when it stays. XState's target forms:
 * `sibling` (or `sibling.child`), `.child` of the source, `#id`. A compound target enters
 * its initial leaf.
 */
function targetLeaf(t: TransitionDefinition, siblingsOf: string[], source: string[], index: StateIndex): string | null {
  const target = Array.isArray(t.target) ? t.target[0] : t.target;
  if (!target) return null;
  let path: string[];
  if (target.startsWith('#')) path = index.byId.get(target.slice(1)) ?? defaultIdPath(target.slice(1), index.machineId);
  else if (target.startsWith('.')) path = [...source, ...target.slice(1).split('.')];
  else path = [...siblingsOf, ...target.split('.')];
  const node = index.byPath.get(path.join('.'));
  return hasChildren(node) ? initialLeaf(node!.states!, node!.initial, path) : path.join('.');
}

/** XState's default id of a state is the machine's id and the state's path: `#tomsk.closed`. */
function defaultIdPath(id: string, machineId: string): string[] {
  return id.startsWith(`${machineId}.`) ? id.slice(machineId.length + 1).split('.') : [id];
}

function catalogName(ref: CatalogRef | undefined): string | null {
  if (ref === undefined) return null;
  return typeof ref === 'string' ? ref : ref.type;
}
