/**
 * The machine drawn for people (the back office's workflow diagram): leaf states with their
 * status category, and transitions labelled with the event or delay that takes them, exactly
 * as XState takes them (inherited from enclosing states, compound targets entering their
 * initial state).
 */
import { describe, expect, it } from 'vitest';
import { workflowGraph, type WorkflowGraph } from '../../server/src/workflow/workflow.graph.js';
import { SHIPPED_TENANTS, definitionOf, readFixture, readShipped } from './workflow.helpers.js';

const edges = (graph: WorkflowGraph, from: string | null) =>
  graph.transitions.filter((t) => t.from === from).map((t) => `${t.label} → ${t.to ?? '(stays)'}`);

describe('workflowGraph of a file with nested states', () => {
  const graph = workflowGraph(definitionOf(readFixture('timers.yaml')));

  it('draws leaf states with their status category; a compound state is not a node of its own', () => {
    expect(graph.states.map((s) => [s.id, s.category])).toEqual([
      ['new', 'new'],
      ['open', 'open'],
      ['waiting.asked', 'waiting_customer'],
      ['waiting.reminded', 'waiting_customer'],
      ['resolved', 'resolved'],
      ['closed', 'closed'],
    ]);
    expect(graph.initial).toBe('new');
    expect(graph.states.filter((s) => s.final).map((s) => s.id)).toEqual(['closed']);
  });

  it('a transition into a compound state lands on its initial state', () => {
    expect(edges(graph, 'open')).toContain('REQUEST_INFO → waiting.asked');
  });

  it("each inner state takes its enclosing state's events and delays, beside its own", () => {
    expect(edges(graph, 'waiting.asked')).toEqual(['1d → waiting.reminded', 'PROVIDE_INFO → open', 'REQUEST_INFO → waiting.asked', '3d → closed']);
    expect(edges(graph, 'waiting.reminded')).toEqual(['PROVIDE_INFO → open', 'REQUEST_INFO → waiting.asked', '3d → closed']);
  });

  it('an event that only runs actions stays in its state, and a guarded one names its guard', () => {
    expect(edges(graph, 'open')).toContain('NOTE → (stays)');
    expect(graph.transitions).toContainEqual({ from: 'new', to: 'open', kind: 'event', label: 'TAKE', guard: 'hasRequiredFields' });
    expect(graph.transitions).toContainEqual({ from: 'resolved', to: 'closed', kind: 'delay', label: '2bd', guard: null });
  });
});

describe.each(SHIPPED_TENANTS)('the diagram of %s', (tenant) => {
  const definition = definitionOf(readShipped(tenant));
  const graph = workflowGraph(definition);
  const ids = new Set(graph.states.map((s) => s.id));

  it('every transition ends in a state of the diagram, and every state has a status category', () => {
    for (const t of graph.transitions) if (t.to !== null) expect(ids, `${t.from} ${t.label}`).toContain(t.to);
    expect(graph.states.filter((s) => s.category === null)).toEqual([]);
  });

  it('every state can be reached from the initial one', () => {
    const reached = new Set([graph.initial]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const t of graph.transitions) {
        if (t.to && (t.from === null || reached.has(t.from)) && !reached.has(t.to)) {
          reached.add(t.to);
          grew = true;
        }
      }
    }
    expect([...ids].filter((id) => !reached.has(id))).toEqual([]);
  });

  it("events of the machine's own `on` are drawn once, for every state", () => {
    const global = Object.keys(definition.machine.on ?? {});
    expect(graph.transitions.filter((t) => t.from === null).map((t) => t.label)).toEqual(global);
  });
});
