/**
 * The mail corpus: hand-written support mails as Russian regional desks receive them
 * (test/fixtures/mail/NN-name.eml), each with what a person reading it expects to happen
 * (NN-name.expect.json; the format is in test/fixtures/mail/README.md). Every mail goes
 * through the public `receiveEmail` mutation of a real server, in file-name order: a later
 * mail may answer a ticket an earlier one created (`{{number:NN-name}}` in its text is that
 * ticket's number), after setup events sent through `sendTicketEvent`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, startTestServer, type TestServer } from '../support/test-server.js';
import { outboundMessageId } from '../../server/src/mail/outbox.worker.js';

const corpusDir = path.join(repoRoot, 'test/fixtures/mail');

interface SetupStep {
  ticketOf: string;
  event: string;
  data?: Record<string, unknown>;
}

interface Expectation {
  rule: string;
  title: string;
  setup?: SetupStep[];
  outcome: 'CREATED' | 'APPENDED' | 'REJECTED';
  reason?: string | null;
  stored?: 'created' | 'appended' | 'rejected' | 'unparseable';
  tenantId?: string | null;
  audience?: string | null;
  number?: string;
  subject?: string | null;
  statusCategory?: string;
  fields?: Record<string, unknown>;
  fieldsAbsent?: string[];
  description?: { contains?: string[]; notContains?: string[]; count?: Record<string, number> };
  appendedTo?: string;
  historyAdded?: string[];
  message?: { from?: string; contains?: string[] };
  linkedTo?: string;
  acknowledged?: boolean;
  noReply?: boolean;
  reply?: { mentions: string[] };
  unchanged?: string;
}

interface CorpusMail {
  name: string;
  raw: string;
  expect: Expectation;
}

const corpus: CorpusMail[] = fs
  .readdirSync(corpusDir)
  .filter((file) => file.endsWith('.eml'))
  .sort()
  .map((file) => {
    const name = file.replace(/\.eml$/, '');
    return {
      name,
      raw: fs.readFileSync(path.join(corpusDir, file), 'utf8'),
      expect: JSON.parse(fs.readFileSync(path.join(corpusDir, `${name}.expect.json`), 'utf8')) as Expectation,
    };
  });

interface Ticket {
  id: string;
  tenantId: string;
  number: string;
  channel: string;
  audience: string | null;
  subject: string | null;
  statusCategory: string;
  fields: Record<string, unknown>;
  version: number;
  history: Array<{ event: string; actor: string }>;
  messages: Array<{ direction: string; from: string | null; to: string | null; subject: string | null; body: string }>;
  links: Array<{ relation: string; ticket: { id: string; number: string } }>;
}

interface Receipt {
  outcome: 'CREATED' | 'APPENDED' | 'REJECTED';
  reason: string | null;
  ticket: Ticket | null;
}

interface Letter {
  ticketId: string | null;
  to: string;
  subject: string;
  body: string;
}

const ticketSelection = `id tenantId number channel audience subject statusCategory fields version
  history { event actor } messages { direction from to subject body } links { relation ticket { id number } }`;

let t: TestServer;
/** The tickets the corpus's mails created, by mail name. */
const created = new Map<string, { id: string; number: string; tenantId: string }>();

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.stop());

async function feed(raw: string): Promise<Receipt> {
  const { receiveEmail } = await t.admin.data<{ receiveEmail: Receipt }>(
    `mutation($raw: String!) { receiveEmail(raw: $raw) { outcome reason ticket { ${ticketSelection} } } }`,
    { raw },
  );
  return receiveEmail;
}

async function ticket(id: string): Promise<Ticket> {
  return (await t.admin.data<{ ticket: Ticket }>(`query($id: ID!) { ticket(id: $id) { ${ticketSelection} } }`, { id })).ticket;
}

async function lettersTo(to: string): Promise<Letter[]> {
  return (await t.admin.data<{ outboundMessages: Letter[] }>(`query($to: String!) { outboundMessages(to: $to) { ticketId to subject body } }`, { to }))
    .outboundMessages;
}

function ticketOf(mail: string, neededBy: string) {
  const found = created.get(mail);
  if (!found) throw new Error(`${neededBy} needs the ticket of ${mail}, which did not create one (run the whole file)`);
  return found;
}

/** `{{number:NN-name}}` and `{{ourMessageId:NN-name}}` in a mail or an expectation. */
async function substitute(text: string, neededBy: string): Promise<string> {
  let out = text.replace(/\{\{number:([^}]+)\}\}/g, (_, mail: string) => ticketOf(mail, neededBy).number);
  for (const match of out.matchAll(/\{\{ourMessageId:([^}]+)\}\}/g)) {
    const { id } = ticketOf(match[1]!, neededBy);
    const { rows } = await t.db.query(`select id, created_at from outbox where ticket_id = $1 order by id limit 1`, [id]);
    if (!rows[0]) throw new Error(`${neededBy}: no letter of ours to ${match[1]} to reply to`);
    out = out.replace(match[0], outboundMessageId(rows[0], 'krista.ru'));
  }
  return out;
}

function substituteDeep<T>(value: T, neededBy: string): T {
  if (typeof value === 'string') return value.replace(/\{\{number:([^}]+)\}\}/g, (_, mail: string) => ticketOf(mail, neededBy).number) as T;
  if (Array.isArray(value)) return value.map((v) => substituteDeep(v, neededBy)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteDeep(v, neededBy)])) as T;
  return value;
}

/** The unfolded header block of a raw mail. */
function headerOf(raw: string, key: string): string | null {
  const head = raw.split(/\r\n\r\n/)[0]!.replace(/\r\n[ \t]+/g, ' ');
  return new RegExp(`^${key}:[ \\t]*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? null;
}

function senderOf(raw: string): string {
  const from = headerOf(raw, 'From') ?? '';
  const address = /<([^<>\s]+@[^<>\s]+)>/.exec(from)?.[1] ?? /([^\s<>"]+@[^\s<>"]+)/.exec(from)?.[1];
  if (!address) throw new Error(`no sender in From: ${from}`);
  return address;
}

function occurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}

const storedStatus = { CREATED: 'created', APPENDED: 'appended', REJECTED: 'rejected' } as const;

describe('the mail corpus through receiveEmail', () => {
  it('has at least 32 mails, each with its expectation', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(32);
    for (const mail of corpus) expect(mail.raw, mail.name).not.toMatch(/[^\x00-\x7f]/);
  });

  for (const mail of corpus) {
    const e = mail.expect;
    it(`${e.rule} ${mail.name}: ${e.title}`, async () => {
      for (const step of e.setup ?? []) {
        const { id } = ticketOf(step.ticketOf, mail.name);
        await t.admin.data(`mutation($id: ID!, $type: String!, $data: JSON) { sendTicketEvent(ticketId: $id, type: $type, data: $data) { id } }`, {
          id,
          type: step.event,
          data: step.data,
        });
      }
      const raw = await substitute(mail.raw, mail.name);
      const sender = senderOf(raw);
      const messageId = headerOf(raw, 'Message-ID');
      const watched = e.appendedTo ?? e.unchanged;
      const before = {
        letters: await lettersTo(sender),
        ticket: watched ? await ticket(ticketOf(watched, mail.name).id) : null,
      };

      const receipt = await feed(raw);
      if (receipt.outcome === 'CREATED' && receipt.ticket) {
        created.set(mail.name, { id: receipt.ticket.id, number: receipt.ticket.number, tenantId: receipt.ticket.tenantId });
      }
      expect.soft({ outcome: receipt.outcome, reason: receipt.reason }, 'outcome and reason').toMatchObject({
        outcome: e.outcome,
        ...(e.reason === undefined ? {} : { reason: e.reason === null ? null : expect.stringMatching(new RegExp(e.reason)) }),
      });

      // The raw mail is kept whatever happens to it (DESIGN principle 1).
      const { rows } = await t.db.query(`select status, reason, tenant_id, ticket_id from inbound_mail where message_id = $1`, [messageId]);
      expect.soft(rows, 'inbound_mail row').toEqual([
        expect.objectContaining({
          status: e.stored ?? storedStatus[e.outcome],
          ...(e.tenantId === undefined ? {} : { tenant_id: e.tenantId }),
          ticket_id: receipt.ticket?.id ?? null,
        }),
      ]);

      const got = receipt.ticket;
      if (e.outcome === 'REJECTED') expect.soft(got, 'no ticket for a rejected mail').toBeNull();
      if (e.outcome !== 'REJECTED') expect.soft(got, 'the receipt names a ticket').not.toBeNull();
      if (got) {
        if (e.tenantId !== undefined) expect.soft(got.tenantId, 'tenantId').toBe(e.tenantId);
        if (e.audience !== undefined) expect.soft(got.audience, 'audience').toBe(e.audience);
        expect.soft(got.channel, 'channel').toBe('email');
        if (e.statusCategory) expect.soft(got.statusCategory, 'statusCategory').toBe(e.statusCategory);
        if (e.fields) expect.soft(got.fields, 'fields').toMatchObject(substituteDeep(e.fields, mail.name));
        for (const key of e.fieldsAbsent ?? []) expect.soft(got.fields[key], `fields.${key} is absent`).toBeUndefined();
      }

      if (got && e.outcome === 'CREATED') {
        if (e.number) expect.soft(got.number, 'number').toMatch(new RegExp(e.number, 'u'));
        if (e.subject !== undefined) expect.soft(got.subject, 'subject').toBe(e.subject === null ? null : substituteDeep(e.subject, mail.name));
        const description = typeof got.fields.description === 'string' ? got.fields.description : '';
        for (const part of e.description?.contains ?? []) expect.soft(description, 'fields.description').toContain(part);
        for (const part of e.description?.notContains ?? []) expect.soft(description, 'fields.description').not.toContain(part);
        for (const [part, count] of Object.entries(e.description?.count ?? {})) {
          expect.soft(occurrences(description, part), `fields.description: times «${part}»`).toBe(count);
        }
        if (e.linkedTo) {
          const old = ticketOf(e.linkedTo, mail.name);
          expect.soft(got.fields.previousNumber, 'fields.previousNumber').toBe(old.number);
          expect.soft(got.links, 'links').toEqual([{ relation: 'repeats', ticket: { id: old.id, number: old.number } }]);
        } else {
          expect.soft(got.links, 'links').toEqual([]);
          expect.soft(got.fields.previousNumber, 'fields.previousNumber').toBeUndefined();
        }
        // NSO-4, TOM-2, KUR-4, SIN-3: the sender is told the number.
        if (e.acknowledged !== false) {
          const fresh = (await lettersTo(sender)).slice(before.letters.length);
          // The acknowledgement comes first; NSO-6 may follow it with a request for what is missing.
          expect.soft(`${fresh[0]?.subject}\n${fresh[0]?.body}`, 'the first letter to the sender names the number').toContain(got.number);
        }
      }

      if (got && e.outcome === 'APPENDED' && e.appendedTo) {
        const target = ticketOf(e.appendedTo, mail.name);
        expect.soft(got.id, `appended to ${e.appendedTo}`).toBe(target.id);
        const after = await ticket(target.id);
        if (e.historyAdded) expect.soft(after.history.slice(before.ticket!.history.length).map((h) => h.event), 'events the mail caused').toEqual(e.historyAdded);
        const incoming = after.messages.filter((m) => m.direction === 'in');
        expect.soft(incoming.length, 'one more incoming message').toBe(before.ticket!.messages.filter((m) => m.direction === 'in').length + 1);
        const last = incoming.at(-1);
        if (e.message?.from) expect.soft(last?.from, 'the message is from').toBe(e.message.from);
        for (const part of e.message?.contains ?? []) expect.soft(last?.body ?? '', 'the appended message').toContain(part);
      }

      if (e.unchanged) {
        const after = await ticket(ticketOf(e.unchanged, mail.name).id);
        expect.soft(
          { version: after.version, history: after.history.length, messages: after.messages.length },
          `${e.unchanged} is untouched`,
        ).toEqual({ version: before.ticket!.version, history: before.ticket!.history.length, messages: before.ticket!.messages.length });
      }

      const fresh = (await lettersTo(sender)).slice(before.letters.length);
      if (e.noReply) expect.soft(fresh.map((l) => l.subject), `no letter to ${sender}`).toEqual([]);
      if (e.reply) {
        expect.soft(fresh, `one letter to ${sender}`).toHaveLength(1);
        for (const part of e.reply.mentions) expect.soft(fresh.map((l) => `${l.subject}\n${l.body}`).join('\n'), 'the letter to the sender').toContain(part);
      }
    });
  }
});
