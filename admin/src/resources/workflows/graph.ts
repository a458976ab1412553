/**
 * The machine of a workflow as the server draws it (`workflowGraph`, `checkWorkflow`), and
 * the queries that fetch it. The diagram, the editor's preview and a ticket's page share it.
 */
import { gql } from '@apollo/client';

export interface GraphState {
  id: string;
  category: string | null;
  initial: boolean;
  final: boolean;
  description: string | null;
}

export interface GraphTransition {
  from: string | null;
  to: string | null;
  kind: 'event' | 'delay' | 'always';
  label: string;
  guard: string | null;
}

export interface WorkflowGraph {
  initial: string;
  states: GraphState[];
  transitions: GraphTransition[];
}

/** The titles the workflow file gives its events, for labels our messages lack. */
export const eventTitlesOf = (tenant: { [key: string]: unknown } | undefined): Record<string, string> =>
  Object.fromEntries(((tenant?.events ?? []) as { type: string; title: string }[]).map((e) => [e.type, e.title]));

export const GRAPH_FIELDS = gql`
  fragment GraphFields on WorkflowGraph {
    initial
    states {
      id
      category
      initial
      final
      description
    }
    transitions {
      from
      to
      kind
      label
      guard
    }
  }
`;

export const WORKFLOW_GRAPH = gql`
  query WorkflowGraph($tenantId: ID!, $version: Int) {
    workflowGraph(tenantId: $tenantId, version: $version) {
      ...GraphFields
    }
  }
  ${GRAPH_FIELDS}
`;
