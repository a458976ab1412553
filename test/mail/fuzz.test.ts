import 'reflect-metadata';
/**
 * Fuzzing the inbound SMTP listener (CONTRACT, `SMTP_PORT`; DESIGN principle 1: a received
 * mail is never lost). 2,000 randomly mutated messages (fuzz.mutate.ts) go over real SMTP to
 * the listener of an in-process server, a few connections at a time, several messages per
 * connection. Each must be answered 250 and stored in `inbound_mail` with a final status;
 * afterwards the listener still registers a normal mail and nothing logged an internal error.
 *
 * The seed is fixed (repeatable in CI) and printed; `FUZZ_SEED=random` tries a new one,
 * `FUZZ_SEED=<n>` replays a run (with this version of
 * fuzz.mutate.ts), `FUZZ_ONLY=17,300` only those cases of it, `FUZZ_COUNT=<n>` changes the
 * number of cases, and `FUZZ_FILES=a.eml,b.eml` sends those files as they are instead. Failing cases are replayed one
 * at a time to read the server's log line for each, grouped by that line, and the smallest
 * case of each class is minimised; reproductions go to /tmp/fuzz-failures/.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import nodemailer from 'nodemailer';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { eventually, freePort } from './sink.js';
import { buildSeeds, describeCase, generateCase, type FuzzCase, type Seed } from './fuzz.mutate.js';

const recipient = 'gz54@krista.ru';
const count = Number(process.env.FUZZ_COUNT || 2000);
// A fixed seed by default, so the suite is repeatable; FUZZ_SEED=random explores new cases.
const defaultSeed = 20261122;
const runSeed =
  process.env.FUZZ_SEED === 'random' ? (Math.random() * 2 ** 32) >>> 0 : process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) >>> 0 : defaultSeed;
const files = process.env.FUZZ_FILES ? process.env.FUZZ_FILES.split(',').map((s) => s.trim()) : null;
const only = files ? files.map((_f, i) => i) : process.env.FUZZ_ONLY ? process.env.FUZZ_ONLY.split(',').map((s) => Number(s.trim())) : null;
const bigCases = new Set([777, 1555]);
const connections = Number(process.env.FUZZ_CONNECTIONS || 3);
const messagesPerConnection = 50;
// One folder per run seed, so runs (a full suite beside a replay) do not overwrite each other's.
const failureDir = path.join(process.env.FUZZ_FAILURE_DIR || '/tmp/fuzz-failures', files ? 'files' : `seed-${runSeed}${only ? `-only-${only.slice(0, 5).join('-')}` : ''}`);
const allowedStatuses = ['created', 'appended', 'rejected', 'unparseable', 'received'];

// ---------------------------------------------------------------- a minimal SMTP client

interface Reply {
  code: number;
  text: string;
}

class SmtpBroken extends Error {}

/** Plain SMTP over a socket: the message bytes go as they are, dot-stuffed, nothing normalised. */
class SmtpClient {
  #buffer = '';
  #lines: string[] = [];
  #replies: Reply[] = [];
  #waiter: { resolve: (r: Reply) => void; reject: (e: Error) => void } | null = null;
  #closed: Error | null = null;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => this.#onData(chunk.toString('latin1')));
    socket.on('error', (e) => this.#close(new SmtpBroken(`socket error: ${e.message}`)));
    socket.on('close', () => this.#close(new SmtpBroken('connection closed by the server')));
  }

  static async open(port: number): Promise<SmtpClient> {
    const socket = net.connect(port, '127.0.0.1');
    socket.setNoDelay(true);
    const client = new SmtpClient(socket);
    const banner = await client.read(10_000);
    if (banner.code !== 220) throw new SmtpBroken(`banner ${banner.code} ${banner.text}`);
    const ehlo = await client.command('EHLO fuzz.example.org', 10_000);
    if (ehlo.code !== 250) throw new SmtpBroken(`EHLO ${ehlo.code} ${ehlo.text}`);
    return client;
  }

  #onData(text: string) {
    this.#buffer += text;
    for (let i; (i = this.#buffer.indexOf('\r\n')) >= 0; ) {
      const line = this.#buffer.slice(0, i);
      this.#buffer = this.#buffer.slice(i + 2);
      this.#lines.push(line);
      if (line.length < 4 || line[3] !== '-') {
        const reply = { code: Number(line.slice(0, 3)), text: this.#lines.map((l) => l.slice(4)).join(' | ') };
        this.#lines = [];
        if (this.#waiter) {
          const w = this.#waiter;
          this.#waiter = null;
          w.resolve(reply);
        } else this.#replies.push(reply);
      }
    }
  }

  #close(error: Error) {
    if (this.#closed) return;
    this.#closed = error;
    if (this.#waiter) {
      const w = this.#waiter;
      this.#waiter = null;
      w.reject(error);
    }
  }

  read(timeoutMs: number): Promise<Reply> {
    const queued = this.#replies.shift();
    if (queued) return Promise.resolve(queued);
    if (this.#closed) return Promise.reject(this.#closed);
    return new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiter = null;
        reject(new SmtpBroken(`no reply in ${timeoutMs} ms`));
        this.socket.destroy();
      }, timeoutMs);
      this.#waiter = {
        resolve: (r) => (clearTimeout(timer), resolve(r)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      };
    });
  }

  command(line: string, timeoutMs = 10_000): Promise<Reply> {
    if (this.#closed) return Promise.reject(this.#closed);
    this.socket.write(`${line}\r\n`);
    return this.read(timeoutMs);
  }

  /** One transaction; the stage that did not get its expected answer, or END with the final reply. */
  async send(sender: string, bytes: Buffer, timeoutMs: number): Promise<{ stage: string; code: number | null; text: string }> {
    let stage = 'MAIL';
    try {
      const mail = await this.command(`MAIL FROM:<${sender}>`);
      if (mail.code !== 250) return { stage, code: mail.code, text: mail.text };
      stage = 'RCPT';
      const rcpt = await this.command(`RCPT TO:<${recipient}>`);
      if (rcpt.code !== 250) return { stage, code: rcpt.code, text: rcpt.text };
      stage = 'DATA';
      const data = await this.command('DATA');
      if (data.code !== 354) return { stage, code: data.code, text: data.text };
      stage = 'END';
      this.socket.write(dotStuffed(bytes));
      this.socket.write(bytes.length === 0 || endsWithCrlf(bytes) ? '.\r\n' : '\r\n.\r\n');
      const end = await this.read(timeoutMs);
      return { stage, code: end.code, text: end.text };
    } catch (error) {
      return { stage, code: null, text: error instanceof Error ? error.message : String(error) };
    }
  }

  get broken(): boolean {
    return this.#closed !== null;
  }

  async quit(): Promise<void> {
    if (!this.#closed) await this.command('QUIT', 2_000).catch(() => undefined);
    this.socket.destroy();
  }
}

const endsWithCrlf = (b: Buffer) => b.length >= 2 && b[b.length - 2] === 0x0d && b[b.length - 1] === 0x0a;

/** RFC 5321 4.5.2 as smtp-server undoes it: a dot that starts the data or follows LF is doubled. */
function dotStuffed(bytes: Buffer): Buffer {
  const parts: Buffer[] = [];
  let from = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x2e && (i === 0 || bytes[i - 1] === 0x0a)) {
      parts.push(bytes.subarray(from, i), Buffer.from('.'));
      from = i;
    }
  }
  parts.push(bytes.subarray(from));
  return Buffer.concat(parts);
}

/**
 * What the listener stores for these bytes: its Delivered-To line, then the message. Exactly
 * (raw_bytes, or raw when that is the same UTF-8), or as the older listener's text form.
 */
function storedFingerprints(bytes: Buffer): string[] {
  const content = bytes.length === 0 || endsWithCrlf(bytes) ? bytes : Buffer.concat([bytes, Buffer.from('\r\n')]);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    text = content.toString('latin1');
  }
  const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');
  const prefix = `Delivered-To: ${recipient}\r\n`;
  return [md5(Buffer.from(prefix + text, 'utf8')), md5(content), md5(Buffer.concat([Buffer.from(prefix), content]))];
}

// ---------------------------------------------------------------- the server and its log

let t: TestServer;
let port: number;
let seeds: Seed[];
const log: string[] = [];
const processErrors: string[] = [];
const previousTestLog = process.env.TEST_LOG;
const onProcessError = (e: unknown) => processErrors.push(e instanceof Error ? (e.stack ?? e.message) : String(e));

beforeAll(async () => {
  // Every server log line, not printed: the test reads them (intake faults, internal errors).
  process.env.TEST_LOG = '1';
  const original = console.error.bind(console);
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    const line = args.map(String).join(' ');
    log.push(line);
    if (line.startsWith('internal error')) original(...args);
  });
  process.on('uncaughtException', onProcessError);
  process.on('unhandledRejection', onProcessError);
  t = await startTestServer({ SMTP_PORT: String(await freePort()), SMTP_RATE_LIMIT: '0' });
  port = t.server.smtpPort!;

  // An open ticket and one of our Message-IDs, for the reply seeds to thread on.
  const messageId = `<fuzz-base.${Date.now()}@example.org>`;
  await plainTransport().sendMail({ from: 'base@example.org', to: recipient, subject: 'Базовое обращение', text: 'Текст', messageId });
  const { rows } = await t.db.query(`select m.ticket_id, t.number from inbound_mail m join ticket t on t.id = m.ticket_id where m.message_id = $1`, [messageId]);
  const ticket = rows[0] as { ticket_id: string; number: string };
  const outbox = await eventually(async () => {
    const { rows: out } = await t.db.query(`select id, created_at from outbox where ticket_id = $1 order by id limit 1`, [ticket.ticket_id]);
    return out[0] as { id: string; created_at: Date } | undefined;
  });
  seeds = buildSeeds({ ticketNumber: ticket.number, outboxMessageId: `<outbox.${outbox.id}.${new Date(outbox.created_at).getTime()}@krista.ru>` });
});

afterAll(async () => {
  vi.restoreAllMocks();
  process.off('uncaughtException', onProcessError);
  process.off('unhandledRejection', onProcessError);
  if (previousTestLog === undefined) delete process.env.TEST_LOG;
  else process.env.TEST_LOG = previousTestLog;
  await t?.stop();
});

const plainTransport = () => nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });

// ---------------------------------------------------------------- the campaign

interface Outcome {
  c: FuzzCase;
  stage: string;
  code: number | null;
  text: string;
  ms: number;
}

interface Failure extends Outcome {
  key: string;
  logLines: string[];
}

const accepted = (o: { stage: string; code: number | null }) => o.stage === 'END' && o.code === 250;
const caseFor = (i: number): FuzzCase =>
  files
    ? { index: i, seed: 0, base: path.basename(files[i]!), sender: 'ivanov@example.org', mutations: [], bytes: fs.readFileSync(files[i]!) }
    : generateCase(runSeed, i, seeds, { big: bigCases.has(i) });

async function campaign(indices: number[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let next = 0;
  const worker = async () => {
    let client: SmtpClient | null = null;
    let sent = 0;
    while (next < indices.length) {
      const c = caseFor(indices[next++]!);
      const started = Date.now();
      if (!client || client.broken || sent >= messagesPerConnection) {
        await client?.quit();
        client = null;
        try {
          client = await SmtpClient.open(port);
        } catch (error) {
          outcomes.push({ c, stage: 'CONNECT', code: null, text: error instanceof Error ? error.message : String(error), ms: Date.now() - started });
          continue;
        }
        sent = 0;
      }
      const r = await client.send(c.sender, c.bytes, c.bytes.length > 1_000_000 ? 60_000 : 20_000);
      sent++;
      outcomes.push({ c, ...r, ms: Date.now() - started });
      if (!accepted(r) && r.code !== null && r.stage !== 'END') await client.command('RSET').catch(() => undefined);
    }
    await client?.quit();
  };
  await Promise.all(Array.from({ length: connections }, worker));
  return outcomes.sort((a, b) => a.c.index - b.c.index);
}

/** A failure's class: what the server logged for it, with numbers and ids blanked. */
function classKey(o: { stage: string; code: number | null; text: string }, lines: string[]): string {
  const fault = lines.map((l) => /^smtp: (?:intake failed: )?(.*)$/s.exec(l)?.[1]).find((m) => m !== undefined && !m.startsWith('mail from'));
  const normalise = (s: string) =>
    s
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<id>')
      .replace(/"[^"]*"/g, '"…"')
      .replace(/\d+/g, 'N')
      .slice(0, 140);
  const reply = o.code === null ? `no reply at ${o.stage} (${normalise(o.text)})` : `${o.code} at ${o.stage}`;
  return fault ? `${reply}: ${normalise(fault)}` : reply;
}

/** Sends one message alone on `client` and returns its outcome with the log lines it caused. */
async function probe(state: { client: SmtpClient | null }, c: { sender: string; bytes: Buffer }, timeoutMs = 10_000) {
  if (!state.client || state.client.broken) {
    await state.client?.quit();
    state.client = null;
    try {
      state.client = await SmtpClient.open(port);
    } catch (error) {
      const r = { stage: 'CONNECT', code: null, text: error instanceof Error ? error.message : String(error) };
      return { ...r, lines: [] as string[], key: classKey(r, []) };
    }
  }
  const mark = log.length;
  const r = await state.client.send(c.sender, c.bytes, timeoutMs);
  await new Promise((res) => setTimeout(res, 5));
  const lines = log.slice(mark).filter((l) => l.startsWith('smtp:') || l.startsWith('inbound mail') || l.startsWith('internal error'));
  return { ...r, lines, key: classKey(r, lines) };
}

/** Delta debugging over units (lines, then bytes): the smallest input still failing the same way. */
async function ddmin(units: string[], stillFails: (u: string[]) => Promise<boolean>, budget: { probes: number; until: number }): Promise<string[]> {
  let n = 2;
  while (units.length >= 2 && budget.probes > 0 && Date.now() < budget.until) {
    const size = Math.ceil(units.length / n);
    let reduced = false;
    for (let i = 0; i < units.length && budget.probes > 0 && Date.now() < budget.until; i += size) {
      const candidate = [...units.slice(0, i), ...units.slice(i + size)];
      budget.probes--;
      if (await stillFails(candidate)) {
        units = candidate;
        n = Math.max(n - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (n >= units.length) break;
      n = Math.min(units.length, n * 2);
    }
  }
  return units;
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);

async function analyse(failed: Outcome[]): Promise<{ failures: Failure[]; classes: Map<string, Failure[]> }> {
  const state: { client: SmtpClient | null } = { client: null };
  const failures: Failure[] = [];
  const until = Date.now() + 5_000;
  for (const [i, o] of failed.entries()) {
    // Replayed alone, so the log lines are this message's; past the budget, the reply alone.
    if (i < 400 && Date.now() < until && o.code !== null) {
      const again = await probe(state, o.c);
      const key = accepted(again) ? `not reproducible alone (first: ${classKey(o, [])})` : again.key;
      failures.push({ ...o, key, logLines: again.lines });
    } else failures.push({ ...o, key: classKey(o, []), logLines: [] });
  }
  const classes = new Map<string, Failure[]>();
  for (const f of failures) classes.set(f.key, [...(classes.get(f.key) ?? []), f]);

  if (!failures.length) return { failures, classes };
  fs.rmSync(failureDir, { recursive: true, force: true });
  fs.mkdirSync(failureDir, { recursive: true });
  const ranked = [...classes.entries()].sort((a, b) => b[1].length - a[1].length);
  const minimiseUntil = Date.now() + 5_000;
  for (const [n, [key, members]] of ranked.slice(0, 5).entries()) {
    const smallest = [...members].sort((a, b) => a.c.bytes.length - b.c.bytes.length)[0]!;
    let minimal = smallest.c.bytes.toString('latin1');
    if (smallest.code !== null && !key.startsWith('not reproducible')) {
      const budget = { probes: 150, until: Math.min(minimiseUntil, Date.now() + 1_500) };
      const fails = async (s: string) => (await probe(state, { sender: smallest.c.sender, bytes: Buffer.from(s, 'latin1') }, 5_000)).key === key;
      const lines = await ddmin(minimal.split(/(?<=\n)/), (u) => fails(u.join('')), budget);
      minimal = (await ddmin(lines.join('').split(''), (u) => fails(u.join('')), budget)).join('');
    }
    const name = `${String(n + 1).padStart(2, '0')}-${slug(key)}`;
    fs.writeFileSync(path.join(failureDir, `${name}.eml`), Buffer.from(minimal, 'latin1'));
    fs.writeFileSync(path.join(failureDir, `${name}.orig.eml`), smallest.c.bytes);
    fs.writeFileSync(
      path.join(failureDir, `${name}.txt`),
      [
        `class: ${key}`,
        `cases in this class: ${members.length}`,
        `smallest: ${describeCase(smallest.c)}`,
        `envelope: MAIL FROM:<${smallest.c.sender}> RCPT TO:<${recipient}>`,
        `reply: ${smallest.code ?? '-'} at ${smallest.stage}: ${smallest.text}`,
        `minimised: ${minimal.length} bytes (${name}.eml; ${name}.orig.eml is the case as generated)`,
        `server log:`,
        ...smallest.logLines.map((l) => `  ${l}`),
        `replay the minimised file: FUZZ_FILES=${path.join(failureDir, `${name}.eml`)} npx vitest run test/mail/fuzz.test.ts`,
        files
          ? `sent from: ${members.map((m) => files[m.c.index]).join(', ')}`
          : `replay the cases: FUZZ_SEED=${runSeed} FUZZ_ONLY=${members.slice(0, 10).map((m) => m.c.index).join(',')} npx vitest run test/mail/fuzz.test.ts`,
        '',
      ].join('\n'),
    );
  }
  await state.client?.quit();
  fs.writeFileSync(
    path.join(failureDir, 'failures.json'),
    JSON.stringify(
      failures.map((f) => ({ seed: runSeed, index: f.c.index, caseSeed: f.c.seed, base: f.c.base, mutations: f.c.mutations, bytes: f.c.bytes.length, sender: f.c.sender, stage: f.stage, code: f.code, reply: f.text, class: f.key, log: f.logLines })),
      null,
      2,
    ),
  );
  return { failures, classes };
}

// ---------------------------------------------------------------- the test

/** FUZZ_PROFILE=1: where the time goes, by mutation, and the slowest cases. */
function profile(outcomes: Outcome[]): string[] {
  const by = new Map<string, { n: number; ms: number; bytes: number }>();
  for (const o of outcomes) {
    for (const m of o.c.mutations.length ? o.c.mutations : ['unmutated']) {
      const k = m.replace(/[\d"(].*$/, '').trim();
      const e = by.get(k) ?? { n: 0, ms: 0, bytes: 0 };
      e.n++;
      e.ms += o.ms;
      e.bytes += o.c.bytes.length;
      by.set(k, e);
    }
  }
  const total = outcomes.reduce((s, o) => s + o.c.bytes.length, 0);
  return [
    `  bytes sent: ${(total / 1e6).toFixed(1)} MB`,
    ...[...by.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 20).map(([k, e]) => `    ${String(e.ms).padStart(7)} ms in ${String(e.n).padStart(4)} cases, avg ${(e.bytes / e.n / 1024).toFixed(0)} KB: ${k}`),
    ...[...outcomes].sort((a, b) => b.ms - a.ms).slice(0, 10).map((o) => `    ${o.ms} ms ${describeCase(o.c)}`),
  ];
}

interface Run {
  outcomes: Outcome[];
  failures: Failure[];
  classes: Map<string, Failure[]>;
  rowsBefore: number;
  rowsAfter: number;
}
let run: Promise<Run> | null = null;

function theRun(): Promise<Run> {
  run ??= (async () => {
    const indices = only ?? Array.from({ length: count }, (_x, i) => i);
    console.log(files ? `fuzz: ${files.length} files` : `fuzz: seed ${runSeed} (replay with FUZZ_SEED=${runSeed}), ${indices.length} cases`);
    const { rows } = await t.db.query(`select count(*)::int as n from inbound_mail`);
    const started = Date.now();
    const outcomes = await campaign(indices);
    const sentMs = Date.now() - started;
    const { rows: after } = await t.db.query(`select count(*)::int as n from inbound_mail`);
    const { failures, classes } = await analyse(outcomes.filter((o) => !accepted(o)));
    const slowest = [...outcomes].sort((a, b) => b.ms - a.ms).slice(0, 3);
    console.log(
      [
        `fuzz: ${outcomes.length} sent in ${(sentMs / 1000).toFixed(1)} s, ${outcomes.length - failures.length} answered 250, ${failures.length} not` +
          (failures.length ? ` (analysed in ${((Date.now() - started - sentMs) / 1000).toFixed(1)} s; reproductions in ${failureDir}/)` : ''),
        ...[...classes.entries()].sort((a, b) => b[1].length - a[1].length).map(([key, fs]) => `  ${fs.length} × ${key}\n      e.g. ${describeCase(fs[0]!.c)}`),
        `  time per mail: median ${[...outcomes].sort((a, b) => a.ms - b.ms)[outcomes.length >> 1]?.ms} ms; slowest: ${slowest.map((o) => `#${o.c.index} ${o.ms} ms`).join(', ')}`,
        ...(process.env.FUZZ_PROFILE ? profile(outcomes) : []),
      ].join('\n'),
    );
    return { outcomes, failures, classes, rowsBefore: rows[0].n as number, rowsAfter: after[0].n as number };
  })();
  return run;
}

describe('inbound SMTP fuzz', () => {
  it(`every one of ${only?.length ?? count} mutated mails is answered 250`, { timeout: 180_000 }, async () => {
    const { outcomes, failures, classes } = await theRun();
    expect(outcomes).toHaveLength(only?.length ?? count);
    const summary = [...classes.entries()].map(([key, fs]) => `${fs.length} × ${key} (e.g. #${fs[0]!.c.index}: ${fs[0]!.c.mutations.join(' → ')})`);
    expect(summary, `seed ${runSeed}; reproductions in ${failureDir}/`).toEqual([]);
    expect(failures).toHaveLength(0);
  });

  it('every mail answered 250 is stored in inbound_mail with a final status', { timeout: 60_000 }, async () => {
    const { outcomes, rowsBefore, rowsAfter } = await theRun();
    const acceptedCount = outcomes.filter(accepted).length;
    // Rows the campaign added (the replays of failing cases came later): one per accepted mail,
    // plus at most one per mail refused with 451 (kept as `received` for a retry).
    expect(rowsAfter - rowsBefore, 'rows added to inbound_mail by the run').toBeGreaterThanOrEqual(acceptedCount);
    expect(rowsAfter - rowsBefore, 'rows added to inbound_mail by the run').toBeLessThanOrEqual(outcomes.length);
    // The exact bytes where the server keeps them beside the text (raw_bytes), else the text.
    const { rows: columns } = await t.db.query(`select 1 from information_schema.columns where table_name = 'inbound_mail' and column_name = 'raw_bytes'`);
    const exact = columns.length ? `coalesce(raw_bytes, convert_to(raw, 'UTF8'))` : 'raw';
    const { rows: stored } = await t.db.query(`select status, md5(${exact}) as md5 from inbound_mail`);
    const bad = stored.filter((r) => !allowedStatuses.includes(r.status));
    expect(bad, 'rows with a status outside created/appended/rejected/unparseable/received').toEqual([]);

    // Each accepted mail by its content: the raw text kept verbatim (or as its bytes).
    const byMd5 = new Map<string, Array<{ status: string }>>();
    for (const r of stored) byMd5.set(r.md5, [...(byMd5.get(r.md5) ?? []), { status: r.status }]);
    const notVerbatim: string[] = [];
    const unfinished: string[] = [];
    for (const o of outcomes.filter(accepted)) {
      const key = storedFingerprints(o.c.bytes).find((h) => byMd5.get(h)?.length);
      const hit = key ? byMd5.get(key)!.shift()! : null;
      if (!hit) notVerbatim.push(describeCase(o.c));
      else if (hit.status === 'received') unfinished.push(describeCase(o.c));
    }
    // Reported, not asserted: a server that normalises what it keeps (e.g. drops NUL) still keeps the mail.
    if (notVerbatim.length) console.log(`fuzz: ${notVerbatim.length} accepted mails not found verbatim in inbound_mail:\n  ${notVerbatim.slice(0, 10).join('\n  ')}`);
    const statuses = stored.reduce<Record<string, number>>((acc, r) => ((acc[r.status] = (acc[r.status] ?? 0) + 1), acc), {});
    console.log(`fuzz: inbound_mail rows by status (replays included): ${JSON.stringify(statuses)}`);
    expect(unfinished, 'answered 250 but left unprocessed (status received)').toEqual([]);
  });

  it('the listener still registers a normal mail afterwards, and the process survived', { timeout: 30_000 }, async () => {
    await theRun();
    const messageId = `<after-fuzz.${Date.now()}@example.org>`;
    const info = await plainTransport().sendMail({ from: '"Контрольный" <control@example.org>', to: recipient, subject: 'После фаззинга', text: 'Проверка', messageId });
    expect(info.accepted).toEqual([recipient]);
    const { rows } = await t.db.query(`select status, ticket_id from inbound_mail where message_id = $1`, [messageId]);
    expect(rows).toMatchObject([{ status: 'created', ticket_id: expect.any(String) }]);
    expect(processErrors, 'uncaught exceptions / unhandled rejections during the run').toEqual([]);
  });

  it('nothing logged an internal error', async () => {
    await theRun();
    expect(log.filter((l) => l.startsWith('internal error'))).toEqual([]);
  });
});
