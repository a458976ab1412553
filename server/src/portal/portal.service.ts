/**
 * The requester's side (CONTRACT): requesters have no accounts. A public form registers a
 * request (`submitRequest`), and a personal link opens exactly one ticket, where the
 * requester reads the thread and sends the events the workflow file gives requesters.
 */
import type { Services } from '../app/services.js';
import { allTenants, scopedEntityManager } from '../db/tenant-filter.js';
import { withTransaction } from '../db/pg-pool.js';
import { badInput, forbidden, notFound } from '../graphql/errors.js';
import { TicketSchema, type Ticket } from '../tickets/ticket.entity.js';
import { lockTicket } from '../tickets/ticket.store.js';
import { mayActorSend } from '../workflow/index.js';
import { isEmailAddress } from '../orgs/organization.service.js';
import { SharedRateLimit } from '../ratelimit/shared-rate-limit.js';
import { RefusedRequestSchema } from './requester-token.entity.js';
import { attachmentFields, planAttachments, type AttachmentLimits } from '../attachments/attachment-plan.js';
import { insertAttachments } from '../intake/inbound-mail.store.js';
import { ticketIdOfToken } from './requester-token.js';
import type { SubmitRequestInput } from './portal.types.js';
import { linksRevokedChannel, type LinksRevokedNotice } from '../live/links-revoked.js';

const provideInfo = 'PROVIDE_INFO';
const maxMessage = 20_000;

export interface PortalLimits {
  /** Requests one e-mail address may submit per window, and one network address. */
  perAddress: number;
  perClient: number;
  windowMs: number;
  /** The same file limits as mail (MAIL_MAX_ATTACHMENT_BYTES, MAIL_MAX_MESSAGE_BYTES). */
  files: AttachmentLimits;
}

export class PortalService {
  readonly #byAddress: SharedRateLimit;
  readonly #byClient: SharedRateLimit;

  constructor(
    private readonly services: Services,
    private readonly limits: PortalLimits,
  ) {
    // Shared by every instance: behind a load balancer a flood meets the same limit.
    this.#byAddress = new SharedRateLimit(services.pool, 'portal-address', limits.perAddress, limits.windowMs);
    this.#byClient = new SharedRateLimit(services.pool, 'portal-client', limits.perClient, limits.windowMs);
  }

  /** Registers a web request; a refusal is kept with its reason (DESIGN principle 1). */
  async submit(input: SubmitRequestInput, client: string | null): Promise<Ticket> {
    const from = input.from?.trim() ?? '';
    const refuse = async (reason: string, error: Error): Promise<never> => {
      await this.#keepRefused(input, client, reason);
      throw error;
    };
    const current = await this.services.registry.current(input.tenantId);
    if (!current) return refuse('unknown tenant', badInput(`Unknown tenant "${input.tenantId}"`, ['tenantId']));
    const web = current.workflow.definition.channels.filter((c) => c.kind === 'web' && c.official !== false);
    if (!web.length) return refuse('no web form', badInput(`Tenant ${input.tenantId} takes no requests through a web form`, ['tenantId']));
    if (!isEmailAddress(from)) return refuse('no e-mail address', badInput('from must be an e-mail address: the number and the personal link are sent there', ['from']));
    // A robot fills every field it sees; a person never sees this one.
    if (input.website?.trim()) return refuse('honeypot', badInput('The request was not accepted', ['website']));
    if (!(await this.#byClient.admit(client ?? 'unknown')) || !(await this.#byAddress.admit(from))) {
      return refuse('rate limited', forbidden('Too many requests from this address; try again later'));
    }
    const files = decodedFiles(input.attachments ?? []);
    if (!files) return refuse('bad attachment', badInput('an attachment is not valid base64', ['attachments']));
    const planned = planAttachments(files, this.limits.files);
    const tooLarge = planned.find((p) => p.skippedReason);
    if (tooLarge) return refuse('attachment too large', badInput(`${tooLarge.file.filename}: ${tooLarge.skippedReason}`, ['attachments']));
    // NSO-2: the form's channel sets the audience, as the receiving mailbox does for mail.
    const audience = web.find((c) => c.audience)?.audience ?? null;
    const fields = { ...(input.fields ?? {}), ...attachmentFields(planned, input.fields ?? {}) };
    const ticketId = crypto.randomUUID();
    return withTransaction(this.services.pool, async (client) => {
      const ticket = await this.services.tickets.createTicketIn(
        client,
        { tenantId: input.tenantId, channel: 'web', kind: input.kind ?? null, audience, subject: input.subject ?? null, from, fields },
        `requester:${from}`,
        { id: ticketId },
      );
      const at = this.services.clock.now();
      await insertAttachments(
        client,
        planned.map(({ file, field }) => ({ tenantId: input.tenantId, ticketId, inboundMailId: null, filename: file.filename, contentType: file.contentType, size: file.size, field, content: file.content, skippedReason: null, at })),
      );
      return ticket;
    });
  }

  /** The ticket a live personal link opens, or null. */
  async ticketOf(token: string): Promise<Ticket | null> {
    const id = await ticketIdOfToken(this.services.pool, token);
    return id ? scopedEntityManager(this.services.orm, allTenants).findOne(TicketSchema, { id }) : null;
  }

  async requireTicket(token: string): Promise<Ticket> {
    const ticket = await this.ticketOf(token);
    if (!ticket) throw notFound('This link');
    return ticket;
  }

  /** An event the workflow gives requesters; any other is FORBIDDEN. */
  async event(token: string, type: string, data: Record<string, unknown> | null | undefined): Promise<Ticket> {
    const ticket = await this.requireTicket(token);
    const workflow = await this.services.registry.forVersion(ticket.workflowVersionId);
    if (!mayActorSend(workflow.definition, type, 'requester')) throw forbidden(`A requester may not send ${type}`);
    return this.services.tickets.sendEvent(allTenants, ticket.id, { type, data: data ?? {} }, requesterActor(ticket));
  }

  /** A message from the ticket page, as a mail reply would be: it answers a ticket that waits (PROVIDE_INFO). */
  async message(token: string, body: string): Promise<Ticket> {
    const text = body.trim();
    if (!text) throw badInput('The message is empty', ['body']);
    if (text.length > maxMessage) throw badInput(`The message is longer than ${maxMessage} characters`, ['body']);
    const found = await this.requireTicket(token);
    return withTransaction(this.services.pool, async (client) => {
      const ticket = await lockTicket(client, found.id);
      if (!ticket) throw notFound('This link');
      await client.query(
        `insert into message (tenant_id, ticket_id, direction, channel, sender, recipient, subject, body, at) values ($1, $2, 'in', 'web', $3, null, null, $4, $5)`,
        [ticket.tenantId, ticket.id, ticket.requester, text, this.services.clock.now()],
      );
      if (ticket.statusCategory !== 'waiting_customer') return ticket;
      const workflow = await this.services.registry.forVersion(ticket.workflowVersionId);
      if (!mayActorSend(workflow.definition, provideInfo, 'requester') || !workflow.availableEvents(ticket.snapshot).includes(provideInfo)) return ticket;
      return this.services.tickets.sendEventIn(client, allTenants, ticket.id, { type: provideInfo, data: { channel: 'web' } }, requesterActor(ticket));
    });
  }

  /**
   * Revokes every personal link of the ticket (an agent's decision, e.g. a forwarded letter).
   * The notice goes out with the commit, so every instance ends the subscriptions it holds
   * for those links.
   */
  async revoke(ticketId: string): Promise<number> {
    return withTransaction(this.services.pool, async (client) => {
      const { rowCount } = await client.query(`update requester_token set revoked_at = $2 where ticket_id = $1 and revoked_at is null`, [ticketId, this.services.clock.now()]);
      const notice: LinksRevokedNotice = { ticketId };
      if (rowCount) await client.query(`select pg_notify($1, $2)`, [linksRevokedChannel, JSON.stringify(notice)]);
      return rowCount ?? 0;
    });
  }

  async #keepRefused(input: SubmitRequestInput, client: string | null, reason: string): Promise<void> {
    const em = this.services.orm.em.fork();
    em.create(RefusedRequestSchema, {
      id: crypto.randomUUID(),
      tenantId: typeof input.tenantId === 'string' ? input.tenantId.slice(0, 255) : null,
      sender: input.from ?? null,
      client,
      reason,
      payload: { kind: input.kind ?? null, subject: input.subject ?? null, fields: input.fields ?? {}, files: (input.attachments ?? []).map((a) => a.filename) },
      at: this.services.clock.now(),
    });
    await em.flush();
  }
}

/** The uploads as files, or null when one is not base64. */
function decodedFiles(uploads: Array<{ filename: string; contentType?: string; contentBase64: string }>) {
  const files = [];
  for (const upload of uploads) {
    const text = upload.contentBase64.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
    const content = Buffer.from(text, 'base64');
    const filename = upload.filename.trim().replace(/[\\/]/g, '_').slice(0, 255) || 'файл';
    files.push({ filename, contentType: upload.contentType?.trim() || 'application/octet-stream', size: content.length, content });
  }
  return files;
}

function requesterActor(ticket: Ticket): string {
  return `requester:${ticket.requester ?? 'portal'}`;
}
