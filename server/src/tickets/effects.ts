/**
 * Turns the effects a machine step returned as data (DESIGN principle 3) into what the
 * engine writes in the event's transaction: today `notify`, which renders one of the
 * workflow file's templates into a letter for the outbox and the ticket's thread. The
 * outbox worker delivers it after commit.
 */
import type { CompiledWorkflow, MachineEffect } from '../workflow/index.js';
import type { Ticket } from './ticket.entity.js';
import type { Letter } from './ticket.store.js';
import { renderTemplate } from './template.js';
import { labelsOf } from '../workflow/field-labels.js';

export function lettersFor(ticket: Ticket, workflow: CompiledWorkflow, effects: MachineEffect[], data: Record<string, unknown>): Letter[] {
  const templates = workflow.definition.templates ?? {};
  const letters: Letter[] = [];
  for (const effect of effects) {
    if (effect.type !== 'notify') continue;
    const params = effect.params ?? {};
    const template = templates[String(params.template)];
    const to = typeof params.to === 'string' ? params.to : requesterAddress(ticket);
    if (!template || !to) continue;
    const scope = {
      ticket,
      fields: ticket.fields,
      data,
      tenant: workflow.definition.tenant,
      // What the letter asks for, in words (NSO-6): the event's list, else what the ticket lacks.
      missing: labelsOf(data.missing ?? workflow.missingFields(ticket.snapshot), workflow.definition.fieldLabels),
    };
    letters.push({
      to,
      subject: renderTemplate(template.subject ?? `[${ticket.number}]`, scope),
      body: renderTemplate(template.body ?? '', scope),
    });
  }
  return letters;
}

function requesterAddress(ticket: Ticket): string | null {
  const email = ticket.fields.email;
  if (typeof email === 'string' && email.includes('@')) return email;
  return ticket.requester?.includes('@') ? ticket.requester : null;
}
