/**
 * The SQL of mail intake. It runs on the ticket engine's connection, inside the transaction
 * that also writes the ticket, so the raw mail and what it produced commit together.
 */
import type { PgClient } from '../db/pg-pool.js';
import type { InboundMail } from './inbound-mail.entity.js';

/**
 * Stores a received message as it came. Text is what admins read and search; when the text
 * cannot hold the message exactly (bytes that are not UTF-8, a NUL byte, which PostgreSQL
 * text refuses) the exact bytes go to `raw_bytes` beside a readable rendering.
 */
export async function insertInboundMail(client: PgClient, row: { id: string; raw: string | Buffer; receivedAt: Date }): Promise<void> {
  const { text, bytes } = storedForms(row.raw);
  await client.query(`insert into inbound_mail (id, raw, raw_bytes, received_at, status) values ($1, $2, $3, $4, 'received')`, [
    row.id,
    text,
    bytes,
    row.receivedAt,
  ]);
}

function storedForms(raw: string | Buffer): { text: string; bytes: Buffer | null } {
  let text: string;
  if (typeof raw === 'string') text = raw;
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
    } catch {
      return { text: raw.toString('latin1').replaceAll('\u0000', '\ufffd'), bytes: raw };
    }
  }
  if (!text.includes('\u0000')) return { text, bytes: null };
  return { text: text.replaceAll('\u0000', '\ufffd'), bytes: typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw };
}

/** The files a mail brought to a ticket (attachments/attachment-plan.ts decided which are kept), in one statement. */
export async function insertAttachments(
  client: PgClient,
  files: Array<{ tenantId: string; ticketId: string; inboundMailId: string | null; filename: string; contentType: string; size: number; field: string; content: Buffer | null; skippedReason: string | null; at: Date }>,
): Promise<void> {
  if (!files.length) return;
  const column = <K extends keyof (typeof files)[number]>(key: K) => files.map((f) => f[key]);
  await client.query(
    `insert into attachment (id, tenant_id, ticket_id, inbound_mail_id, filename, content_type, size, field, content, skipped_reason, created_at)
     select gen_random_uuid(), f.* from unnest($1::text[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::int[], $7::text[], $8::bytea[], $9::text[], $10::timestamptz[])
       as f(tenant_id, ticket_id, inbound_mail_id, filename, content_type, size, field, content, skipped_reason, created_at)`,
    [
      column('tenantId'),
      column('ticketId'),
      column('inboundMailId'),
      column('filename'),
      column('contentType'),
      column('size'),
      column('field'),
      column('content'),
      column('skippedReason'),
      column('at'),
    ],
  );
}

/** What processing found out about a stored mail: the row without its raw text and arrival. */
export type InboundMailOutcome = Omit<InboundMail, 'id' | 'raw' | 'rawBytes' | 'receivedAt'>;

export async function recordInboundMailOutcome(client: PgClient, id: string, o: InboundMailOutcome): Promise<void> {
  await client.query(
    `update inbound_mail set status = $2, reason = $3, tenant_id = $4, ticket_id = $5, message_id = $6, sender = $7, recipient = $8, subject = $9
     where id = $1`,
    [id, o.status, o.reason, o.tenantId, o.ticketId, o.messageId, o.from, o.to, o.subject],
  );
}

export async function insertInboundMessage(
  client: PgClient,
  m: { tenantId: string; ticketId: string; from: string; to: string; subject: string | null; body: string; at: Date },
): Promise<void> {
  await client.query(
    `insert into message (tenant_id, ticket_id, direction, channel, sender, recipient, subject, body, at)
     values ($1, $2, 'in', 'email', $3, $4, $5, $6, $7)`,
    [m.tenantId, m.ticketId, m.from, m.to, m.subject, m.body, m.at],
  );
}

/** A letter that belongs to no ticket (e.g. why a mail was not registered), for the outbox worker. */
export async function insertOutboxLetter(
  client: PgClient,
  l: { tenantId: string; to: string; subject: string; body: string; at: Date },
): Promise<void> {
  await client.query(
    `insert into outbox (tenant_id, ticket_id, kind, recipient, subject, body, status, attempts, created_at)
     values ($1, null, 'mail', $2, $3, $4, 'pending', 0, $5)`,
    [l.tenantId, l.to, l.subject, l.body, l.at],
  );
}

export interface ThreadCandidate {
  id: string;
  number: string;
  statusCategory: string;
}

/** The tenant's tickets with these numbers (not locked: the one the mail joins is locked then). */
export async function findTicketsByNumber(client: PgClient, tenantId: string, numbers: string[]): Promise<ThreadCandidate[]> {
  if (!numbers.length) return [];
  const { rows } = await client.query<ThreadCandidate>(
    `select id, number, status_category as "statusCategory" from ticket where tenant_id = $1 and number = any($2::text[])`,
    [tenantId, numbers],
  );
  return rows;
}

/**
 * The tenant's tickets our outbound letters with these (outbox id, creation time) belong to,
 * in the order asked: a reply's In-Reply-To / References name our Message-IDs.
 */
export async function findTicketsByOutboxRows(
  client: PgClient,
  tenantId: string,
  rows: Array<{ id: string; createdAtMs: number }>,
): Promise<ThreadCandidate[]> {
  if (!rows.length) return [];
  const { rows: found } = await client.query<ThreadCandidate & { outboxId: string }>(
    `select o.id::text as "outboxId", t.id, t.number, t.status_category as "statusCategory"
     from unnest($2::bigint[], $3::bigint[]) as r(id, ms)
     join outbox o on o.id = r.id and round(extract(epoch from date_trunc('milliseconds', o.created_at)) * 1000)::bigint = r.ms
     join ticket t on t.id = o.ticket_id
     where o.tenant_id = $1 and t.tenant_id = $1`,
    [tenantId, rows.map((r) => r.id), rows.map((r) => r.createdAtMs)],
  );
  return rows
    .map((r) => found.find((f) => f.outboxId === r.id))
    .filter((f): f is ThreadCandidate & { outboxId: string } => f !== undefined)
    .map(({ id, number, statusCategory }) => ({ id, number, statusCategory }));
}
