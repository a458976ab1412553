/**
 * The events whose `data` the agent has to fill in, and what each field is: hand-made
 * forms for the contract's events (CONTRACT.md, "Events"), completed by what the workflow
 * file says of each event (`events.<E>.data`, served as `Tenant.events.data`): its
 * required keys and allowed values. An event of a workflow's own gets its form from the
 * file alone. Anything without data is sent at once. A workflow guard that needs the data
 * (e.g. `eventHas: reason` on CLOSE) would otherwise refuse the click, and a letter
 * template would go out with a blank.
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
  POSTPONE: [
    // The reasons are the file's (`events.POSTPONE.data.reason.enum`, SIN-5).
    { name: 'reason', kind: 'select', required: true, choicesPrefix: 'postponeReason' },
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

/** One key of an event's data as the workflow file requires it (`Tenant.events.data`). */
export interface EventDataRule {
  key: string;
  required: boolean;
  type: string | null;
  enum: string[] | null;
}

const KIND_OF_TYPE: Record<string, EventFieldKind> = { datetime: 'datetime', number: 'line', list: 'text', string: 'text' };

/** A field for a key only the workflow file knows. */
const fieldFromRule = (rule: EventDataRule): EventField =>
  rule.enum ? { name: rule.key, kind: 'select', required: rule.required, choices: rule.enum } : { name: rule.key, kind: KIND_OF_TYPE[rule.type ?? 'string'] ?? 'text', required: rule.required };

/**
 * The form of event `type`: the hand-made one with the file's rules laid over it (a key the
 * file requires is required; its allowed values are the choices), plus a field for each key
 * only the file names. Undefined when the event carries no data.
 */
export function eventFormOf(type: string, rules: readonly EventDataRule[] = []): EventField[] | undefined {
  const base = EVENT_FORMS[type] ?? [];
  const fields = base.map((field) => {
    const rule = rules.find((r) => r.key === field.name);
    if (!rule) return field;
    return { ...field, required: field.required || rule.required, choices: rule.enum ?? field.choices };
  });
  for (const rule of rules) if (!base.some((f) => f.name === rule.key)) fields.push(fieldFromRule(rule));
  return fields.length > 0 ? fields : undefined;
}
