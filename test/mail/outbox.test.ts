import 'reflect-metadata';
/**
 * Outbound mail (CONTRACT "Starting it", DESIGN principle 1): letters written in an event's
 * transaction are delivered after it by the outbox worker: captured without a relay, sent
 * through `SMTP_OUTBOUND_URL` with one, retried and then failed when the relay refuses, and
 * sent once even when two server instances share the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { startChildServer, type ChildServer } from '../support/child-server.js';
import { createTestDatabase } from '../support/database.js';
import type { GraphQLClient } from '../support/graphql-client.js';
import { rawMail } from '../intake/mail.js';
import { eventually, freePort, startSink, type Sink } from './sink.js';

const unique = () => Math.random().toString(36).slice(2, 8);

/**
 * A mail to the Kurgan desk's main mailbox (KUR-2): its acknowledgement (KUR-4) is the one
 * outbox letter to the sender. (Novosibirsk would add an automatic info request to an
 * incomplete mail, NSO-6: two letters; these tests are about one letter's delivery.)
 */
const DESK = '155@krasnodar.pro';

async function mailIn(t: { admin: GraphQLClient }, subject = 'Не запускается ViPNet Client') {
  const sender = `requester-${unique()}@example.org`;
  const { receiveEmail } = await t.admin.data<{ receiveEmail: { outcome: string; ticket: { id: string; number: string; tenantId: string } } }>(
    `mutation($raw: String!) { receiveEmail(raw: $raw) { outcome ticket { id number tenantId } } }`,
    { raw: rawMail({ from: sender, to: DESK, subject }) },
  );
  expect(receiveEmail.outcome).toBe('CREATED');
  expect(receiveEmail.ticket.tenantId).toBe('kurgan-vipnet');
  return { sender, ticket: receiveEmail.ticket };
}

interface OutboxRow {
  id: string;
  status: string;
  attempts: number;
  last_error: string | null;
  delivered_at: Date | null;
  next_attempt_at: Date | null;
  subject: string;
}

async function rowsTo(t: TestServer, to: string): Promise<OutboxRow[]> {
  const { rows } = await t.db.query<OutboxRow>(
    `select id, status, attempts, last_error, delivered_at, next_attempt_at, subject from outbox where recipient = $1 order by id`,
    [to],
  );
  return rows;
}

async function settled(t: TestServer, to: string, status: string): Promise<OutboxRow> {
  return eventually(async () => {
    const rows = await rowsTo(t, to);
    return rows.length === 1 && rows[0]!.status === status ? rows[0] : undefined;
  });
}

describe('without a relay', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ OUTBOX_INTERVAL_MS: '100' });
  });
  afterAll(async () => t?.stop());

  it('keeps the acknowledgement as captured, at the product clock, and outboundMessages shows its status', async () => {
    const { sender, ticket } = await mailIn(t);
    const row = await settled(t, sender, 'captured');
    expect(row.attempts).toBe(0);
    // delivered_at is the product's now: the manual clock of the test server.
    expect(row.delivered_at!.toISOString()).toBe('2026-11-23T03:00:00.000Z');
    const { outboundMessages } = await t.admin.data<{ outboundMessages: Array<{ ticketId: string; subject: string; status: string }> }>(
      `query($to: String!) { outboundMessages(to: $to) { ticketId subject status } }`,
      { to: sender },
    );
    expect(outboundMessages).toEqual([{ ticketId: ticket.id, subject: `[${ticket.number}] Обращение зарегистрировано`, status: 'captured' }]);
  });

  it('a row written pending by an event is captured after the commit', async () => {
    const to = `direct-${unique()}@example.org`;
    await t.db.query(
      `insert into outbox (tenant_id, ticket_id, kind, recipient, subject, body, status, attempts, created_at)
       values ('novosibirsk', null, 'mail', $1, 'Тема', 'Текст', 'pending', 0, now())`,
      [to],
    );
    expect((await settled(t, to, 'captured')).delivered_at).not.toBeNull();
  });
});

describe('through a relay', () => {
  let sink: Sink;
  let t: TestServer;
  let second: TestServer | undefined;
  beforeAll(async () => {
    sink = await startSink();
    t = await startTestServer({ SMTP_OUTBOUND_URL: sink.url, OUTBOX_INTERVAL_MS: '100' });
  });
  afterAll(async () => {
    await second?.stop();
    await t?.stop();
    await sink?.stop();
  });

  it('sends the acknowledgement once, from the channel address, marked auto-replied, and marks it sent', async () => {
    const { sender, ticket } = await mailIn(t);
    const row = await settled(t, sender, 'sent');
    expect(row).toMatchObject({ attempts: 1, last_error: null, next_attempt_at: null });
    const delivered = sink.messages.filter((m) => m.rcptTo.includes(sender));
    expect(delivered).toHaveLength(1);
    const [letter] = delivered;
    expect(letter!.parsed.to).toMatchObject({ value: [{ address: sender }] });
    expect(letter!.parsed.subject).toBe(`[${ticket.number}] Обращение зарегистрировано`);
    expect(letter!.parsed.headers.get('auto-submitted')).toBe('auto-replied');
    expect(letter!.mailFrom).toBe(DESK);
    expect(letter!.parsed.messageId).toMatch(new RegExp(`^<outbox\\.${row.id}\\.\\d+@krasnodar\\.pro>$`));
    const { outboundMessages } = await t.admin.data<{ outboundMessages: Array<{ status: string }> }>(
      `query($id: ID!) { outboundMessages(ticketId: $id) { status } }`,
      { id: ticket.id },
    );
    expect(outboundMessages).toEqual([{ status: 'sent' }]);
  });

  it('two instances on one database send each letter once', async () => {
    second = await startTestServer({ SMTP_OUTBOUND_URL: sink.url, OUTBOX_INTERVAL_MS: '100' }, t.databaseUrl);
    const senders: string[] = [];
    // Mails through both instances: each commit wakes both workers.
    await Promise.all(
      Array.from({ length: 24 }, async (_, i) => senders.push((await mailIn(i % 2 ? second! : t, `Заявка ${i}`)).sender)),
    );
    await eventually(async () => {
      const rows = (await Promise.all(senders.map((s) => rowsTo(t, s)))).flat();
      return rows.length === 24 && rows.every((r) => r.status === 'sent') ? rows : undefined;
    });
    for (const s of senders) expect(sink.messages.filter((m) => m.rcptTo.includes(s))).toHaveLength(1);
    const ids = sink.messages.map((m) => m.parsed.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('a relay that refuses', () => {
  let sink: Sink;
  let t: TestServer;
  beforeAll(async () => {
    sink = await startSink({ refuse: { code: 451, message: '4.3.0 try again later' } });
    t = await startTestServer({ SMTP_OUTBOUND_URL: sink.url, OUTBOX_INTERVAL_MS: '50', OUTBOX_RETRY_BASE_MS: '100', OUTBOX_MAX_ATTEMPTS: '3' });
  });
  afterAll(async () => {
    await t?.stop();
    await sink?.stop();
  });

  it('retries with backoff, keeps the answer, and fails the letter after the last attempt', async () => {
    const { sender } = await mailIn(t);
    const pending = await eventually(async () => {
      const [row] = await rowsTo(t, sender);
      return row?.last_error ? row : undefined;
    });
    expect(pending.last_error).toMatch(/451/);
    const row = await settled(t, sender, 'failed');
    expect(row.attempts).toBe(3);
    expect(row.last_error).toMatch(/451 4\.3\.0 try again later/);
    expect(row.delivered_at).toBeNull();
    expect(row.next_attempt_at).toBeNull();
    expect(sink.dataAttempts).toBe(3);
  });
});

describe('a relay nobody listens on', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ SMTP_OUTBOUND_URL: `smtp://127.0.0.1:${await freePort()}`, OUTBOX_INTERVAL_MS: '50', OUTBOX_RETRY_BASE_MS: '50', OUTBOX_MAX_ATTEMPTS: '2' });
  });
  afterAll(async () => t?.stop());

  it('counts the connection errors and fails the letter', async () => {
    const { sender } = await mailIn(t);
    const row = await settled(t, sender, 'failed');
    expect(row.attempts).toBe(2);
    expect(row.last_error).toMatch(/ECONNREFUSED/);
  });
});

describe('a relay that refuses twice, then accepts', () => {
  let sink: Sink;
  let t: TestServer;
  beforeAll(async () => {
    sink = await startSink({ refuseFirst: 2 });
    t = await startTestServer({ SMTP_OUTBOUND_URL: sink.url, OUTBOX_INTERVAL_MS: '50', OUTBOX_RETRY_BASE_MS: '50', OUTBOX_MAX_ATTEMPTS: '5' });
  });
  afterAll(async () => {
    await t?.stop();
    await sink?.stop();
  });

  it('delivers the letter exactly once, on the third attempt', async () => {
    const { sender } = await mailIn(t);
    const row = await settled(t, sender, 'sent');
    expect(row.attempts).toBe(3);
    expect(row.last_error).toBeNull();
    expect(sink.dataAttempts).toBe(3);
    expect(sink.messages.filter((m) => m.rcptTo.includes(sender))).toHaveLength(1);
  });
});

describe('a worker killed mid-send', () => {
  const env = { CLOCK: 'manual', CLOCK_START: '2026-11-23T03:00:00Z', OUTBOX_INTERVAL_MS: '100', OUTBOX_LEASE_MS: '1500' };
  let holding: Sink;
  let open: Sink;
  let db: pg.Pool;
  let survivor: ChildServer | undefined;
  beforeAll(async () => {
    holding = await startSink({ hold: true });
    open = await startSink();
  });
  afterAll(async () => {
    await survivor?.kill('SIGTERM');
    await db?.end();
    await holding?.stop();
    await open?.stop();
  });

  it('never sends the letter again on its own: it is failed as interrupted, and an admin may resend it', async () => {
    const databaseUrl = await createTestDatabase();
    db = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    // The relay has the whole letter but the worker dies before hearing its 250.
    const dying = await startChildServer({ ...env, DATABASE_URL: databaseUrl, SMTP_OUTBOUND_URL: holding.url });
    const { sender } = await mailIn(dying);
    await eventually(async () => (holding.messages.some((m) => m.rcptTo.includes(sender)) ? true : undefined));
    await dying.kill('SIGKILL');
    const { rows: [inFlight] } = await db.query(`select status from outbox where recipient = $1`, [sender]);
    expect(inFlight.status).toBe('sending');

    // Another instance, with a relay that would accept anything, takes over.
    survivor = await startChildServer({ ...env, DATABASE_URL: databaseUrl, SMTP_OUTBOUND_URL: open.url });
    const failed = await eventually(async () => {
      const { outboundMessages } = await survivor!.admin.data<{ outboundMessages: Array<{ id: string; status: string; attempts: number; lastError: string }> }>(
        `query($to: String!) { outboundMessages(to: $to, status: "failed") { id status attempts lastError } }`,
        { to: sender },
      );
      return outboundMessages[0];
    });
    expect(failed.lastError).toMatch(/interrupted/);
    expect(open.messages).toHaveLength(0);
    expect(holding.messages.filter((m) => m.rcptTo.includes(sender))).toHaveLength(1);

    // The admin checked with the requester: it never arrived. One click sends it once more.
    await survivor.admin.data(`mutation($id: ID!) { retryOutboundMessage(id: $id) { status } }`, { id: failed.id });
    await eventually(async () => (open.messages.length === 1 ? true : undefined));
    const { rows: [done] } = await db.query(`select status, attempts from outbox where id = $1`, [failed.id]);
    expect(done).toEqual({ status: 'sent', attempts: 1 });
  });
});
