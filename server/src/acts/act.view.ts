/** A ticket's acts (kept in its machine context, workflow/acts.ts) as the API shows them. */
import { actsOf, type Act } from '../workflow/index.js';
import type { AcceptanceAct } from './act.types.js';

export const actNumber = (ticketNumber: string, act: Pick<Act, 'n'>) => `${ticketNumber}-A${act.n}`;

export const actDocumentPath = (ticketId: string, act: Pick<Act, 'n'>) => `/tickets/${ticketId}/acts/${act.n}`;

export function actsOfTicket(ticket: { id: string; number: string; snapshot: Record<string, unknown> }): AcceptanceAct[] {
  const context = (ticket.snapshot as { context?: Record<string, unknown> }).context ?? {};
  const at = (iso: string | null) => (iso ? new Date(iso) : null);
  return actsOf(context).map((act) => ({
    number: actNumber(ticket.number, act),
    kind: act.kind,
    status: act.status,
    issuedAt: at(act.issuedAt),
    dueAt: at(act.dueAt),
    answeredAt: at(act.answeredAt),
    reasons: act.reasons,
    items: act.items.map((item) => ({ what: item.what, dueAt: at(item.dueAt) })),
    documentUrl: actDocumentPath(ticket.id, act),
  }));
}
