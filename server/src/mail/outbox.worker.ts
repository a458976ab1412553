/**
 * Delivers the outbox (DESIGN principle 1): letters the ticket engine and the mail intake
 * wrote in their event's transaction are sent after it committed.
 *
 * Each row is sent at most once, across instances and crashes. A worker claims a batch
 * with FOR UPDATE SKIP LOCKED and, in the same short transaction, marks it `sending` with a
 * lease; it sends outside any transaction and then marks each row. A worker that dies
 * mid-send leaves its rows `sending`; when their lease runs out they are marked `failed`
 * ("interrupted"), not sent again: the relay may already have taken the letter, and a
 * duplicate acknowledgement or escalation is worse than one an admin resends by hand
 * (`retryOutboundMessage`). The lease is longer than the transport's own timeouts, so a
 * slow but living send is never taken for a dead one. The Message-ID is fixed by the row
 * (`outboundMessageId`) before the first try.
 *
 * Without a relay (`SMTP_OUTBOUND_URL` unset) a letter is only kept: `captured`. With one,
 * it is sent and marked `sent`; a refusal counts an attempt, keeps the relay's answer in
 * `last_error` and waits with exponential backoff; after `maxAttempts` (or at once on a
 * permanent 5xx answer) the row is `failed`.
 *
 * Retries and leases follow wall time (the database's `clock_timestamp()`), not the product
 * clock: they are about when a real relay is back, and the manual clock stands still in
 * tests and demos, so a retry due on it would never come. The database's clock is also one
 * clock for every instance. `delivered_at` is the product's "now", like `created_at`.
 */
import os from 'node:os';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Clock } from '../clock/clock.js';
import type { PgPool } from '../db/pg-pool.js';
import type { WorkflowRegistry } from '../tenants/workflow-registry.js';
import { emailAddressesOf } from './tenant-mailboxes.js';

export interface OutboxWorkerOptions {
  /** `smtp://host:port` (or `smtps://`, with credentials in the URL); null: capture only. */
  relayUrl: string | null;
  /** Sender when the tenant's workflow names no email channel. */
  from: string | null;
  /** Sweep interval; the worker also wakes on every ticket change (`wake`). */
  intervalMs: number;
  /** First retry delay; doubles with each attempt (capped at an hour). */
  retryBaseMs: number;
  maxAttempts: number;
  /** How long a claimed row may stay `sending` before it counts as interrupted. */
  leaseMs: number;
  batchSize?: number;
}

interface ClaimedRow {
  id: string;
  tenant_id: string;
  recipient: string;
  subject: string;
  body: string;
  attempts: number;
  created_at: Date;
}

const maxBackoffMs = 3600_000;

export const interruptedError =
  'interrupted: the sending worker stopped mid-send, so the relay may have the letter already; not resent automatically (a duplicate is worse), resend by hand if it did not arrive';

export class OutboxWorker {
  readonly #transport: Transporter | null;
  readonly #batchSize: number;
  #interval: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #again = false;
  #stopped = false;
  #leasesCheckedAt = 0;

  constructor(
    private readonly pool: PgPool,
    private readonly clock: Clock,
    private readonly registry: WorkflowRegistry,
    private readonly options: OutboxWorkerOptions,
    private readonly log: (line: string) => void = () => undefined,
  ) {
    this.#batchSize = options.batchSize ?? 10;
    this.#transport = options.relayUrl
      ? nodemailer.createTransport({ url: options.relayUrl, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 })
      : null;
  }

  start(): void {
    this.#interval = setInterval(() => this.wake(), this.options.intervalMs);
    this.#interval.unref();
    this.wake();
  }

  /** Sweeps now; a wake during a sweep runs one more sweep after it. */
  wake(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#drain()
      .catch((error) => this.log(`outbox: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        this.#running = null;
        if (this.#again) {
          this.#again = false;
          this.wake();
        }
      });
  }

  /** Waits for the sweep under way (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#interval) clearInterval(this.#interval);
    this.#interval = null;
    await this.idle();
    this.#transport?.close();
  }

  async #drain(): Promise<void> {
    while (!this.#stopped && (await this.#batch()) === this.#batchSize);
  }

  /** Claims, delivers and marks one batch; returns how many were claimed. */
  async #batch(): Promise<number> {
    await this.#expireLeases();
    if (!this.#transport) return this.#capture();
    const rows = await this.#claim();
    const senders = new Map<string, Promise<string>>();
    for (const row of rows) {
      let from = senders.get(row.tenant_id);
      if (!from) senders.set(row.tenant_id, (from = this.#senderOf(row.tenant_id)));
      try {
        await this.#send(row, await from);
        await this.pool.query(
          `update outbox set status = 'sent', last_error = null, delivered_at = $2, lease_until = null where id = $1 and status = 'sending'`,
          [row.id, this.clock.now()],
        );
      } catch (error) {
        await this.#refused(row, error);
      }
    }
    return rows.length;
  }

  /** No relay: every due letter is kept as `captured`, at the product's now. */
  async #capture(): Promise<number> {
    const { rowCount } = await this.pool.query(
      `update outbox set status = 'captured', delivered_at = $2, next_attempt_at = null
       where id in (select id from outbox where status = 'pending' order by id limit $1 for update skip locked)`,
      [this.#batchSize, this.clock.now()],
    );
    return rowCount ?? 0;
  }

  /** Takes due rows for this worker: `sending`, one more attempt, and a lease (committed at once). */
  async #claim(): Promise<ClaimedRow[]> {
    const { rows } = await this.pool.query<ClaimedRow>(
      `update outbox o set status = 'sending', attempts = o.attempts + 1,
         lease_until = clock_timestamp() + make_interval(secs => $2::double precision / 1000)
       from (select id from outbox
             where status = 'pending' and (next_attempt_at is null or next_attempt_at <= clock_timestamp())
             order by id limit $1 for update skip locked) due
       where o.id = due.id
       returning o.id, o.tenant_id, o.recipient, o.subject, o.body, o.attempts, o.created_at`,
      [this.#batchSize, this.options.leaseMs],
    );
    return rows.sort((a, b) => Number(a.id) - Number(b.id));
  }

  /** The relay said no (or could not be reached): wait and try again, or give up. */
  async #refused(row: ClaimedRow, error: unknown): Promise<void> {
    const message = describe(error);
    const failed = isPermanent(error) || row.attempts >= this.options.maxAttempts;
    const backoffMs = Math.min(this.options.retryBaseMs * 2 ** (row.attempts - 1), maxBackoffMs);
    await this.pool.query(
      `update outbox set last_error = $2, status = $3::varchar, lease_until = null,
         next_attempt_at = case when $3::varchar = 'pending' then clock_timestamp() + make_interval(secs => $4::double precision / 1000) end
       where id = $1 and status = 'sending'`,
      [row.id, message, failed ? 'failed' : 'pending', backoffMs],
    );
    this.log(`outbox ${row.id} to ${row.recipient}: ${failed ? 'failed' : `attempt ${row.attempts} refused, retry in ${backoffMs} ms`}: ${message}`);
  }

  /**
   * Rows whose worker died mid-send: perhaps delivered, so never sent again on their own.
   * Looked for at most every few seconds: leases last minutes, and a sweep runs on every
   * ticket change.
   */
  async #expireLeases(): Promise<void> {
    const now = Date.now();
    if (now - this.#leasesCheckedAt < Math.min(5_000, this.options.leaseMs / 2)) return;
    this.#leasesCheckedAt = now;
    const { rows } = await this.pool.query<{ id: string }>(
      `update outbox set status = 'failed', lease_until = null, last_error = $1
       where status = 'sending' and lease_until < clock_timestamp() returning id`,
      [interruptedError],
    );
    for (const { id } of rows) this.log(`outbox ${id}: ${interruptedError}`);
  }

  async #send(row: ClaimedRow, from: string): Promise<void> {
    const domain = from.split('@')[1] || 'localhost';
    await this.#transport!.sendMail({
      from,
      to: row.recipient,
      subject: row.subject,
      text: row.body,
      // Stable across retries: a relay that took the letter before a crash sees the same id.
      messageId: outboundMessageId(row, domain),
      date: this.clock.now(),
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
  }

  /** The first email channel of the tenant's workflow in force, else MAIL_FROM. */
  async #senderOf(tenantId: string): Promise<string> {
    const current = await this.registry.current(tenantId).catch(() => null);
    const address = current ? emailAddressesOf({ tenantId, definition: current.workflow.definition })[0] : undefined;
    return address ?? this.options.from ?? `noreply@${os.hostname()}`;
  }
}

/**
 * The Message-ID of an outbox letter: the row's id and creation time, so a reply's
 * In-Reply-To / References lead back to the row (and its ticket) — see `outboxRowOf`.
 */
export function outboundMessageId(row: { id: string | number; created_at: Date | string }, domain: string): string {
  return `<outbox.${row.id}.${new Date(row.created_at).getTime()}@${domain}>`;
}

/** The outbox row a Message-ID of ours names (`outboundMessageId`), or null for any other id. */
export function outboxRowOf(messageId: string): { id: string; createdAtMs: number } | null {
  // Digits only, and short enough for a bigint id and an exact millisecond count: a forged
  // id must not reach the database as a number it cannot hold.
  const match = /^<?outbox\.(\d{1,18})\.(\d{1,15})@[^<>\s@]+>?$/.exec(messageId.trim());
  return match ? { id: match[1]!, createdAtMs: Number(match[2]) } : null;
}

function describe(error: unknown): string {
  if (error && typeof error === 'object') {
    const e = error as { response?: string; message?: string; code?: string };
    return (e.response ?? e.message ?? e.code ?? String(error)).slice(0, 1000);
  }
  return String(error);
}

/** The relay said no for good (5xx): retrying the same letter cannot help. */
function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: number } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}
