/**
 * Mail intake owns what happens to a received mail before the ticket engine: it keeps the
 * raw message (DESIGN principle 1), parses it, routes it by its recipient address to a
 * tenant, channel and audience, refuses what the channel's routing rules or loop protection
 * refuse (telling a person why, never a machine), and threads it by the tenant's ticket
 * numbers in the subject or, failing that, by one of our Message-IDs in its In-Reply-To /
 * References: an open ticket gets the mail appended (a `PROVIDE_INFO` when it waits for the
 * customer, a `REOPEN` when it is solved and the requester may still return it); a closed one makes a new ticket linked to it (NSO-8); anything else makes a new
 * ticket. The raw row, the ticket, its links, its thread and any letter commit in one
 * transaction on the engine's connection.
 *
 * Fed by `receiveEmail` (text) and the SMTP listener (the bytes as they came).
 */
import { randomUUID } from 'node:crypto';
import type { Orm } from '../db/orm.js';
import type { Clock } from '../clock/clock.js';
import { withTransaction, type PgClient, type PgPool } from '../db/pg-pool.js';
import { allTenants } from '../db/tenant-filter.js';
import type { WorkflowRegistry } from '../tenants/workflow-registry.js';
import type { TicketService } from '../tickets/ticket.service.js';
import type { Ticket } from '../tickets/ticket.entity.js';
import { lockTicket } from '../tickets/ticket.store.js';
import { renderTemplate } from '../tickets/template.js';
import { findNumbers, mayActorSend } from '../workflow/index.js';
import { mayAccessTenant, type Principal } from '../auth/principal.js';
import { AppError, forbidden } from '../graphql/errors.js';
import { parseMail, stripReplyPrefixes, type ParsedInboundMail } from './mail.parse.js';
import { extractedFields, ownText } from './mail.fields.js';
import { routesFor, routingRuleBroken, type MailRoute, type TenantWorkflow } from './mail.routing.js';
import { outboxRowOf } from '../mail/outbox.worker.js';
import { emailAddressesOf, tenantWorkflows } from '../mail/tenant-mailboxes.js';
import { attachmentFields, planAttachments, type AttachmentLimits } from '../attachments/attachment-plan.js';
import {
  findTicketsByNumber,
  insertAttachments,
  findTicketsByOutboxRows,
  insertInboundMail,
  insertInboundMessage,
  insertOutboxLetter,
  recordInboundMailOutcome,
  type InboundMailOutcome,
} from './inbound-mail.store.js';

export type EmailOutcome = 'CREATED' | 'APPENDED' | 'REJECTED';

export interface EmailReceipt {
  outcome: EmailOutcome;
  reason: string | null;
  ticket: Ticket | null;
}

/** The event a mail to a ticket that waits for the customer is (CONTRACT, Events). */
const provideInfo = 'PROVIDE_INFO';
/** The event a requester's reply to a solved ticket is, where the requester may send it. */
const reopen = 'REOPEN';

interface Processed {
  receipt: EmailReceipt;
  row: InboundMailOutcome;
}

export class MailIntakeService {
  constructor(
    private readonly pool: PgPool,
    private readonly orm: Orm,
    private readonly clock: Clock,
    private readonly registry: WorkflowRegistry,
    private readonly tickets: TicketService,
    private readonly limits: AttachmentLimits,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  /**
   * Takes one RFC 5322 message from `principal` (a mail gateway's integration token, an agent,
   * an admin). Refusals are receipts (REJECTED with a reason), not errors; the only errors
   * are the caller's own (FORBIDDEN: the mail is for a tenant the caller does not serve),
   * and then nothing is kept. A fault of ours keeps the raw mail as `received` for a retry.
   */
  async receive(principal: Principal, raw: string | Buffer): Promise<EmailReceipt> {
    const id = randomUUID();
    let fault: unknown = null;
    const receipt = await withTransaction(this.pool, async (client) => {
      await insertInboundMail(client, { id, raw, receivedAt: this.clock.now() });
      await client.query('savepoint intake');
      try {
        const processed = await this.#process(client, principal, raw, id);
        await recordInboundMailOutcome(client, id, processed.row);
        return processed.receipt;
      } catch (error) {
        if (error instanceof AppError && (error.code === 'FORBIDDEN' || error.code === 'UNAUTHENTICATED')) throw error;
        await client.query('rollback to savepoint intake');
        await recordInboundMailOutcome(client, id, { ...emptyRow, status: 'received', reason: 'processing failed; kept for a retry' });
        fault = error;
        return null;
      }
    });
    if (!receipt) {
      this.log(`inbound mail ${id} kept unprocessed: ${fault instanceof Error ? fault.message : String(fault)}`);
      throw fault;
    }
    return receipt;
  }

  async #process(client: PgClient, principal: Principal, raw: string | Buffer, inboundMailId: string): Promise<Processed> {
    const parsed = await parseMail(raw);
    if (!parsed.ok) return rejected({ ...emptyRow, status: 'unparseable', reason: parsed.reason });
    const mail: ReceivedMail = { ...parsed.mail, inboundMailId };
    const headers = { messageId: mail.messageId, from: mail.from.address, to: recipientsText(mail), subject: mail.subject || null };

    const tenants = await tenantWorkflows(this.orm, this.registry);
    const routes = routesFor(mail, tenants);
    if (!routes.length) return rejected({ ...emptyRow, ...headers, status: 'rejected', reason: 'unknown recipient' });
    // Only the desks the caller serves (a mail gateway of one tenant feeds only its mail).
    const served = routes.filter((r) => mayAccessTenant(principal, r.tenantId));
    if (!served.length) throw forbidden(`No access to tenant ${routes[0]!.tenantId}`);
    const row = { ...emptyRow, ...headers, tenantId: served[0]!.tenantId };

    // Never answer a machine: an auto-reply to an auto-reply is a mail loop. Nor ourselves:
    // a letter from one of the desks' own mailboxes came back round.
    if (mail.automatic) return rejected({ ...row, status: 'rejected', reason: `automatic message (${mail.automatic})` });
    if (ownMailboxes(tenants).has(mail.from.address.toLowerCase())) {
      return rejected({ ...row, status: 'rejected', reason: `sent from our own mailbox ${mail.from.address} (a loop)` });
    }

    // A mail to several desks goes to the first that takes it: one whose ticket it answers,
    // else one whose routing rules (TOM-2) let it register a new request.
    let refusal: { route: MailRoute; reason: string; explanation: string } | null = null;
    for (const route of served) {
      const routed = { ...row, tenantId: route.tenantId };
      if (route.event) {
        const sent = await this.#eventByMail(client, route, route.event, mail);
        if ('ticket' in sent) return { receipt: { outcome: 'APPENDED', reason: null, ticket: sent.ticket }, row: { ...routed, status: 'appended', ticketId: sent.ticket.id } };
        refusal ??= { route, ...sent };
        continue;
      }
      const cited = await this.#citedTicket(client, route, mail);
      if (cited && cited.statusCategory !== 'closed') {
        const ticket = await this.#append(client, cited.id, route, mail);
        if (ticket) return { receipt: { outcome: 'APPENDED', reason: null, ticket }, row: { ...routed, status: 'appended', ticketId: ticket.id } };
      }
      // A mail that cites one of the desk's tickets is the desk's, whatever the rules say.
      const broken = cited ? null : routingRuleBroken(route, mail.subject);
      if (broken) {
        refusal ??= { route, ...broken };
        continue;
      }
      // Here a cited ticket is closed (or was closed while we looked): a repeated request.
      const previous = cited?.number ?? (await this.#numberInBody(client, route, mail));
      const ticket = await this.#create(client, route, mail, previous);
      return { receipt: { outcome: 'CREATED', reason: null, ticket }, row: { ...routed, status: 'created', ticketId: ticket.id } };
    }
    const { route, reason, explanation } = refusal!;
    await insertOutboxLetter(client, { tenantId: route.tenantId, to: mail.from.address, at: this.clock.now(), ...this.#refusalLetter(route, mail, explanation) });
    return rejected({ ...row, tenantId: route.tenantId, status: 'rejected', reason });
  }

  /**
   * The ticket the mail answers (NSO-8, SIN-4, KUR-4): the first number in its subject of
   * one of the tenant's tickets, failing that one of our Message-IDs it replies to.
   */
  async #citedTicket(client: PgClient, route: MailRoute, mail: ReceivedMail) {
    const numbers = findNumbers(route.definition.numbering, mail.subject);
    const known = await findTicketsByNumber(client, route.tenantId, numbers);
    return numbers.map((n) => known.find((t) => t.number === n)).find((t) => t !== undefined) ?? (await this.#repliedTicket(client, route, mail));
  }

  /**
   * A mailbox whose mail is an event on the ticket it names, not a request (`eventMailboxes`;
   * NSO-12: complaints to gisz@zakaznso.ru). The ticket is the first of the desk's numbers in
   * the subject, else in the sender's own text, whatever its state: a closed ticket's
   * complaint counts too. The mail joins the ticket's thread and its text is the event's.
   */
  async #eventByMail(client: PgClient, route: MailRoute, type: string, mail: ReceivedMail): Promise<{ ticket: Ticket } | { reason: string; explanation: string }> {
    const text = ownText(mail.text).trim();
    const numbers = [...findNumbers(route.definition.numbering, mail.subject), ...findNumbers(route.definition.numbering, text)];
    const known = await findTicketsByNumber(client, route.tenantId, numbers);
    const named = numbers.map((n) => known.find((t) => t.number === n)).find((t) => t !== undefined);
    if (!named) {
      return {
        reason: `no ticket number for ${type}`,
        explanation: 'в письме нет номера обращения, к которому оно относится. Отправьте письмо повторно, указав номер обращения в теме',
      };
    }
    const ticket = (await lockTicket(client, named.id))!;
    const workflow = await this.registry.forVersion(ticket.workflowVersionId);
    if (!mayActorSend(workflow.definition, type, 'requester') || !workflow.availableEvents(ticket.snapshot).includes(type)) {
      return { reason: `${type} is not taken by ticket ${ticket.number} now`, explanation: `обращение ${ticket.number} сейчас не принимает такие письма` };
    }
    await insertInboundMessage(client, { ...this.#messageOf(route, mail), tenantId: ticket.tenantId, ticketId: ticket.id });
    const data = { text: text || mail.subject, channel: 'email', from: mail.from.address };
    return { ticket: await this.tickets.sendEventIn(client, allTenants, ticket.id, { type, data }, requesterActor(mail)) };
  }

  /** A number of one of the tenant's tickets the sender wrote in the letter (NSO-8: "repeating request №…"). */
  async #numberInBody(client: PgClient, route: MailRoute, mail: ReceivedMail): Promise<string | null> {
    const numbers = findNumbers(route.definition.numbering, ownText(mail.text));
    const known = await findTicketsByNumber(client, route.tenantId, numbers);
    return numbers.find((n) => known.some((t) => t.number === n)) ?? null;
  }

  /** The ticket of the first of our outbound letters the mail's In-Reply-To / References name. */
  async #repliedTicket(client: PgClient, route: MailRoute, mail: ReceivedMail) {
    const rows = mail.replyTo.map(outboxRowOf).filter((r): r is NonNullable<typeof r> => r !== null);
    return (await findTicketsByOutboxRows(client, route.tenantId, rows))[0];
  }

  /** The mail joins the ticket's thread; a ticket waiting for the customer takes it as PROVIDE_INFO. */
  async #append(client: PgClient, ticketId: string, route: MailRoute, mail: ReceivedMail): Promise<Ticket | null> {
    const ticket = await lockTicket(client, ticketId);
    // Closed while we looked (the lock is taken only now): the mail makes a new ticket.
    if (!ticket || ticket.statusCategory === 'closed') return null;
    await insertInboundMessage(client, { ...this.#messageOf(route, mail), tenantId: ticket.tenantId, ticketId });
    const files = await this.#keepAttachments(client, ticket.tenantId, ticketId, mail, ticket.fields);
    const workflow = await this.registry.forVersion(ticket.workflowVersionId);
    const requesterMay = (type: string) => mayActorSend(workflow.definition, type, 'requester') && workflow.availableEvents(ticket.snapshot).includes(type);
    // TOM-6: a reply to a solution, while the requester may still return the ticket, returns it
    // to work (as help desks do on a customer's reply); the agent confirms or closes it again.
    if (ticket.statusCategory === 'resolved' && requesterMay(reopen)) {
      return this.tickets.sendEventIn(client, allTenants, ticketId, { type: reopen, data: { channel: 'email' } }, requesterActor(mail));
    }
    if (ticket.statusCategory !== 'waiting_customer' || !requesterMay(provideInfo)) return ticket;
    // What the answer brings counts for the fields the ticket waited for: its files, and an
    // INN or phone it names that the ticket lacks (NSO-6).
    const fields = { ...extractedFields(mail.text, ticket.fields), ...files };
    const data = { channel: 'email', ...(Object.keys(fields).length ? { fields } : {}) };
    return this.tickets.sendEventIn(client, allTenants, ticketId, { type: provideInfo, data }, requesterActor(mail));
  }

  /**
   * Stores the mail's files for the ticket under the size limits; answers the intake fields
   * that list the kept ones by name (added to what `existing` lists already).
   */
  async #keepAttachments(client: PgClient, tenantId: string, ticketId: string, mail: ReceivedMail, existing: Record<string, unknown> = {}) {
    if (!mail.attachments.length) return {};
    const planned = planAttachments(mail.attachments, this.limits);
    const at = this.clock.now();
    await insertAttachments(
      client,
      planned.map(({ file, field, skippedReason }) => ({
        tenantId,
        ticketId,
        inboundMailId: mail.inboundMailId,
        filename: file.filename,
        contentType: file.contentType,
        size: file.size,
        field,
        content: skippedReason ? null : file.content,
        skippedReason,
        at,
      })),
    );
    return attachmentFields(planned.filter((p) => !p.skippedReason), existing);
  }

  async #create(client: PgClient, route: MailRoute, mail: ReceivedMail, previousNumber: string | null): Promise<Ticket> {
    const ticketId = randomUUID();
    const fields: Record<string, unknown> = { email: mail.from.address };
    if (mail.from.name) fields.fullName = mail.from.name;
    if (mail.text) fields.description = mail.text;
    // The INN (with a valid check) and a phone number the letter names, if it names them.
    if (mail.text) Object.assign(fields, extractedFields(mail.text, fields));
    // A mail citing a closed ticket is a repeated request (NSO-8): the new ticket names the
    // old number, and the engine links the two both ways in this transaction.
    if (previousNumber) fields.previousNumber = previousNumber;
    // The letter first, so the thread reads mail → acknowledgement.
    await insertInboundMessage(client, { ...this.#messageOf(route, mail), tenantId: route.tenantId, ticketId });
    Object.assign(fields, await this.#keepAttachments(client, route.tenantId, ticketId, mail));
    return this.tickets.createTicketIn(
      client,
      {
        tenantId: route.tenantId,
        channel: 'email',
        audience: route.channel.audience ?? null,
        subject: stripReplyPrefixes(mail.subject) || null,
        from: mail.from.address,
        fields,
      },
      requesterActor(mail),
      { id: ticketId },
    );
  }

  #messageOf(route: MailRoute, mail: ParsedInboundMail) {
    return { from: mail.from.address, to: route.address, subject: mail.subject || null, body: mail.text, at: this.clock.now() };
  }

  /**
   * Why the mail was not registered, for its sender. A workflow may word it itself with a
   * `mail_rejected` template (`{{reason}}`, `{{mail.subject}}`, `{{tenant.title}}`).
   */
  #refusalLetter(route: MailRoute, mail: ParsedInboundMail, explanation: string): { subject: string; body: string } {
    const template = (route.definition.templates as Record<string, { subject?: string; body?: string } | undefined> | undefined)?.mail_rejected;
    const replySubject = mail.subject ? `Re: ${stripReplyPrefixes(mail.subject)}` : 'Ваше письмо не зарегистрировано';
    const scope = { reason: explanation, mail: { subject: mail.subject, from: mail.from.address, replySubject }, tenant: route.definition.tenant };
    const subject = replySubject;
    if (template) return { subject: renderTemplate(template.subject ?? subject, scope), body: renderTemplate(template.body ?? explanation, scope) };
    const quoted = mail.subject ? ` «${mail.subject}»` : '';
    return {
      subject,
      body: `Ваше письмо${quoted} не зарегистрировано как обращение (${route.definition.tenant.title}): ${explanation}.\n`,
    };
  }
}

const emptyRow: InboundMailOutcome = {
  status: 'received',
  reason: null,
  tenantId: null,
  ticketId: null,
  messageId: null,
  from: null,
  to: null,
  subject: null,
};

function rejected(row: InboundMailOutcome): Processed {
  return { receipt: { outcome: 'REJECTED', reason: row.reason, ticket: null }, row };
}

function recipientsText(mail: ParsedInboundMail): string | null {
  const all = [...mail.to, ...mail.cc].map((a) => a.address);
  return all.length ? all.join(', ') : null;
}

/** A parsed mail and the row its raw form was stored in. */
type ReceivedMail = ParsedInboundMail & { inboundMailId: string };

/**
 * The desks' mailboxes we send from, lower-cased: mail from one of them is our own, come
 * back round. An event mailbox (a complaints address) sends nothing, so mail from it (a
 * forwarded complaint) is no loop.
 */
function ownMailboxes(tenants: TenantWorkflow[]): Set<string> {
  return new Set(tenants.flatMap((t) => emailAddressesOf(t).map((a) => a.toLowerCase())));
}

function requesterActor(mail: ParsedInboundMail): string {
  return `requester:${mail.from.address}`;
}
