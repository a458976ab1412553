/**
 * The SIN-11 notice: who receives it and what it says. Pure, so the rules of who is "the
 * other side" read in one place. A workflow may word the letter itself with a
 * `contact_change` template, as `mail_rejected` words a refusal. Placeholders:
 * organization.name, change.sideTitle, change.previous (name and address, or «не было
 * указано»), change.reach (e-mail and phone), change.previousName, change.previousEmail,
 * change.newName, change.newEmail, change.newPhone, change.effectiveFrom (local), tenant.title.
 */
import { DateTime } from 'luxon';
import { toLuxonZone } from '../clock/zones.js';
import { renderTemplate } from '../tickets/template.js';
import type { WorkflowDefinition } from '../workflow/index.js';
import type { ContactSide } from './contact-change.entity.js';

/**
 * The other side's address. The customer's person changes: the desk is told, at its support
 * mailbox. The desk's person changes: the customer is told, at the organisation's contact,
 * or, while the organisation has none on record, at the desk's mailbox, so the notice is at
 * least seen by the desk and passed on rather than lost.
 */
export function noticeRecipient(side: ContactSide, organizationContactEmail: string | null, supportMailbox: string | null): string | null {
  if (side === 'contractor' && organizationContactEmail) return organizationContactEmail;
  return supportMailbox;
}

export interface NoticeFacts {
  side: ContactSide;
  organization: { name: string; inn: string | null };
  previousName: string | null;
  previousEmail: string | null;
  newName: string;
  newEmail: string;
  newPhone: string | null;
  effectiveFrom: Date;
}

const sideTitles: Record<ContactSide, string> = { customer: 'заказчика', contractor: 'исполнителя' };

export function noticeLetter(definition: WorkflowDefinition, facts: NoticeFacts): { subject: string; body: string } {
  // The date as the tenant reads it: its own zone, not UTC.
  const local = DateTime.fromJSDate(facts.effectiveFrom, { zone: toLuxonZone(definition.tenant.timezone) });
  const change = {
    ...facts,
    sideTitle: sideTitles[facts.side],
    // Phrases for the default letter, which must read well when a phone or a previous person is not on record.
    reach: [`e-mail: ${facts.newEmail}`, facts.newPhone && `телефон: ${facts.newPhone}`].filter(Boolean).join(', '),
    previous: [facts.previousName, facts.previousEmail && `<${facts.previousEmail}>`].filter(Boolean).join(' ') || 'не было указано',
    effectiveFrom: `${local.toFormat('dd.MM.yyyy HH:mm')} (${definition.tenant.timezone})`,
  };
  const scope = { change, organization: facts.organization, tenant: definition.tenant };
  const subject = `Смена ответственного лица ${change.sideTitle}: ${facts.organization.name}, с ${local.toFormat('dd.MM.yyyy')}`;
  const template = definition.templates?.contact_change;
  if (template) return { subject: renderTemplate(template.subject ?? subject, scope), body: renderTemplate(template.body ?? defaultBody, scope) };
  return { subject, body: renderTemplate(defaultBody, scope) };
}

const defaultBody = [
  'Уведомляем о смене ответственного лица {{change.sideTitle}} по организации «{{organization.name}}» с {{change.effectiveFrom}}.',
  '',
  'Прежнее ответственное лицо: {{change.previous}}',
  'Новое ответственное лицо: {{change.newName}}, {{change.reach}}',
  '',
  '{{tenant.title}}',
  '',
].join('\n');
