/**
 * Raw RFC 5322 messages for intake tests, built by hand the way mail clients write them:
 * encoded-word subjects, base64 or quoted-printable bodies, CRLF line ends.
 */
// iconv-lite comes with mailparser (its own dependency): the legacy charsets Russian mail
// clients still send.
import iconv from 'iconv-lite';

export interface MailSpec {
  from?: string;
  to?: string;
  cc?: string;
  subject?: string;
  body?: string;
  messageId?: string;
  /** Extra header lines, e.g. `Auto-Submitted: auto-replied`. */
  headers?: string[];
}

let sequence = 0;

/** A UTF-8 message; the subject as a base64 encoded word when it is not ASCII. */
export function rawMail(spec: MailSpec): string {
  const subject = spec.subject ?? 'Вопрос';
  const lines = [
    `From: ${spec.from ?? '"Иванов Иван" <ivanov@example.org>'}`,
    ...(spec.to === '' ? [] : [`To: ${spec.to ?? 'gz54@krista.ru'}`]),
    ...(spec.cc ? [`Cc: ${spec.cc}`] : []),
    `Subject: ${encodedWord(subject, 'utf-8')}`,
    `Message-ID: ${spec.messageId ?? messageId()}`,
    'Date: Mon, 23 Nov 2026 10:00:00 +0700',
    'MIME-Version: 1.0',
    ...(spec.headers ?? []),
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    wrap(Buffer.from(spec.body ?? 'Не формируется отчёт.', 'utf8').toString('base64')),
    '',
  ];
  return lines.join('\r\n');
}

/**
 * A message as an older Russian mail client writes it: the subject in windows-1251 (base64
 * encoded word), the body in KOI8-R quoted-printable.
 */
export function legacyCyrillicMail(spec: { from: string; to: string; subject: string; body: string; messageId?: string }): string {
  return [
    `From: ${spec.from}`,
    `To: ${spec.to}`,
    `Subject: ${encodedWord(spec.subject, 'windows-1251')}`,
    `Message-ID: ${spec.messageId ?? messageId()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=koi8-r',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    quotedPrintable(iconv.encode(spec.body, 'koi8-r')),
    '',
  ].join('\r\n');
}

export function messageId(): string {
  sequence += 1;
  return `<intake-test-${process.pid}-${sequence}-${Math.random().toString(36).slice(2)}@example.org>`;
}

function encodedWord(text: string, charset: 'utf-8' | 'windows-1251'): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  return `=?${charset}?B?${iconv.encode(text, charset).toString('base64')}?=`;
}

function wrap(base64: string): string {
  return base64.replace(/.{1,76}/g, '$&\r\n').trimEnd();
}

function quotedPrintable(bytes: Buffer): string {
  let out = '';
  let line = '';
  for (const byte of bytes) {
    const piece = byte === 0x0a ? '\n' : byte >= 33 && byte <= 126 && byte !== 61 ? String.fromCharCode(byte) : byte === 32 ? ' ' : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    if (piece === '\n') {
      out += `${line}\r\n`;
      line = '';
      continue;
    }
    if (line.length + piece.length > 75) {
      out += `${line}=\r\n`;
      line = '';
    }
    line += piece;
  }
  return out + line;
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
  /** An inline part (a screenshot pasted into the letter) instead of an attached file. */
  inline?: boolean;
}

/** A multipart/mixed message: the text part, then each file in base64. */
export function mailWithAttachments(spec: MailSpec, files: MailAttachment[]): string {
  const boundary = `----=_Part_${Math.random().toString(36).slice(2)}`;
  const head = rawMail(spec).split('\r\n\r\n')[0]!.split('\r\n').filter((line) => !/^Content-(Type|Transfer-Encoding):/i.test(line));
  const parts = [
    ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64', '', wrap(Buffer.from(spec.body ?? 'Во вложении.', 'utf8').toString('base64'))],
    ...files.map((f) => [
      `Content-Type: ${f.contentType}; name="${encodedWord(f.filename, 'utf-8')}"`,
      'Content-Transfer-Encoding: base64',
      `Content-Disposition: ${f.inline ? 'inline' : 'attachment'}; filename="${encodedWord(f.filename, 'utf-8')}"`,
      '',
      wrap(f.content.toString('base64')),
    ]),
  ];
  return [
    ...head,
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    ...parts.flatMap((part) => [`--${boundary}`, ...part]),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}
