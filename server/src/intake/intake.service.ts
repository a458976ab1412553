/**
 * Mail intake owns what happens to a received mail before the ticket engine: it keeps the
 * raw message (DESIGN principle 1), parses it, routes it by its recipient address to a
 * tenant, channel and audience, refuses what the channel's routing rules or loop protection
 * refuse (telling a person why, never a machine), and threads it by the tenant's ticket
 * numbers in the subject or, failing that, by one of our Message-IDs in its In-Reply-To /
 * References: an open ticket gets the mail appended (a `PROVIDE_INFO` when it waits for the
 * customer); a closed one makes a new ticket linked to it (NSO-8); anything else makes a new
 * ticket. The raw row, the ticket, its links, its thread and any letter commit in one
 * transaction on the engine's connection.
 *
 * Fed by `receiveEmail` today; the SMTP listener will call `receive` the same way.
 */
import { randomUUID } from 'node:crypto';
import type { Orm } from '../db/orm.js';
import type { Clock } from '../clock/clock.js';
import { withTransaction, type PgClient, type PgPool } from '../db/pg-pool.js';
import { allTenants } from '../db/tenant-filter.js';
import type { WorkflowRegistry } from '../tenants/workflow-registry.js';
import { TenantSchema } from '../tenants/tenant.entity.js';
import type { TicketService } from '../tickets/ticket.service.js';
import type { Ticket } from '../tickets/ticket.entity.js';
import { lockTicket } from '../tickets/ticket.store.js';
import { renderTemplate } from '../tickets/template.js';
import { findNumbers } from '../workflow/index.js';
import { mayAccessTenant, type Principal } from '../auth/principal.js';
import { AppError, forbidden } from '../graphql/errors.js';
import { parseMail, stripReplyPrefixes, type ParsedInboundMail } from './mail.parse.js';
import { extractedFields } from './mail.fields.js';
import { routesFor, routingRuleBroken, type MailRoute, type TenantWorkflow } from './mail.routing.js';
import { outboxRowOf } from '../mail/outbox.worker.js';
import {
  findTicketsByNumber,
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
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  /**
   * Takes one RFC 5322 message from `principal` (a mail gateway's integration token, an agent,
   * an admin). Refusals are receipts (REJECTED with a reason), not errors; the only errors
   * are the caller's own (FORBIDDEN: the mail is for a tenant the caller does not serve),
   * and then nothing is kept. A fault of ours keeps the raw mail as `received` for a retry.
   */
  async receive(principal: Principal, raw: string): Promise<EmailReceipt> {
    const id = randomUUID();
    let fault: unknown = null;
    const receipt = await withTransaction(this.pool, async (client) => {
      await insertInboundMail(client, { id, raw, receivedAt: this.clock.now() });
      await client.query('savepoint intake');
      try {
        const processed = await this.#process(client, principal, raw);
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

  async #process(client: PgClient, principal: Principal, raw: string): Promise<Processed> {
    const parsed = await parseMail(raw);
    if (!parsed.ok) return rejected({ ...emptyRow, status: 'unparseable', reason: parsed.reason });
    const mail = parsed.mail;
    const headers = { messageId: mail.messageId, from: mail.from.address, to: recipientsText(mail), subject: mail.subject || null };

    const routes = routesFor(mail, await this.#tenantWorkflows());
    if (!routes.length) return rejected({ ...emptyRow, ...headers, status: 'rejected', reason: 'unknown recipient' });
    // A mail for several desks goes to the first one the caller serves.
    const route = routes.find((r) => mayAccessTenant(principal, r.tenantId));
    if (!route) throw forbidden(`No access to tenant ${routes[0]!.tenantId}`);
    const row = { ...emptyRow, ...headers, tenantId: route.tenantId };

    // Never answer a machine: an auto-reply to an auto-reply is a mail loop.
    if (mail.automatic) return rejected({ ...row, status: 'rejected', reason: `automatic message (${mail.automatic})` });

    const broken = routingRuleBroken(route, mail.subject);
    if (broken) {
      await insertOutboxLetter(client, { tenantId: route.tenantId, to: mail.from.address, at: this.clock.now(), ...this.#refusalLetter(route, mail, broken.explanation) });
      return rejected({ ...row, status: 'rejected', reason: broken.reason });
    }

    // Threading (NSO-8, SIN-4, KUR-4): the first number in the subject of one of the tenant's tickets.
    const numbers = findNumbers(route.definition.numbering, mail.subject);
    const known = await findTicketsByNumber(client, route.tenantId, numbers);
    // Failing that, a reply to one of our letters: In-Reply-To / References name its Message-ID.
    const cited = numbers.map((n) => known.find((t) => t.number === n)).find((t) => t !== undefined) ?? (await this.#repliedTicket(client, route, mail));
    if (cited && cited.statusCategory !== 'closed') {
      const ticket = await this.#append(client, cited.id, route, mail);
      if (ticket) return { receipt: { outcome: 'APPENDED', reason: null, ticket }, row: { ...row, status: 'appended', ticketId: ticket.id } };
    }
    // Here a cited ticket is closed (or was closed while we looked): a repeated request.
    const ticket = await this.#create(client, route, mail, cited?.number ?? null);
    return { receipt: { outcome: 'CREATED', reason: null, ticket }, row: { ...row, status: 'created', ticketId: ticket.id } };
  }

  /** The ticket of the first of our outbound letters the mail's In-Reply-To / References name. */
  async #repliedTicket(client: PgClient, route: MailRoute, mail: ParsedInboundMail) {
    const rows = mail.replyTo.map(outboxRowOf).filter((r): r is NonNullable<typeof r> => r !== null);
    return (await findTicketsByOutboxRows(client, route.tenantId, rows))[0];
  }

  /** The mail joins the ticket's thread; a ticket waiting for the customer takes it as PROVIDE_INFO. */
  async #append(client: PgClient, ticketId: string, route: MailRoute, mail: ParsedInboundMail): Promise<Ticket | null> {
    const ticket = await lockTicket(client, ticketId);
    // Closed while we looked (the lock is taken only now): the mail makes a new ticket.
    if (!ticket || ticket.statusCategory === 'closed') return null;
    await insertInboundMessage(client, { ...this.#messageOf(route, mail), tenantId: ticket.tenantId, ticketId });
    if (ticket.statusCategory !== 'waiting_customer') return ticket;
    const workflow = await this.registry.forVersion(ticket.workflowVersionId);
    const requesterMay = workflow.definition.events?.[provideInfo]?.actors.includes('requester') ?? true;
    if (!requesterMay || !workflow.availableEvents(ticket.snapshot).includes(provideInfo)) return ticket;
    return this.tickets.sendEventIn(client, allTenants, ticketId, { type: provideInfo, data: { channel: 'email' } }, requesterActor(mail));
  }

  async #create(client: PgClient, route: MailRoute, mail: ParsedInboundMail, previousNumber: string | null): Promise<Ticket> {
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
    const scope = { reason: explanation, mail: { subject: mail.subject, from: mail.from.address }, tenant: route.definition.tenant };
    const subject = mail.subject ? `Re: ${mail.subject}` : 'Ваше письмо не зарегистрировано';
    if (template) return { subject: renderTemplate(template.subject ?? subject, scope), body: renderTemplate(template.body ?? explanation, scope) };
    const quoted = mail.subject ? ` «${mail.subject}»` : '';
    return {
      subject,
      body: `Ваше письмо${quoted} не зарегистрировано как обращение (${route.definition.tenant.title}): ${explanation}.\n`,
    };
  }

  async #tenantWorkflows(): Promise<TenantWorkflow[]> {
    const tenants = await this.orm.em.fork().find(TenantSchema, {}, { orderBy: { id: 'asc' } });
    return Promise.all(
      tenants.map(async (t) => ({ tenantId: t.id, definition: (await this.registry.forVersion(t.currentWorkflowVersionId)).definition })),
    );
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

function requesterActor(mail: ParsedInboundMail): string {
  return `requester:${mail.from.address}`;
}
