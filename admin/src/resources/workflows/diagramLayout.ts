/**
 * Where the diagram's states and arrows go, computed by ELK's layered algorithm: status
 * categories are columns in their natural order (new → open → waiting → resolved → closed,
 * ELK partitions), arrows are routed orthogonally around the states, and their labels are
 * placed by ELK so they do not overlap. Transitions that stay in their state are not
 * arrows: the state lists them itself (a loop arrow would only add noise).
 */
import ELK, { type ElkExtendedEdge, type ElkNode } from 'elkjs/lib/elk.bundled.js';
import { STATUS_CATEGORIES, type StatusCategory } from '../tickets/choices';
import type { GraphState, GraphTransition, WorkflowGraph } from './graph';

export interface Point {
  x: number;
  y: number;
}

export interface LaidOutState extends GraphState {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Events and delays taken without leaving the state. */
  stays: GraphTransition[];
}

export interface LaidOutArrow {
  id: string;
  from: string;
  to: string;
  transitions: GraphTransition[];
  points: Point[];
  label: { text: string; x: number; y: number; width: number; height: number };
}

export interface CategoryBand {
  category: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DiagramLayout {
  states: LaidOutState[];
  arrows: LaidOutArrow[];
  bands: CategoryBand[];
  /** The machine's own `on`: events taken in every state that is not final. */
  everywhere: GraphTransition[];
}

const STATE_WIDTH = 190;
const LINE_HEIGHT = 18;
const LABEL_CHAR_WIDTH = 6.6;
const BAND_PADDING = 16;

const elk = new ELK();

/**
 * `labelOf` words a transition (an event title, a delay); it sizes the labels ELK places.
 * Parallel transitions between the same two states share one arrow.
 */
export async function layoutDiagram(graph: WorkflowGraph, labelOf: (t: GraphTransition) => string): Promise<DiagramLayout> {
  const stays = new Map(graph.states.map((s) => [s.id, [] as GraphTransition[]]));
  const arrows = new Map<string, { from: string; to: string; transitions: GraphTransition[] }>();
  for (const t of graph.transitions) {
    if (t.from === null) continue;
    if (t.to === null || t.to === t.from) {
      stays.get(t.from)?.push(t);
      continue;
    }
    const key = `${t.from}→${t.to}`;
    const arrow = arrows.get(key) ?? { from: t.from, to: t.to, transitions: [] };
    arrow.transitions.push(t);
    arrows.set(key, arrow);
  }
  const heightOf = (id: string) => 44 + (stays.get(id)?.length ?? 0) * LINE_HEIGHT;
  const labelText = (transitions: GraphTransition[]) => transitions.map(labelOf).join(', ');
  const root: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.partitioning.activate': 'true',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.spacing.nodeNode': '36',
      'elk.layered.spacing.nodeNodeBetweenLayers': '60',
      'elk.spacing.edgeLabel': '4',
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
    },
    children: graph.states.map((s) => ({
      id: s.id,
      width: STATE_WIDTH,
      height: heightOf(s.id),
      layoutOptions: { 'elk.partitioning.partition': String(partitionOf(s)) },
    })),
    edges: [...arrows.entries()].map(([id, a]): ElkExtendedEdge => {
      const text = labelText(a.transitions);
      return {
        id,
        sources: [a.from],
        targets: [a.to],
        labels: [{ id: `${id}:label`, text, width: text.length * LABEL_CHAR_WIDTH + 8, height: LINE_HEIGHT }],
      };
    }),
  };
  const laid = await elk.layout(root);
  const states = graph.states.map((s): LaidOutState => {
    const node = laid.children!.find((c) => c.id === s.id)!;
    return { ...s, x: node.x ?? 0, y: node.y ?? 0, width: node.width ?? STATE_WIDTH, height: node.height ?? heightOf(s.id), stays: stays.get(s.id) ?? [] };
  });
  return {
    states,
    arrows: (laid.edges ?? []).map((edge) => arrowOf(edge as ElkExtendedEdge, arrows.get(edge.id)!)),
    bands: bandsOf(states),
    everywhere: graph.transitions.filter((t) => t.from === null),
  };
}

/** A state without a category (a broken draft) goes last rather than breaking the layout. */
function partitionOf(state: GraphState): number {
  const index = STATUS_CATEGORIES.indexOf(state.category as StatusCategory);
  return index < 0 ? STATUS_CATEGORIES.length : index;
}

function arrowOf(edge: ElkExtendedEdge, arrow: { from: string; to: string; transitions: GraphTransition[] }): LaidOutArrow {
  const section = edge.sections?.[0];
  const points = section ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint] : [];
  const label = edge.labels?.[0];
  return {
    id: edge.id,
    ...arrow,
    points,
    label: { text: label?.text ?? '', x: label?.x ?? 0, y: label?.y ?? 0, width: label?.width ?? 0, height: label?.height ?? 0 },
  };
}

/** The box around each category's states, drawn behind them with the category's name. */
function bandsOf(states: LaidOutState[]): CategoryBand[] {
  const categories = [...new Set(states.map((s) => s.category ?? ''))];
  return categories.map((category) => {
    const members = states.filter((s) => (s.category ?? '') === category);
    const left = Math.min(...members.map((s) => s.x)) - BAND_PADDING;
    const top = Math.min(...members.map((s) => s.y)) - BAND_PADDING - LINE_HEIGHT;
    const right = Math.max(...members.map((s) => s.x + s.width)) + BAND_PADDING;
    const bottom = Math.max(...members.map((s) => s.y + s.height)) + BAND_PADDING;
    return { category, x: left, y: top, width: right - left, height: bottom - top };
  });
}
