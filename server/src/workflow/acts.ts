// Acceptance acts (SIN-9, SIN-10) as plain data in the ticket's context: the machine issues,
// approves and refuses them through assign actions, so an act changes in the same pure step
// as the state, and a ticket's acts travel with its snapshot. Pure functions of the context.

import { isFieldPresent } from './intake.fields.js';

export type ActStatus = 'issued' | 'overdue' | 'approved' | 'refused' | 'agreed';

export interface ActItem {
  what: string;
  dueAt: string | null;
}

export interface Act {
  /** 1, 2, … in the order the ticket's acts were written. */
  n: number;
  /** `acceptance`: the work is done, please accept; `rework`: the bilateral act after a refusal. */
  kind: 'acceptance' | 'rework';
  status: ActStatus;
  issuedAt: string;
  /** When the customer's answer is due (acceptance), null for a rework act. */
  dueAt: string | null;
  answeredAt: string | null;
  items: ActItem[];
  /** The customer's reasons for refusing (SIN-9 "motivated refusal"). */
  reasons: string | null;
}

export function actsOf(context: Record<string, unknown>): Act[] {
  return Array.isArray(context.acts) ? (context.acts as Act[]) : [];
}

/** The acceptance act waiting for the customer's answer, if any. */
export function pendingAct(acts: Act[]): Act | undefined {
  return [...acts].reverse().find((a) => a.kind === 'acceptance' && (a.status === 'issued' || a.status === 'overdue'));
}

/** `[{ what, dueAt }]` or `["what", …]` from an event's data, as act items. */
export function itemsFrom(value: unknown): ActItem[] {
  if (!Array.isArray(value)) return [];
  return value
    .map((item): ActItem | null => {
      if (typeof item === 'string') return item.trim() ? { what: item.trim(), dueAt: null } : null;
      if (item && typeof item === 'object' && isFieldPresent((item as { what?: unknown }).what)) {
        const { what, dueAt } = item as { what: unknown; dueAt?: unknown };
        return { what: String(what), dueAt: typeof dueAt === 'string' && dueAt ? new Date(dueAt).toISOString() : null };
      }
      return null;
    })
    .filter((item): item is ActItem => item !== null);
}

export function issueAct(acts: Act[], nowMs: number, dueInMs: number, items: ActItem[]): Act[] {
  const issuedAt = new Date(nowMs).toISOString();
  return [
    ...acts,
    { n: acts.length + 1, kind: 'acceptance', status: 'issued', issuedAt, dueAt: new Date(nowMs + dueInMs).toISOString(), answeredAt: null, items, reasons: null },
  ];
}

export function answerAct(acts: Act[], nowMs: number, status: 'approved' | 'refused', reasons: string | null): Act[] {
  const pending = pendingAct(acts);
  if (!pending) return acts;
  const answeredAt = new Date(nowMs).toISOString();
  return acts.map((a) => (a === pending ? { ...a, status, answeredAt, reasons } : a));
}

/** SIN-10: the bilateral act listing the rework and its deadlines. */
export function reworkAct(acts: Act[], nowMs: number, items: ActItem[]): Act[] {
  const issuedAt = new Date(nowMs).toISOString();
  return [...acts, { n: acts.length + 1, kind: 'rework', status: 'agreed', issuedAt, dueAt: null, answeredAt: null, items, reasons: null }];
}

/** An acceptance act past its due date without an answer is flagged `overdue`. */
export function flagOverdue(acts: Act[], nowMs: number): Act[] {
  return acts.map((a) => (a.kind === 'acceptance' && a.status === 'issued' && a.dueAt !== null && Date.parse(a.dueAt) <= nowMs ? { ...a, status: 'overdue' } : a));
}
