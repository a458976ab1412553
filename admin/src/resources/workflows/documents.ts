/** The workflow pages' own operations (admin): versions, checking a draft, publishing. */
import { gql } from '@apollo/client';
import { GRAPH_FIELDS } from './graph';

export const WORKFLOW_VERSIONS = gql`
  query WorkflowVersions($tenantId: ID!) {
    workflowVersions(tenantId: $tenantId) {
      id
      version
      inForce
      createdAt
      sourceHash
      fileName
      source
    }
  }
`;

export const CHECK_WORKFLOW = gql`
  query CheckWorkflow($tenantId: ID!, $source: String!) {
    checkWorkflow(tenantId: $tenantId, source: $source) {
      valid
      problems {
        line
        column
        message
        path
      }
      graph {
        ...GraphFields
      }
    }
  }
  ${GRAPH_FIELDS}
`;

export const PUBLISH_WORKFLOW = gql`
  mutation PublishWorkflow($tenantId: ID!, $source: String!) {
    publishWorkflow(tenantId: $tenantId, source: $source) {
      version
      created
    }
  }
`;

export interface WorkflowVersionRow {
  id: string;
  version: number;
  inForce: boolean;
  createdAt: string;
  sourceHash: string;
  fileName: string;
  source: string;
}

export interface WorkflowProblem {
  line: number;
  column: number;
  message: string;
  path: string;
}
