/**
 * Reading one RFC 5322 message: mailparser's `simpleParser` does the MIME work (encoded
 * words, quoted-printable and base64, windows-1251 and KOI8-R, HTML turned into text); this
 * module picks out what intake needs and says whether the mail was written by a machine.
 */
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { htmlToText } from 'html-to-text';

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
  /** The files it carries, inline images (pasted screenshots) included. */
  attachments: MailFile[];
}

export interface MailFile {
  filename: string;
  contentType: string;
  size: number;
  content: Buffer;
}

export type MailParseResult = { ok: true; mail: ParsedInboundMail } | { ok: false; reason: string };

/**
 * The message as bytes. From SMTP they are the bytes as sent, so an 8-bit body in a legacy
 * charset is decoded by its own charset. A GraphQL string is Unicode: such a body cannot
 * travel in it intact, so it must come with its 8-bit parts in base64 or quoted-printable
 * (as RFC 5322 transport does anyway); UTF-8 8-bit text is fine.
 */
function bytesOf(raw: string | Buffer): Buffer {
  return typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
}

export async function parseMail(raw: string | Buffer): Promise<MailParseResult> {
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(bytesOf(raw), { skipImageLinks: true });
  } catch (error) {
    return { ok: false, reason: clean(`unparseable: ${error instanceof Error ? error.message : String(error)}`) };
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
      subject: clean(parsed.subject ?? '').trim(),
      text: clean(bodyText(parsed)).trim(),
      messageId: parsed.messageId ? clean(parsed.messageId) : null,
      replyTo: replyIdsOf(parsed),
      automatic: automaticReason(parsed, from),
      attachments: parsed.attachments.map((a, i) => ({
        filename: clean(a.filename?.trim() || `вложение-${i + 1}${extensionOf(a.contentType)}`),
        contentType: clean(a.contentType || 'application/octet-stream'),
        size: a.content.length,
        content: a.content,
      })),
    },
  };
}

/** Beyond this much HTML, converting it to text costs more than the text is worth. */
const maxHtmlToConvert = 2 * 1024 * 1024;

/**
 * The letter's text. mailparser turns HTML into text only where the HTML is the whole
 * message or stands beside a text part; an HTML part inside multipart/mixed, or an empty
 * text alternative (phones, 1C), leaves `text` empty while the letter is all in `html`.
 */
function bodyText(parsed: ParsedMail): string {
  if (parsed.text?.trim()) return parsed.text;
  if (typeof parsed.html !== 'string' || !parsed.html.trim() || parsed.html.length > maxHtmlToConvert) return parsed.text ?? '';
  try {
    return htmlToText(parsed.html, { wordwrap: false, selectors: [{ selector: 'img', format: 'skip' }, { selector: 'a', options: { ignoreHref: true } }] });
  } catch {
    return parsed.text ?? '';
  }
}

/**
 * Text fit for the database and for display: PostgreSQL text and jsonb refuse NUL and lone
 * UTF-16 surrogates (a broken encoded word makes them), and the other C0 controls (but tab
 * and line ends) are never meant by a person.
 */
export function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

/** RFC 5321 caps a path at 256 octets: anything longer is not an address we can answer. */
const maxAddressLength = 254;

function extensionOf(contentType: string | undefined): string {
  const subtype = /^[\w.+-]+\/([\w.+-]+)/.exec(contentType ?? '')?.[1]?.toLowerCase();
  if (!subtype) return '';
  return `.${{ jpeg: 'jpg', plain: 'txt', 'x-zip-compressed': 'zip', 'octet-stream': 'bin' }[subtype] ?? subtype}`;
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
      const address = clean(entry.address ?? '').trim();
      if (address && address.includes('@') && address.length <= maxAddressLength) out.push({ address, name: clean(entry.name ?? '').trim() || null });
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
      .filter((address) => address.length <= maxAddressLength)
      .map((address) => ({ address: clean(address), name: null }));
  }
  return [];
}

function headerText(parsed: ParsedMail, key: string): string | null {
  const value = parsed.headers.get(key);
  if (value == null) return null;
  if (typeof value === 'string') return clean(value);
  if (typeof value === 'object' && 'value' in value && typeof value.value === 'string') return clean(value.value);
  if (typeof value === 'object' && 'text' in value && typeof value.text === 'string') return clean(value.text);
  return clean(String(value));
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
  // A delivery or read report (RFC 6522) is a machine's answer whoever signs it.
  const contentType = parsed.headers.get('content-type');
  const type = typeof contentType === 'object' && contentType && 'value' in contentType ? String(contentType.value) : String(contentType ?? '');
  if (/^multipart\/report$/i.test(type.trim())) return 'delivery report (multipart/report)';
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
