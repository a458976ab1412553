/**
 * Every GraphQL document the back office sends, in one place, written against the names
 * fixed in shared/CONTRACT.md. Introspection is off, so these documents are the only thing
 * that has to agree with the server's schema.
 */
import { gql } from '@apollo/client';

// Selections are plain strings, not fragments: a fragment names the object type
// (`on Ticket`), and that name is the one part of the schema the contract's operations do
// not pin down (a type-graphql server may call it `TicketType`). Operation, argument and
// input type names are all the documents depend on.

// What a list row needs: cheap to fetch for a page of tickets.
const TICKET_SUMMARY = `
  id
  tenantId
  number
  kind
  priority
  channel
  subject
  state
  statusCategory
  version
  createdAt
  updatedAt
`;

// What the ticket page needs on top of a row.
const TICKET_DETAIL = `
  ${TICKET_SUMMARY}
  audience
  closeReason
  fields
  missingFields
  availableEvents
  history {
    event
    fromState
    toState
    at
    actor
  }
`;

export const TICKETS = gql`
  query Tickets(
    $filter: TicketFilter
    $sortField: String
    $sortOrder: SortOrder
    $page: Int
    $perPage: Int
  ) {
    tickets(
      filter: $filter
      sortField: $sortField
      sortOrder: $sortOrder
      page: $page
      perPage: $perPage
    ) {
      items {
        ${TICKET_SUMMARY}
      }
      total
    }
  }
`;

export const TICKET = gql`
  query Ticket($id: ID!) {
    ticket(id: $id) {
      ${TICKET_DETAIL}
    }
  }
`;

export const CREATE_TICKET = gql`
  mutation CreateTicket($input: CreateTicketInput!) {
    createTicket(input: $input) {
      ${TICKET_DETAIL}
    }
  }
`;

export const SEND_TICKET_EVENT = gql`
  mutation SendTicketEvent($ticketId: ID!, $type: String!, $data: JSON, $expectedVersion: Int) {
    sendTicketEvent(ticketId: $ticketId, type: $type, data: $data, expectedVersion: $expectedVersion) {
      ${TICKET_DETAIL}
    }
  }
`;

export const TENANTS = gql`
  query Tenants {
    tenants {
      id
      title
      timezone
      workflowVersion
      channels {
        kind
        address
        official
      }
    }
  }
`;
