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
  deadlines {
    kind
    dueAt
    pausedAt
    metAt
    breached
  }
`;

// What the ticket page needs on top of a row. No `id` on history entries and messages:
// the server fails to serialise them there (BigInt ids; reported, server/ is not ours).
const TICKET_DETAIL = `
  ${TICKET_SUMMARY}
  audience
  closeReason
  fields
  missingFields
  availableEvents
  workflowVersion
  organizationId
  history {
    event
    fromState
    toState
    at
    actor
    data
    version
  }
  messages {
    direction
    channel
    from
    to
    subject
    body
    at
    status
  }
  links {
    relation
    ticket {
      id
      number
      subject
      statusCategory
    }
  }
  acts {
    number
    kind
    status
    issuedAt
    dueAt
    answeredAt
    reasons
    documentUrl
    items {
      what
      dueAt
    }
  }
  complaints {
    actor
    at
    text
    breaches
  }
  attachments {
    id
    field
    filename
    contentType
    size
    kept
    skippedReason
    url
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
      events {
        type
        title
        actors
        data {
          key
          required
          type
          enum
        }
      }
      fieldLabels {
        field
        label
      }
      kinds {
        id
        title
        requiredFields
      }
    }
  }
`;

export const ORGANIZATIONS = gql`
  query Organizations($tenantId: ID) {
    organizations(tenantId: $tenantId) {
      id
      tenantId
      name
      inn
      serviceLevel
      contractFrom
      contractUntil
      slaTargets
      contactName
      contactEmail
      contactPhone
      createdAt
    }
  }
`;

export const CREATE_ORGANIZATION = gql`
  mutation CreateOrganization($input: CreateOrganizationInput!) {
    createOrganization(input: $input) {
      id
      tenantId
      name
      inn
      serviceLevel
      contractFrom
      contractUntil
      slaTargets
      createdAt
    }
  }
`;

const OUTBOUND_FIELDS = `
  id
  ticketId
  direction
  channel
  from
  to
  subject
  body
  at
  status
  attempts
  lastError
  deliveredAt
`;

export const OUTBOUND_MESSAGES = gql`
  query OutboundMessages($status: String, $ticketId: ID, $to: String) {
    outboundMessages(status: $status, ticketId: $ticketId, to: $to) {
      ${OUTBOUND_FIELDS}
    }
  }
`;

export const RETRY_OUTBOUND_MESSAGE = gql`
  mutation RetryOutboundMessage($id: ID!) {
    retryOutboundMessage(id: $id) {
      ${OUTBOUND_FIELDS}
    }
  }
`;

export const NOW = gql`
  query Now {
    now
  }
`;

export const TICKET_CHANGED = `
  subscription TicketChanged {
    ticketChanged {
      event
      tenantId
      ticketId
      version
      ticket {
        id
        number
        subject
      }
    }
  }
`;

export const PROCESSING_TIME = gql`
  query ProcessingTime($tenantId: ID!, $from: DateTime!, $to: DateTime!) {
    processingTime(tenantId: $tenantId, from: $from, to: $to) {
      solved
      averageBusinessDays
      medianBusinessDays
    }
  }
`;

export const TICKET_TOTAL = gql`
  query TicketTotal($filter: TicketFilter) {
    tickets(filter: $filter, page: 0, perPage: 1) {
      total
    }
  }
`;

const USER_FIELDS = `
  id
  email
  role
  tenantIds
  disabled
  createdAt
`;

export const USERS = gql`
  query Users {
    users {
      ${USER_FIELDS}
    }
  }
`;

export const CREATE_USER = gql`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      ${USER_FIELDS}
    }
  }
`;

export const UPDATE_USER = gql`
  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {
    updateUser(id: $id, input: $input) {
      ${USER_FIELDS}
    }
  }
`;

const API_TOKEN_INFO_FIELDS = `
  id
  name
  tenantIds
  createdAt
  lastUsedAt
  revokedAt
`;

export const API_TOKENS = gql`
  query ApiTokens {
    apiTokens {
      ${API_TOKEN_INFO_FIELDS}
    }
  }
`;

// The one answer that carries the secret: the back office shows it once and keeps it nowhere.
export const CREATE_API_TOKEN = gql`
  mutation CreateApiToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      id
      name
      token
      tenantIds
      createdAt
    }
  }
`;

export const REVOKE_API_TOKEN = gql`
  mutation RevokeApiToken($id: ID!) {
    revokeApiToken(id: $id) {
      ${API_TOKEN_INFO_FIELDS}
    }
  }
`;
