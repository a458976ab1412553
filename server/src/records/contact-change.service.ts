/**
 * SIN-11 contact changes: when the responsible person of one side changes, the other side
 * is told in advance. Announcing a change records it, makes the organisation's contact the
 * new person (for a customer-side change), and writes the notice to the outbox, all in one
 * transaction (DESIGN principle 1: the side effect commits with the change); the outbox
 * worker delivers it.
 *
 * Changes are ordered by `effectiveFrom`, not by when they were announced: the previous
 * person of a change is whoever is in charge just before it takes effect, and a change
 * announced later for an earlier day slots in between. The organisation's contact becomes
 * the person of its latest customer-side change at once, rather than on `effectiveFrom`:
 * the record answers "who is announced", and the previous person stays on the change row.
 * The contractor's person for an organisation lives only on the change rows.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../graphql/errors.js';
import { OrganizationSchema } from '../orgs/organization.entity.js';
import { isEmailAddress } from '../orgs/organization.service.js';
import { OutboxSchema } from '../outbox/outbox.entity.js';
import { emailAddressesOf } from '../mail/tenant-mailboxes.js';
import type { WorkflowRegistry } from '../tenants/workflow-registry.js';
import { isUuid } from '../tickets/ticket.service.js';
import { ContactChangeSchema, contactSides, type ContactChange, type ContactSide } from './contact-change.entity.js';
import type { AnnounceContactChangeInput } from './contact-change.types.js';
import { noticeLetter, noticeRecipient } from './contact-change.notice.js';
import { optionalText, requiredText } from './records.access.js';

const maxShort = 300;

export async function announceContactChange(
  em: EntityManager,
  registry: WorkflowRegistry,
  input: AnnounceContactChangeInput,
  actor: string,
  now: Date,
): Promise<ContactChange> {
  const side = input.side as ContactSide;
  if (!contactSides.includes(side)) throw badInput(`side must be one of ${contactSides.join(', ')}`, ['side']);
  const newName = requiredText(input.newName, 'newName', maxShort);
  const newEmail = requiredText(input.newEmail, 'newEmail', maxShort);
  if (!isEmailAddress(newEmail)) throw badInput('newEmail is not an e-mail address', ['newEmail']);
  const newPhone = optionalText(input.newPhone, 'newPhone', maxShort);
  // "In advance": the notice must precede the change, by the product's clock.
  if (!(input.effectiveFrom.getTime() > now.getTime())) throw badInput('effectiveFrom must be in the future: the other side is told in advance', ['effectiveFrom']);

  const organization = isUuid(input.organizationId)
    ? await em.findOne(OrganizationSchema, { id: input.organizationId, tenantId: input.tenantId })
    : null;
  if (!organization) throw badInput(`No organisation ${input.organizationId} in tenant ${input.tenantId}`, ['organizationId']);

  const current = await registry.current(input.tenantId);
  if (!current) throw badInput(`Unknown tenant "${input.tenantId}"`, ['tenantId']);
  const supportMailbox = emailAddressesOf({ tenantId: input.tenantId, definition: current.workflow.definition })[0] ?? null;
  const noticeTo = noticeRecipient(side, organization.contactEmail, supportMailbox);
  if (!noticeTo) throw badInput("The tenant's workflow names no email channel, so the other side cannot be told", ['side']);

  const earlier = await em.find(ContactChangeSchema, { organizationId: organization.id, side }, { orderBy: { effectiveFrom: 'asc', createdAt: 'asc' } });
  const onRecord = side === 'customer' ? { name: organization.contactName, email: organization.contactEmail } : { name: null, email: null };
  const previous = personBefore(earlier, input.effectiveFrom, onRecord);
  const latest = earlier.at(-1);
  const becomesCurrent = !latest || input.effectiveFrom.getTime() >= latest.effectiveFrom.getTime();
  const change = em.create(ContactChangeSchema, {
    id: randomUUID(),
    tenantId: input.tenantId,
    organizationId: organization.id,
    side,
    previousName: previous.name,
    previousEmail: previous.email,
    newName,
    newEmail,
    newPhone,
    effectiveFrom: input.effectiveFrom,
    noticeTo,
    noticeSentAt: now,
    createdAt: now,
    createdBy: actor,
  });
  if (side === 'customer' && becomesCurrent) Object.assign(organization, { contactName: newName, contactEmail: newEmail, contactPhone: newPhone });
  const letter = noticeLetter(current.workflow.definition, {
    side,
    organization: { name: organization.name, inn: organization.inn },
    previousName: previous.name,
    previousEmail: previous.email,
    newName,
    newEmail,
    newPhone,
    effectiveFrom: input.effectiveFrom,
  });
  // A letter of no ticket, as mail intake writes its refusals (ticket_id null, pending).
  em.create(OutboxSchema, {
    tenantId: input.tenantId,
    ticketId: null,
    kind: 'mail',
    to: noticeTo,
    subject: letter.subject,
    body: letter.body,
    status: 'pending',
    attempts: 0,
    lastError: null,
    createdAt: now,
    deliveredAt: null,
    nextAttemptAt: null,
    leaseUntil: null,
  });
  // One flush is one transaction: the change, the contact and the notice commit together.
  await em.flush();
  return change;
}

type Person = { name: string | null; email: string | null };

/**
 * Who is in charge just before `effectiveFrom`, given the side's earlier changes in order of
 * effect: the person of the last change that takes effect before it; before every change,
 * the person the first change replaced; with no changes at all, the one on record.
 */
export function personBefore(changes: readonly ContactChange[], effectiveFrom: Date, onRecord: Person): Person {
  const before = changes.filter((c) => c.effectiveFrom.getTime() < effectiveFrom.getTime()).at(-1);
  if (before) return { name: before.newName, email: before.newEmail };
  const first = changes[0];
  return first ? { name: first.previousName, email: first.previousEmail } : onRecord;
}

export async function listContactChanges(em: EntityManager, tenantId: string, organizationId?: string | null): Promise<ContactChange[]> {
  if (organizationId && !isUuid(organizationId)) return [];
  const where = organizationId ? { tenantId, organizationId } : { tenantId };
  return em.find(ContactChangeSchema, where, { orderBy: { effectiveFrom: 'desc', createdAt: 'desc', id: 'asc' }, limit: 500 });
}
