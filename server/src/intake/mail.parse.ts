/**
 * Reading one RFC 5322 message: mailparser's `simpleParser` does the MIME work (encoded
 * words, quoted-printable and base64, windows-1251 and KOI8-R, HTML turned into text); this
 * module picks out what intake needs and says whether the mail was written by a machine.
 */
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';

export interface MailAddress {
  address: string;
  name: string | null;
}

export interface ParsedInboundMail {
  from: MailAddress;
  to: MailAddress[];
  cc: MailAddress[];
  /** Envelope-ish recipients some relays add (Delivered-To, X-Original-To): a Bcc'd mailbox. */
  deliveredTo: MailAddress[];
  subject: string;
  text: string;
  messageId: string | null;
  /** The Message-IDs the mail answers: In-Reply-To first, then References from the newest. */
  replyTo: string[];
  /** Why the mail looks automatic (auto-reply, bounce, list), or null for a person's mail. */
  automatic: string | null;
}

export type MailParseResult = { ok: true; mail: ParsedInboundMail } | { ok: false; reason: string };

/**
 * The raw text as bytes. A GraphQL string is Unicode: an 8-bit body in a legacy charset
 * cannot travel in it intact, so such mail must come with its 8-bit parts in base64 or
 * quoted-printable (as RFC 5322 transport does anyway); UTF-8 8-bit text is fine.
 */
function bytesOf(raw: string): Buffer {
  return Buffer.from(raw, 'utf8');
}

export async function parseMail(raw: string): Promise<MailParseResult> {
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(bytesOf(raw), { skipImageLinks: true });
  } catch (error) {
    return { ok: false, reason: `unparseable: ${error instanceof Error ? error.message : String(error)}` };
  }
  // simpleParser reads nearly anything; a text without a header block is not a message.
  if (parsed.headers.size === 0) return { ok: false, reason: 'unparseable: no message headers' };
  const from = addressesOf(parsed.from)[0];
  if (!from) return { ok: false, reason: 'unparseable: no sender address in From' };
  return {
    ok: true,
    mail: {
      from,
      to: addressesOf(parsed.to),
      cc: addressesOf(parsed.cc),
      deliveredTo: [...headerAddresses(parsed, 'delivered-to'), ...headerAddresses(parsed, 'x-original-to')],
      subject: (parsed.subject ?? '').trim(),
      text: (parsed.text ?? '').trim(),
      messageId: parsed.messageId ?? null,
      replyTo: replyIdsOf(parsed),
      automatic: automaticReason(parsed, from),
    },
  };
}

function replyIdsOf(parsed: ParsedMail): string[] {
  const references = parsed.references === undefined ? [] : Array.isArray(parsed.references) ? parsed.references : [parsed.references];
  const ids = [...(parsed.inReplyTo ?? '').split(/\s+/), ...references.flatMap((r) => r.split(/\s+/)).reverse()]
    .map((id) => id.trim())
    .filter(Boolean);
  return [...new Set(ids)];
}

function addressesOf(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const out: MailAddress[] = [];
  const visit = (entries: AddressObject['value']) => {
    for (const entry of entries) {
      if (entry.group) visit(entry.group);
      const address = entry.address?.trim();
      if (address && address.includes('@')) out.push({ address, name: entry.name?.trim() || null });
    }
  };
  for (const object of objects) visit(object.value);
  return out;
}

function headerAddresses(parsed: ParsedMail, key: string): MailAddress[] {
  const value = parsed.headers.get(key);
  if (value && typeof value === 'object' && 'value' in value && Array.isArray(value.value)) {
    return addressesOf(value as AddressObject);
  }
  // Headers mailparser does not parse as addresses (X-Original-To) come as plain strings.
  if (typeof value === 'string') {
    return value
      .split(',')
      .map((part) => /<?([^<>\s]+@[^<>\s]+)>?/.exec(part)?.[1])
      .filter((address): address is string => Boolean(address))
      .map((address) => ({ address, name: null }));
  }
  return [];
}

function headerText(parsed: ParsedMail, key: string): string | null {
  const value = parsed.headers.get(key);
  if (value == null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && 'value' in value && typeof value.value === 'string') return value.value;
  if (typeof value === 'object' && 'text' in value && typeof value.text === 'string') return value.text;
  return String(value);
}

/**
 * Mail that a machine wrote: answering it, or making a ticket of it, risks a loop of
 * auto-replies (RFC 3834) or fills the desk with bounces and list traffic.
 */
function automaticReason(parsed: ParsedMail, from: MailAddress): string | null {
  const autoSubmitted = headerText(parsed, 'auto-submitted')?.trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== 'no') return `Auto-Submitted: ${autoSubmitted}`;
  const precedence = headerText(parsed, 'precedence')?.trim().toLowerCase();
  if (precedence && ['bulk', 'list', 'junk', 'auto_reply'].includes(precedence)) return `Precedence: ${precedence}`;
  for (const key of ['x-autoreply', 'x-autorespond', 'x-auto-reply']) {
    const value = headerText(parsed, key)?.trim().toLowerCase();
    if (value && value !== 'no') return `${key}: ${value}`;
  }
  if (/^(mailer-daemon|postmaster)$/i.test(from.address.split('@')[0] ?? '')) return `sender ${from.address}`;
  // An empty Return-Path (`<>`) is the null sender of bounces and delivery reports.
  const returnPath = parsed.headerLines.find((line) => line.key === 'return-path');
  if (returnPath && /^return-path:\s*<\s*>\s*$/i.test(returnPath.line.trim())) return 'empty Return-Path';
  return null;
}

/**
 * A subject without its reply and forward prefixes, in the languages of the desk's mail
 * clients (Re:, Fwd:, AW:, WG:, SV:, VS:, Ответ:, Пересл: …), numbered forms included
 * (Re[2]:, Re(3):, Re^2:). What remains is the subject a new ticket takes.
 */
export function stripReplyPrefixes(subject: string): string {
  const prefix = /^\s*(?:re|fwd?|aw|wg|sv|vs|antw|ответ|отв|пересл)\s*(?:\[\d+\]|\(\d+\)|\^\d+)?\s*[:：]\s*/iu;
  let current = subject;
  for (let previous = ''; previous !== current; ) {
    previous = current;
    current = current.replace(prefix, '');
  }
  return current.trim();
}
