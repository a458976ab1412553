/**
 * Turns `notify` effects a machine step returned as data (DESIGN principle 3) into letters
 * the engine writes in the event's transaction: one of the workflow file's templates,
 * rendered for the outbox and the ticket's thread, with a personal link when it goes to the
 * requester. The outbox worker delivers it after commit. (`recordNote` and
 * `recordComplaint` land in the history row: ticket.service.ts.)
 */
import type { CompiledWorkflow, MachineEffect } from '../workflow/index.js';
import type { Ticket } from './ticket.entity.js';
import type { Letter } from './ticket.store.js';
import { newToken, portalPath } from '../portal/requester-token.js';
import { localDateTime, renderTemplate } from './template.js';
import { labelsOf } from '../workflow/field-labels.js';

/** A letter, with the personal link's secret when it goes to the requester. */
export type LetterWithLink = Letter & { portalToken: string | null };

export function lettersFor(ticket: Ticket, workflow: CompiledWorkflow, effects: MachineEffect[], data: Record<string, unknown>, publicUrl: string): LetterWithLink[] {
  const templates = workflow.definition.templates ?? {};
  const letters: LetterWithLink[] = [];
  for (const effect of effects) {
    if (effect.type !== 'notify') continue;
    const params = effect.params ?? {};
    const template = templates[String(params.template)];
    const to = typeof params.to === 'string' ? params.to : requesterAddress(ticket);
    if (!template || !to) continue;
    const toRequester = typeof params.to !== 'string';
    const portalToken = toRequester ? newToken() : null;
    const portalUrl = portalToken ? `${publicUrl}${portalPath(portalToken)}` : '';
    const scope = {
      ticket,
      fields: ticket.fields,
      data,
      organization: (ticket.snapshot as { context?: { organization?: unknown } }).context?.organization ?? null,
      tenant: workflow.definition.tenant,
      portalUrl,
      // What the letter asks for, in words (NSO-6): the event's list, else what the ticket lacks.
      missing: labelsOf(data.missing ?? workflow.missingFields(ticket.snapshot), workflow.definition.fieldLabels),
      // NSO-12: a complaint letter carries the ticket's deadlines and whether each was kept.
      deadlines: ticket.deadlines.map(
        (d) => `${d.kind}: срок ${localDateTime(d.dueAt, workflow.definition.tenant.timezone)}${d.breached ? ' — нарушен' : d.metAt !== null ? ' — выполнен' : ''}`,
      ).join('\n'),
    };
    const body = renderTemplate(template.body ?? '', scope);
    letters.push({
      to,
      subject: renderTemplate(template.subject ?? `[${ticket.number}]`, scope),
      // The link goes into every letter to the requester, worded by the template or added here.
      body: portalToken && !(template.body ?? '').includes('{{portalUrl}}') ? `${body.trimEnd()}\n\nСтраница обращения: ${portalUrl}\n` : body,
      portalToken,
    });
  }
  return letters;
}

function requesterAddress(ticket: Ticket): string | null {
  const email = ticket.fields.email;
  if (typeof email === 'string' && email.includes('@')) return email;
  return ticket.requester?.includes('@') ? ticket.requester : null;
}
