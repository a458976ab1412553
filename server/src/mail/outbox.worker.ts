/**
 * Delivers the outbox (DESIGN principle 1): letters the ticket engine and the mail intake
 * wrote in their event's transaction are sent after it committed.
 *
 * Rows are claimed with FOR UPDATE SKIP LOCKED in small batches on the engine's pool and
 * stay locked while they are sent and marked, so with several server instances a row is
 * sent by one of them only. A crash between the relay's "250 OK" and the commit leaves the
 * row pending and it is sent again: delivery is at least once per crash, never twice
 * between healthy instances.
 *
 * Without a relay (`SMTP_OUTBOUND_URL` unset) a letter is only kept: `captured`. With one,
 * it is sent and marked `sent`; a refusal counts an attempt, keeps the relay's answer in
 * `last_error` and waits with exponential backoff; after `maxAttempts` (or at once on a
 * permanent 5xx answer) the row is `failed`.
 *
 * Retries follow wall time (the database's `clock_timestamp()`), not the product clock:
 * they are about when a real relay is back, and the manual clock stands still in tests
 * and demos, so a retry due on it would never come. The database's clock is also one clock
 * for every instance. `delivered_at` is the product's "now", like `created_at`.
 */
import os from 'node:os';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Clock } from '../clock/clock.js';
import { withTransaction, type PgPool } from '../db/pg-pool.js';
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

export class OutboxWorker {
  readonly #transport: Transporter | null;
  readonly #batchSize: number;
  #interval: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #again = false;
  #stopped = false;

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

  /** Claims, delivers and marks one batch in one transaction; returns how many were claimed. */
  async #batch(): Promise<number> {
    return withTransaction(this.pool, async (client) => {
      const { rows } = await client.query<ClaimedRow>(
        `select id, tenant_id, recipient, subject, body, attempts, created_at from outbox
         where status = 'pending' and (next_attempt_at is null or next_attempt_at <= clock_timestamp())
         order by id limit $1 for update skip locked`,
        [this.#batchSize],
      );
      const senders = new Map<string, Promise<string>>();
      for (const row of rows) {
        if (!this.#transport) {
          await client.query(`update outbox set status = 'captured', delivered_at = $2, next_attempt_at = null where id = $1`, [row.id, this.clock.now()]);
          continue;
        }
        let from = senders.get(row.tenant_id);
        if (!from) senders.set(row.tenant_id, (from = this.#senderOf(row.tenant_id)));
        try {
          await this.#send(row, await from);
          await client.query(
            `update outbox set status = 'sent', attempts = attempts + 1, last_error = null, delivered_at = $2, next_attempt_at = null where id = $1`,
            [row.id, this.clock.now()],
          );
        } catch (error) {
          const attempts = row.attempts + 1;
          const message = describe(error);
          const permanent = isPermanent(error);
          const failed = permanent || attempts >= this.options.maxAttempts;
          const backoffMs = Math.min(this.options.retryBaseMs * 2 ** (attempts - 1), maxBackoffMs);
          await client.query(
            `update outbox set attempts = $2, last_error = $3, status = $4::varchar,
               next_attempt_at = case when $4::varchar = 'pending' then clock_timestamp() + make_interval(secs => $5::double precision / 1000) end
             where id = $1`,
            [row.id, attempts, message, failed ? 'failed' : 'pending', backoffMs],
          );
          this.log(`outbox ${row.id} to ${row.recipient}: ${failed ? 'failed' : `attempt ${attempts} refused, retry in ${backoffMs} ms`}: ${message}`);
        }
      }
      return rows.length;
    });
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
  const match = /^<?outbox\.(\d+)\.(\d+)@[^<>\s@]+>?$/.exec(messageId.trim());
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
