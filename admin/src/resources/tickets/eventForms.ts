/**
 * The events whose `data` the agent has to fill in (CONTRACT.md, "Events", and the shipped
 * workflows' `events.<E>.data`), and what each field is. Anything else is sent with no data
 * at once. A workflow guard that needs the data (e.g. `eventHas: reason` on CLOSE) would
 * otherwise refuse the click, and a letter template would go out with a blank.
 */
import type { RaRecord } from 'react-admin';

export type EventFieldKind = 'text' | 'line' | 'datetime' | 'select' | 'fieldList' | 'items';

export interface EventField {
  /** The key in the event's `data`; its label is `resources.tickets.event_data.<name>`. */
  name: string;
  kind: EventFieldKind;
  required?: boolean;
  /** `select`: the codes offered, labelled by `resources.tickets.<choicesPrefix>.<code>`. */
  choices?: readonly string[];
  choicesPrefix?: string;
  /** `items`: every item needs its own deadline. */
  itemDueRequired?: boolean;
  /** The value the form starts with. */
  initial?: (ticket: RaRecord) => EventValue;
}

export interface EventItem {
  what: string;
  dueAt: string;
}
export type EventValue = string | string[] | EventItem[];

// The intake fields every workflow shares (CONTRACT.md, "Intake fields").
export const INTAKE_FIELDS = [
  'inn',
  'fullName',
  'organization',
  'authority',
  'phone',
  'email',
  'occurredAt',
  'description',
  'steps',
  'screenshots',
  'entityPath',
  'documentRef',
  'reportParams',
  'errorLogs',
  'errorText',
  'video',
  'section',
] as const;

// Close reasons the contract names, plus the usual ones for closing a request unworked.
export const CLOSE_REASONS = ['resolved', 'duplicate', 'withdrawn', 'no_contract', 'stale'] as const;

// SIN-5: the regulation's three reasons to postpone a request.
export const POSTPONE_REASONS = ['insufficient_info', 'out_of_scope', 'incorrect_question'] as const;

export const EVENT_FORMS: Readonly<Record<string, readonly EventField[]>> = {
  // `missing` is a list of intake field names, preset to what the ticket lacks.
  REQUEST_INFO: [
    {
      name: 'missing',
      kind: 'fieldList',
      required: true,
      initial: (ticket) => (Array.isArray(ticket.missingFields) ? ticket.missingFields : []),
    },
  ],
  RESOLVE: [{ name: 'solution', kind: 'text', required: true }],
  CLOSE: [
    {
      name: 'reason',
      kind: 'select',
      required: true,
      choices: CLOSE_REASONS,
      choicesPrefix: 'closeReason',
      initial: (ticket) => (ticket.statusCategory === 'resolved' ? 'resolved' : ''),
    },
  ],
  POSTPONE: [
    { name: 'reason', kind: 'select', required: true, choices: POSTPONE_REASONS, choicesPrefix: 'postponeReason' },
  ],
  PROMISE: [{ name: 'finalDueAt', kind: 'datetime', required: true }],
  NAME_DATE: [{ name: 'date', kind: 'datetime', required: true }],
  REMOTE_SESSION: [{ name: 'note', kind: 'text', required: true }],
  COMPLAIN: [{ name: 'text', kind: 'text', required: true }],
  ESCALATE: [{ name: 'status', kind: 'text' }],
  ISSUE_ACT: [{ name: 'items', kind: 'items' }],
  REFUSE_ACT: [
    { name: 'reasons', kind: 'text', required: true },
    { name: 'items', kind: 'items', required: true, itemDueRequired: true },
  ],
};
