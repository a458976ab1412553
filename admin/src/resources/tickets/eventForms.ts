/**
 * The events whose `data` the agent has to fill in (CONTRACT.md, "Events"), and what each
 * field is. Anything else is sent with no data at once. A workflow guard that needs the
 * data (e.g. `eventHas: reason` on CLOSE) would otherwise refuse the click with a puzzling
 * "not available in the current state", and a letter template would go out with a blank
 * where the solution belongs.
 */
import type { RaRecord } from 'react-admin';

export type EventFieldKind = 'text' | 'datetime' | 'select' | 'fieldList';

export interface EventField {
  /** The key in the event's `data`; its label is `resources.tickets.event_data.<name>`. */
  name: string;
  kind: EventFieldKind;
  required?: boolean;
  /** `select`: the codes offered, labelled by `resources.tickets.<choicesPrefix>.<code>`. */
  choices?: readonly string[];
  choicesPrefix?: string;
  /** The value the form starts with. */
  initial?: (ticket: RaRecord) => string | string[];
}

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
  POSTPONE: [{ name: 'reason', kind: 'text', required: true }],
  PROMISE: [{ name: 'finalDueAt', kind: 'datetime', required: true }],
};
