/**
 * Material for the inbound-mail fuzz test (fuzz.test.ts): a seeded PRNG, a dozen valid base
 * messages built in code (UTF-8, windows-1251 8-bit, KOI8-R quoted-printable, multipart with
 * attachments, HTML only, replies, auto-replies, a bounce, ...) and the mutations applied to
 * them. Everything works on "binary strings" (one char per byte, latin1), so a mutation sees
 * and produces bytes, never re-encoded text.
 *
 * A case is a pure function of (run seed, index): `generateCase(seed, i, seeds)` rebuilds it.
 */
import iconv from 'iconv-lite';

// ---------------------------------------------------------------- PRNG

export class Rng {
  #state: number;
  constructor(seed: number) {
    this.#state = seed >>> 0 || 0x9e3779b9;
  }
  /** mulberry32: a float in [0, 1). */
  next(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  /** An integer in [a, b]. */
  range(a: number, b: number): number {
    return a + this.int(b - a + 1);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  /** Picks by weight: [[weight, value], ...]. */
  weighted<T>(items: ReadonlyArray<readonly [number, T]>): T {
    const total = items.reduce((s, [w]) => s + w, 0);
    let x = this.next() * total;
    for (const [w, v] of items) {
      if ((x -= w) < 0) return v;
    }
    return items[items.length - 1]![1];
  }
  bytes(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(this.int(256));
    return s;
  }
}

/** A per-case seed from the run seed and the case index (splitmix-like mixing). */
export function caseSeed(runSeed: number, index: number): number {
  let h = (runSeed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** Many random bytes, fast (for the big cases). */
function randomBuffer(r: Rng, n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i += 4) b.writeUInt32LE(Math.floor(r.next() * 4294967296) >>> 0, Math.min(i, n - 4));
  return b;
}

// ---------------------------------------------------------------- encoding helpers

/** Text → the binary string of its bytes in `charset` (utf-8 by default). */
export function enc(text: string, charset = 'utf-8'): string {
  return iconv.encode(text, charset).toString('latin1');
}
export const toBuffer = (s: string): Buffer => Buffer.from(s, 'latin1');

function b64(bytes: string, width = 76): string {
  const all = Buffer.from(bytes, 'latin1').toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < all.length; i += width) lines.push(all.slice(i, i + width));
  return lines.join('\r\n');
}

function qp(bytes: string): string {
  const out: string[] = [];
  for (const line of bytes.split('\n')) {
    const raw = line.endsWith('\r') ? line.slice(0, -1) : line;
    let cur = '';
    for (let i = 0; i < raw.length; i++) {
      const c = raw.charCodeAt(i);
      const last = i === raw.length - 1;
      const piece = (c >= 33 && c <= 126 && c !== 61) || (c === 32 && !last) ? raw[i]! : `=${c.toString(16).toUpperCase().padStart(2, '0')}`;
      if (cur.length + piece.length > 75) {
        out.push(`${cur}=`);
        cur = '';
      }
      cur += piece;
    }
    out.push(cur);
  }
  return out.join('\r\n');
}

/** An RFC 2047 encoded word. */
function ew(text: string, charset = 'utf-8', mode: 'B' | 'Q' = 'B'): string {
  const bytes = enc(text, charset);
  if (mode === 'B') return `=?${charset}?B?${Buffer.from(bytes, 'latin1').toString('base64')}?=`;
  let q = '';
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes.charCodeAt(i);
    q += c === 32 ? '_' : /[A-Za-z0-9]/.test(bytes[i]!) ? bytes[i]! : `=${c.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return `=?${charset}?Q?${q}?=`;
}

const CRLF = '\r\n';
const msg = (headers: string[], body: string) => headers.join(CRLF) + CRLF + CRLF + body;

// ---------------------------------------------------------------- seeds

export interface SeedContext {
  /** The number of an open ticket of the tenant (gz54@krista.ru = novosibirsk). */
  ticketNumber: string;
  /** A Message-ID of one of our outbound letters (its acknowledgement). */
  outboxMessageId: string;
}

export interface Seed {
  name: string;
  /** Binary string. */
  raw: string;
}

const png = '\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0\x1f\xf3\xffa' + '\0\xff\x10\x80'.repeat(64) + '\0\0\0\0IEND\xaeB`\x82';
const pdf = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';

const textRu =
  'Добрый день!\r\nПри выгрузке отчёта «Сведения о закупках» возникает ошибка.\r\n' +
  'ИНН организации 5406012340, телефон +7 (383) 222-33-44.\r\nШаги: 1) открыть реестр; 2) нажать «Выгрузить».\r\n\r\nС уважением,\r\nИванов И. И.\r\n';

export function buildSeeds(ctx: SeedContext): Seed[] {
  const date = 'Date: Mon, 23 Nov 2026 10:00:00 +0700';
  const seeds: Seed[] = [];
  const add = (name: string, raw: string) => seeds.push({ name, raw });

  add(
    'utf8-plain',
    msg(
      [
        `From: ${ew('Иванов Иван Иванович')} <ivanov@example.org>`,
        'To: gz54@krista.ru',
        `Subject: ${ew('Не работает выгрузка в ЕИС')}`,
        date,
        'Message-ID: <seed.utf8@example.org>',
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8; format=flowed',
        'Content-Transfer-Encoding: 8bit',
      ],
      enc(textRu),
    ),
  );

  add(
    'cp1251-8bit',
    msg(
      [
        `From: ${ew('Петрова Мария', 'windows-1251', 'Q')} <petrova@mail.example.ru>`,
        'To: "Техподдержка" <gz54@krista.ru>',
        `Subject: ${ew('Ошибка при подписании контракта', 'windows-1251', 'Q')}`,
        date,
        'Message-ID: <seed.cp1251@mail.example.ru>',
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=windows-1251',
        'Content-Transfer-Encoding: 8bit',
      ],
      enc(textRu, 'windows-1251'),
    ),
  );

  add(
    'koi8r-qp',
    msg(
      [
        `From: ${ew('Сидоров', 'koi8-r', 'Q')} <sidorov@example.net>`,
        'To: gz54@krista.ru',
        `Subject: ${ew('Вопрос по отчёту', 'koi8-r', 'Q')}`,
        date,
        'Message-ID: <seed.koi8@example.net>',
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset="KOI8-R"',
        'Content-Transfer-Encoding: quoted-printable',
      ],
      qp(enc(textRu, 'koi8-r')),
    ),
  );

  add(
    'multipart-attachments',
    msg(
      [
        'From: Smirnov <smirnov@example.org>',
        'To: gz54@krista.ru, "Другой" <other@example.org>',
        `Subject: ${ew('Скриншоты ошибки')}`,
        date,
        'Message-ID: <seed.multipart@example.org>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="==BOUNDARY_mixed_01=="',
      ],
      [
        'This is a multi-part message in MIME format.',
        '--==BOUNDARY_mixed_01==',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        qp(enc(textRu)),
        '--==BOUNDARY_mixed_01==',
        'Content-Type: image/png; name="screenshot.png"',
        'Content-Transfer-Encoding: base64',
        'Content-Disposition: attachment; filename="screenshot.png"',
        '',
        b64(png),
        '--==BOUNDARY_mixed_01==',
        'Content-Type: application/pdf',
        'Content-Transfer-Encoding: base64',
        `Content-Disposition: attachment; filename*=UTF-8''${encodeURIComponent('Протокол ошибки.pdf')}`,
        '',
        b64(pdf),
        '--==BOUNDARY_mixed_01==',
        'Content-Type: text/csv; charset=windows-1251; name="log.csv"',
        'Content-Transfer-Encoding: 8bit',
        'Content-Disposition: attachment; filename="log.csv"',
        '',
        enc('дата;ошибка\r\n2026-11-23;ORA-00001\r\n', 'windows-1251'),
        '--==BOUNDARY_mixed_01==--',
        '',
      ].join(CRLF),
    ),
  );

  add(
    'html-only',
    msg(
      [
        'From: "Kuznetsova" <kuz@example.com>',
        'To: <gz54@krista.ru>',
        'Subject: =?utf-8?Q?=D0=9F=D0=BE=D0=BC=D0=BE=D0=B3=D0=B8=D1=82=D0=B5?=',
        date,
        'Message-ID: <seed.html@example.com>',
        'MIME-Version: 1.0',
        'Content-Type: text/html; charset=utf-8',
        'Content-Transfer-Encoding: quoted-printable',
      ],
      qp(
        enc(
          '<!DOCTYPE html><html><head><style>p{color:red}</style><script>alert(1)</script></head><body>' +
            '<p>Здравствуйте,&nbsp;не&nbsp;открывается <b>реестр</b>.</p><table><tr><td>ИНН</td><td>5406012340</td></tr></table>' +
            '<img src="cid:img1"><br><a href="https://example.com/?a=1&amp;b=2">ссылка</a></body></html>',
        ),
      ),
    ),
  );

  add(
    'reply-known-number',
    msg(
      [
        'From: Ivanov <ivanov@example.org>',
        'To: gz54@krista.ru',
        `Subject: Re: ${ctx.ticketNumber} ${ew('Не работает выгрузка')}`,
        date,
        'Message-ID: <seed.reply1@example.org>',
        `In-Reply-To: ${ctx.outboxMessageId}`,
        `References: <orig.1@example.org> ${ctx.outboxMessageId}`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: base64',
      ],
      b64(enc('Добавляю сведения: ошибка повторяется.\r\n\r\n> Ваше обращение зарегистрировано\r\n> под номером ' + ctx.ticketNumber + '\r\n')),
    ),
  );

  add(
    'reply-unknown-number',
    msg(
      [
        'From: =?windows-1251?B?zuvl4w==?= <oleg@example.org>',
        'To: gz54@krista.ru',
        `Subject: RE[2]: ${ew('Ответ', 'windows-1251')}: Fwd: Ticket#2026112110000019`,
        date,
        'Message-ID: <seed.reply2@example.org>',
        'In-Reply-To: <outbox.999.1700000000000@krista.ru>',
        'References: <a@b> <outbox.1.1@krista.ru>',
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=windows-1251',
        'Content-Transfer-Encoding: base64',
      ],
      b64(enc('Спасибо, всё работает.\r\n', 'windows-1251')),
    ),
  );

  add(
    'auto-reply',
    msg(
      [
        'From: robot@example.org',
        'To: gz54@krista.ru',
        `Subject: ${ew('Автоматический ответ: Не работает выгрузка')}`,
        date,
        'Message-ID: <seed.auto@example.org>',
        'Auto-Submitted: auto-replied',
        'X-Autoreply: yes',
        'Precedence: auto_reply',
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
      ],
      enc('Я в отпуске до 1 декабря.\r\n'),
    ),
  );

  add(
    'bounce',
    msg(
      [
        'Return-Path: <>',
        'From: Mail Delivery System <MAILER-DAEMON@mx.example.org>',
        'To: gz54@krista.ru',
        'Subject: Undelivered Mail Returned to Sender',
        date,
        'Message-ID: <seed.bounce@mx.example.org>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/report; report-type=delivery-status; boundary="bnd-report"',
      ],
      [
        '--bnd-report',
        'Content-Type: text/plain; charset=us-ascii',
        '',
        'This is the mail system at host mx.example.org.',
        '--bnd-report',
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mx.example.org',
        '',
        'Final-Recipient: rfc822; nobody@example.org',
        'Action: failed',
        'Status: 5.1.1',
        '--bnd-report',
        'Content-Type: message/rfc822',
        '',
        'From: gz54@krista.ru',
        'To: nobody@example.org',
        'Subject: Ticket#2026112310000017',
        '',
        'original',
        '--bnd-report--',
        '',
      ].join(CRLF),
    ),
  );

  add(
    'alternative-related-cp1251',
    msg(
      [
        `From: ${ew('Ёлкин Фёдор')} <yolkin@example.org>`,
        'To: gz54@krista.ru',
        `Subject: ${ew('Письмо с картинкой', 'windows-1251')}`,
        date,
        'Message-ID: <seed.alt@example.org>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/related; type="multipart/alternative";\r\n\tboundary="----=_NextPart_000_0001_01DB"',
        'X-Mailer: Microsoft Outlook 16.0',
        'Thread-Index: AdtOl3q1Zq0s1234567890ABCDEF',
      ],
      [
        '------=_NextPart_000_0001_01DB',
        'Content-Type: multipart/alternative; boundary="----=_NextPart_001_0002_01DB"',
        '',
        '------=_NextPart_001_0002_01DB',
        'Content-Type: text/plain; charset="windows-1251"',
        'Content-Transfer-Encoding: base64',
        '',
        b64(enc(textRu, 'windows-1251')),
        '------=_NextPart_001_0002_01DB',
        'Content-Type: text/html; charset="windows-1251"',
        'Content-Transfer-Encoding: base64',
        '',
        b64(enc('<html><body><p>' + textRu.replace(/\r\n/g, '<br>') + '</p><img src="cid:image001.png@01DB"></body></html>', 'windows-1251')),
        '------=_NextPart_001_0002_01DB--',
        '',
        '------=_NextPart_000_0001_01DB',
        'Content-Type: image/png; name="image001.png"',
        'Content-Transfer-Encoding: base64',
        'Content-ID: <image001.png@01DB>',
        '',
        b64(png),
        '------=_NextPart_000_0001_01DB--',
        '',
      ].join(CRLF),
    ),
  );

  add(
    'tomsk-routing',
    msg(
      [
        'From: someone@example.org',
        'To: help@rostu-comp.ru',
        'Cc: gz54@krista.ru',
        `Subject: ${ew('Вопрос без региона')}`,
        date,
        'Message-ID: <seed.tomsk@example.org>',
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
      ],
      enc('Помогите.\r\n'),
    ),
  );

  add(
    'forwarded-rfc822',
    msg(
      [
        'From: boss@example.org',
        'To: gz54@krista.ru',
        `Subject: Fwd: ${ew('Жалоба')}`,
        date,
        'Message-ID: <seed.fwd@example.org>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary=fwdbnd',
      ],
      [
        '--fwdbnd',
        'Content-Type: text/plain; charset=utf-8',
        '',
        enc('Пересылаю.'),
        '--fwdbnd',
        'Content-Type: message/rfc822; name="complaint.eml"',
        'Content-Disposition: attachment; filename="complaint.eml"',
        '',
        'From: client@example.com',
        'To: boss@example.org',
        `Subject: ${ew('Жалоба на сроки')}`,
        'Content-Type: text/plain; charset=koi8-r',
        'Content-Transfer-Encoding: 8bit',
        '',
        enc('Сроки нарушены.', 'koi8-r'),
        '--fwdbnd--',
        '',
      ].join(CRLF),
    ),
  );

  add(
    'lf-only-folded',
    [
      'Received: from mx.example.org (mx.example.org [192.0.2.1])',
      '\tby mail.krista.ru with ESMTP id 12345',
      '\tfor <gz54@krista.ru>; Mon, 23 Nov 2026 10:00:00 +0700',
      `From: ${ew('Очень длинное имя отправителя')}`,
      ` ${ew('продолжение имени', 'utf-8', 'Q')} <long.name@example.org>`,
      'To: gz54@krista.ru',
      `Subject: ${ew('Часть первая ')}`,
      ` ${ew('часть вторая')}`,
      date,
      'Message-ID: <seed.lf@example.org>',
      'Content-Type: text/plain; charset=utf-8',
      '',
      enc('Unix line endings only.\nВторая строка.\n.\n..точка в начале строки\n'),
    ].join('\n'),
  );

  add(
    'list-bulk',
    msg(
      [
        'From: "Рассылка" <news@lists.example.org>',
        'To: gz54@krista.ru',
        'Subject: [news] Weekly digest',
        date,
        'Message-ID: <seed.list@lists.example.org>',
        'Precedence: bulk',
        'List-Id: <news.lists.example.org>',
        'List-Unsubscribe: <mailto:unsubscribe@lists.example.org>',
        'Content-Type: text/plain',
      ],
      'Digest.\r\n',
    ),
  );
  return seeds;
}

// ---------------------------------------------------------------- message structure helpers

interface Split {
  head: string;
  sep: string;
  body: string;
}

function split(s: string): Split {
  const m = /\r?\n\r?\n/.exec(s);
  if (!m) return { head: s, sep: '', body: '' };
  return { head: s.slice(0, m.index), sep: m[0], body: s.slice(m.index + m[0].length) };
}

/** Header fields, each with its continuation lines. */
function fields(head: string): string[] {
  return head ? head.split(/\r?\n(?![ \t])/) : [];
}

function join(head: string[], sep: string, body: string): string {
  return head.join(CRLF) + (sep || CRLF + CRLF) + body;
}

function withHeaders(s: string, f: (hs: string[]) => string[]): string {
  const p = split(s);
  return join(f(fields(p.head)), p.sep, p.body);
}

const headerName = (field: string) => field.slice(0, Math.max(0, field.indexOf(':'))).trim().toLowerCase();

function insertAt(s: string, pos: number, what: string): string {
  return s.slice(0, pos) + what + s.slice(pos);
}

/** Replaces one random match of `re` (global) using `f`, or returns null when none. */
function replaceRandom(r: Rng, s: string, re: RegExp, f: (m: RegExpExecArray) => string): string | null {
  const matches = [...s.matchAll(re)];
  if (!matches.length) return null;
  const m = r.pick(matches) as RegExpExecArray;
  return s.slice(0, m.index) + f(m) + s.slice(m.index! + m[0].length);
}

function randomUnicode(r: Rng, n: number): string {
  const ranges: Array<[number, number]> = [
    [0x20, 0x7e],
    [0x400, 0x4ff], // Cyrillic
    [0x4e00, 0x9fff], // CJK
    [0x1f300, 0x1faff], // emoji
    [0x0300, 0x036f], // combining
    [0x0590, 0x06ff], // Hebrew, Arabic
    [0x200b, 0x202e], // zero-width, bidi controls
    [0xe000, 0xf8ff], // private use
    [0xfff0, 0xffff], // specials incl. U+FFFE, U+FFFF
    [0x10000, 0x10ffff], // anywhere astral
    [0x1, 0x1f], // C0 controls (no NUL)
    [0x80, 0x9f], // C1 controls
  ];
  let out = '';
  for (let i = 0; i < n; i++) {
    const [a, b] = r.pick(ranges);
    let cp = r.range(a, b);
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    out += String.fromCodePoint(cp);
  }
  if (r.chance(0.1)) out += '\ufeff';
  return out;
}

// ---------------------------------------------------------------- mutations

export interface MutationContext {
  seeds: Seed[];
  /** A message may grow past the usual cap (the couple of big ones). */
  big: boolean;
}

type Mutation = (r: Rng, s: string, ctx: MutationContext) => [string, string] | null;

const specialBytes = ['\0', '\xff', '\r', '\n', '\r\r', '\n\n', '\0\0\0\0', '\xfe\xff', '\xef\xbb\xbf', '\x1b', '\x7f', '\x80', '\xc0\x80', '\xed\xa0\x80'];

const mutations: Record<string, [number, Mutation]> = {
  flipBytes: [
    8,
    (r, s) => {
      if (!s.length) return null;
      const k = r.range(1, 20);
      const a = s.split('');
      for (let i = 0; i < k; i++) {
        const p = r.int(a.length);
        a[p] = String.fromCharCode(a[p]!.charCodeAt(0) ^ r.range(1, 255));
      }
      return [a.join(''), `flip ${k} bytes`];
    },
  ],
  insertRandomBytes: [
    6,
    (r, s) => {
      const k = r.range(1, 5);
      for (let i = 0; i < k; i++) s = insertAt(s, r.int(s.length + 1), r.bytes(r.range(1, 16)));
      return [s, `insert ${k} random byte runs`];
    },
  ],
  insertSpecial: [
    8,
    (r, s) => {
      const k = r.range(1, 10);
      const used = new Set<string>();
      for (let i = 0; i < k; i++) {
        const b = r.pick(specialBytes);
        used.add(JSON.stringify(b));
        s = insertAt(s, r.int(s.length + 1), b);
      }
      return [s, `insert ${k} special bytes ${[...used].join(',')}`];
    },
  ],
  nulInHeaderOrBody: [
    3,
    (r, s) => {
      const p = split(s);
      const inHead = r.chance(0.5) && p.head.length > 0;
      const where = inHead ? r.int(p.head.length + 1) : p.head.length + p.sep.length + r.int(p.body.length + 1);
      return [insertAt(s, where, '\0'), `raw NUL in ${inHead ? 'header' : 'body'}`];
    },
  ],
  nulEncoded: [
    3,
    (r, s) => {
      const kind = r.pick(['qp-body', 'ew-subject', 'b64-body', 'rfc2231-filename'] as const);
      if (kind === 'qp-body') return [withHeaders(s, (hs) => [...hs.filter((h) => !/^content-(type|transfer-encoding):/i.test(h)), 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: quoted-printable']).replace(/(\r?\n\r?\n)/, '$1A=00B=00C\r\n'), 'NUL as QP =00 in body'];
      if (kind === 'ew-subject') return [withHeaders(s, (hs) => [...hs.filter((h) => headerName(h) !== 'subject'), 'Subject: =?utf-8?Q?x=00y?= =?utf-8?B?AAAA?=']), 'NUL in encoded-word Subject'];
      if (kind === 'b64-body') return [join([...fields(split(s).head).filter((h) => !/^content-/i.test(h)), 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64'], CRLF + CRLF, Buffer.from('text\0with\0nul').toString('base64') + CRLF), 'NUL in base64 text body'];
      return [withHeaders(s, (hs) => [...hs, "Content-Disposition: attachment; filename*=utf-8''a%00b.txt"]), 'NUL in RFC 2231 filename'];
    },
  ],
  controlInHeaderValue: [
    3,
    (r, s) => {
      // A NUL or another C0 control inside the value of a header the intake reads.
      const which = r.pick(['Auto-Submitted', 'Precedence', 'X-Autoreply', 'Subject', 'From', 'Message-ID', 'In-Reply-To', 'References', 'Return-Path', 'Content-Type', 'Content-Disposition'] as const);
      const control = r.chance(0.5) ? '\0' : r.pick(['\x01', '\x08', '\x0b', '\x1f', '\x7f', '\0\0']);
      const value: Record<typeof which, string> = {
        'Auto-Submitted': 'auto-replied',
        Precedence: 'bulk',
        'X-Autoreply': 'yes',
        Subject: 'Не работает выгрузка',
        From: 'Иванов <ivanov@example.org>',
        'Message-ID': '<id@example.org>',
        'In-Reply-To': '<outbox.1.1@krista.ru>',
        References: '<a@b> <outbox.1.1@krista.ru>',
        'Return-Path': '<ivanov@example.org>',
        'Content-Type': 'text/plain; charset=utf-8',
        'Content-Disposition': 'attachment; filename="screen.png"',
      };
      const v = enc(value[which]);
      const at = r.int(v.length + 1);
      const out = withHeaders(s, (hs) => [...hs.filter((h) => headerName(h) !== which.toLowerCase()), `${which}: ${v.slice(0, at)}${control}${v.slice(at)}`]);
      return [out, `${JSON.stringify(control)} inside ${which}`];
    },
  ],
  loneSurrogate: [
    3,
    (r, s) => {
      // Encoded words and RFC 2231 values whose charset decodes to half a UTF-16 pair.
      const half = r.pick([
        `=?utf-16le?B?${Buffer.from([0x41, 0, 0x00, 0xdc]).toString('base64')}?=`,
        `=?utf-16be?B?${Buffer.from([0xd8, 0x3d]).toString('base64')}?=`,
        '=?utf-7?Q?+2D0-?=',
        '=?ucs-2?B?AdgA?=',
      ]);
      const which = r.pick(['From', 'Subject', 'To', 'filename'] as const);
      const out = withHeaders(s, (hs) => {
        const rest = hs.filter((h) => headerName(h) !== which.toLowerCase());
        if (which === 'From') return [...rest, `From: ${half} <half@example.org>`];
        if (which === 'Subject') return [...rest, `Subject: ${half}`];
        if (which === 'To') return [...rest, `To: ${half} <gz54@krista.ru>`];
        return [...hs.filter((h) => !/^content-(type|disposition|transfer-encoding):/i.test(h)), 'Content-Type: image/png', "Content-Disposition: attachment; filename*=utf-16le''%00%DC%2E%00p%00n%00g%00", 'Content-Transfer-Encoding: base64'];
      });
      return [out, `lone surrogate via ${which === 'filename' ? "filename*=utf-16le''%00%DC" : half} in ${which}`];
    },
  ],
  truncate: [
    5,
    (r, s) => {
      if (!s.length) return null;
      const at = r.int(s.length);
      return [s.slice(0, at), `truncate at ${at}/${s.length}`];
    },
  ],
  duplicateHeader: [
    5,
    (r, s) => {
      const p = split(s);
      const hs = fields(p.head);
      if (!hs.length) return null;
      const i = r.int(hs.length);
      const times = r.chance(0.2) ? r.range(2, 50) : 1;
      const copies = Array<string>(times).fill(hs[i]!);
      hs.splice(r.int(hs.length + 1), 0, ...copies);
      return [join(hs, p.sep, p.body), `duplicate header ${headerName(hs[i]!) || '?'} x${times}`];
    },
  ],
  removeHeader: [
    5,
    (r, s) => {
      const p = split(s);
      const hs = fields(p.head);
      if (!hs.length) return null;
      const important = hs.map((h, i) => [h, i] as const).filter(([h]) => /^(from|to|cc|subject|content-type|content-transfer-encoding|mime-version|message-id):/i.test(h));
      const i = important.length && r.chance(0.7) ? r.pick(important)[1] : r.int(hs.length);
      const [gone] = hs.splice(i, 1);
      return [join(hs, p.sep, p.body), `remove header ${headerName(gone!) || '?'}`];
    },
  ],
  shuffleHeaders: [
    2,
    (r, s) => {
      const p = split(s);
      const hs = fields(p.head);
      for (let i = hs.length - 1; i > 0; i--) {
        const j = r.int(i + 1);
        [hs[i], hs[j]] = [hs[j]!, hs[i]!];
      }
      return [join(hs, p.sep, p.body), 'shuffle headers'];
    },
  ],
  breakBoundary: [
    7,
    (r, s) => {
      const m = /boundary="?([^";\r\n]+)"?/i.exec(s);
      if (!m) return [withHeaders(s, (hs) => [...hs.filter((h) => headerName(h) !== 'content-type'), 'Content-Type: multipart/mixed']), 'multipart without boundary'];
      const b = m[1]!;
      const esc = b.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const kind = r.pick(['header-only', 'drop-close', 'drop-all', 'mangle-one', 'empty-param', 'close-first', 'prefix-collision', 'whitespace'] as const);
      switch (kind) {
        case 'header-only':
          return [s.replace(m[0], `boundary="${b}X"`), 'boundary param changed, delimiters not'];
        case 'drop-close':
          return [s.split(`--${b}--`).join(''), 'closing delimiter removed'];
        case 'drop-all':
          return [s.replace(new RegExp(`\\r?\\n--${esc}(--)?`, 'g'), ''), 'every delimiter removed'];
        case 'mangle-one':
          return [replaceRandom(r, s, new RegExp(`--${esc}`, 'g'), () => `--${b.slice(0, r.int(b.length))}${r.bytes(2)}`) ?? s, 'one delimiter mangled'];
        case 'empty-param':
          return [s.replace(m[0], 'boundary=""'), 'empty boundary param'];
        case 'close-first':
          return [s.replace(`--${b}\r\n`, `--${b}--\r\n`), 'closing delimiter first'];
        case 'prefix-collision':
          return [s.replace(m[0], `boundary="${b.slice(0, Math.max(1, b.length >> 1))}"`), 'boundary param a prefix of the delimiters'];
        case 'whitespace':
          return [s.replace(new RegExp(`--${esc}`, 'g'), `--${b}  \t`), 'trailing whitespace on delimiters'];
      }
    },
  ],
  bogusCharset: [
    7,
    (r, s) => {
      const cs = r.pick(['x-unknown', 'utf-7', 'UTF-7', 'utf-16', 'utf-16le', 'utf-32', 'iso-2022-jp', 'gb18030', '"utf-8"x', '', '\xff\xfe', 'a'.repeat(500), 'windows-1251; charset=koi8-r', 'ucs-2', 'unicode-1-1-utf-7', 'cp1251\0', 'binary', 'base64', "utf-8''", '*']);
      const out = s.match(/charset=/i) ? s.replace(/charset="?[^";\r\n\s]*"?/gi, () => (r.chance(0.7) ? `charset=${cs}` : `charset="${cs}"`)) : withHeaders(s, (hs) => [...hs.filter((h) => headerName(h) !== 'content-type'), `Content-Type: text/plain; charset=${cs}`]);
      return [out, `charset=${JSON.stringify(cs.length > 40 ? `${cs.slice(0, 10)}…(${cs.length})` : cs)}`];
    },
  ],
  utf7Body: [
    2,
    (r, s) => {
      const body = r.pick(['+AAA-', 'Hi +BB4EOwQ4BDIENQRC- +2D3cAA-', '+////-', '+AGEAYgBj', '+ZeVnLIqe-', '+AAAAAAAAAAAAAAAA-']);
      return [join([...fields(split(s).head).filter((h) => !/^content-/i.test(h)), 'Content-Type: text/plain; charset=utf-7'], CRLF + CRLF, body + CRLF), `utf-7 body ${body}`];
    },
  ],
  wrongTransferEncoding: [
    6,
    (r, s) => {
      const cte = r.pick(['base64', 'quoted-printable', 'x-uuencode', 'uuencode', 'binary', '7bit', '8bit', 'garbage', 'base-64', 'BASE64 ', 'Quoted-Printable; x=1', '']);
      const out = /content-transfer-encoding:/i.test(s) ? s.replace(/content-transfer-encoding:[^\r\n]*/gi, () => (r.chance(0.6) ? `Content-Transfer-Encoding: ${cte}` : `Content-Transfer-Encoding: ${r.pick(['base64', 'quoted-printable', 'x-uuencode'])}`)) : withHeaders(s, (hs) => [...hs, `Content-Transfer-Encoding: ${cte}`]);
      return [out, `Content-Transfer-Encoding ${JSON.stringify(cte)}`];
    },
  ],
  invalidBase64: [
    5,
    (r, s) => {
      const lines = s.split(CRLF);
      const b64Lines = lines.map((l, i) => [l, i] as const).filter(([l]) => /^[A-Za-z0-9+/]{16,}={0,2}$/.test(l));
      if (!b64Lines.length) return null;
      const k = r.range(1, Math.min(5, b64Lines.length));
      for (let j = 0; j < k; j++) {
        const i = r.pick(b64Lines)[1];
        const line = lines[i]!;
        const junk = r.pick(['!!!', '====', '=', '*', '-_', '\xff\xfe', ' ', '\t', '%%', 'A', 'AB', '\0']);
        lines[i] = r.chance(0.5) ? insertAt(line, r.int(line.length), junk) : line.slice(0, r.int(line.length));
      }
      return [lines.join(CRLF), `invalid base64 on ${k} lines`];
    },
  ],
  brokenQuotedPrintable: [
    3,
    (r, s) => {
      const p = split(s);
      const k = r.range(1, 10);
      let body = p.body;
      for (let i = 0; i < k; i++) body = insertAt(body, r.int(body.length + 1), r.pick(['=', '=Z', '=\r', '=\n', '=0', '=00', '=FF', '=\r\n', '==', '=G1', '= \r\n']));
      return [join(fields(p.head), p.sep, body), `broken QP escapes x${k}`];
    },
  ],
  brokenEncodedWord: [
    7,
    (r, s) => {
      const kind = r.pick(['cut', 'wrong-mode', 'wrong-charset', 'no-close', 'bad-payload', 'spaces', 'nested', 'huge'] as const);
      const re = /=\?[^?\r\n]*\?[^?\r\n]*\?[^?\r\n]*\?=/g;
      const out = replaceRandom(r, s, re, (m) => {
        const w = m[0];
        switch (kind) {
          case 'cut':
            return w.slice(0, r.range(2, w.length - 1));
          case 'wrong-mode':
            return w.replace(/\?[BbQq]\?/, `?${r.pick(['X', '', 'BQ', 'b64', '?'])}?`);
          case 'wrong-charset':
            return w.replace(/^=\?[^?]*\?/, `=?${r.pick(['x-unknown', 'utf-7', '', 'utf-16', 'koi8-r*ru', 'utf-8*', "utf-8''"])}?`);
          case 'no-close':
            return w.slice(0, -2);
          case 'bad-payload':
            return w.replace(/\?([BbQq])\?[^?]*\?=$/, (_x, mode: string) => `?${mode}?${r.pick(['!!!', '=ZZ=', '====', '\xff\xfe', 'A', '=C3', '=D0=9'])}?=`);
          case 'spaces':
            return w.replace(/\?([BbQq])\?/, '? $1 ? ');
          case 'nested':
            return `=?utf-8?B?${Buffer.from(w).toString('base64')}?=`;
          case 'huge':
            return `=?utf-8?B?${Buffer.from(r.bytes(3000), 'latin1').toString('base64')}?=`;
        }
      });
      return out === null ? null : [out, `encoded word broken (${kind})`];
    },
  ],
  longHeaderLine: [
    2,
    (r, s, ctx) => {
      const size = ctx.big ? 2_000_000 : r.pick([20_000, 100_000, 100_000, 200_000]);
      const kind = r.pick(['x-unfolded', 'subject-unfolded', 'subject-folded', 'to-list', 'ew-run', 'content-type-param'] as const);
      let field: string;
      switch (kind) {
        case 'x-unfolded':
          field = `X-Long: ${'a'.repeat(size)}`;
          break;
        case 'subject-unfolded':
          field = `Subject: ${'Ж'.repeat(size / 2)}`;
          field = enc(field);
          break;
        case 'subject-folded':
          field = `Subject: ${Array.from({ length: size / 80 }, () => 'x'.repeat(77)).join('\r\n ')}`;
          break;
        case 'to-list':
          field = `To: ${Array.from({ length: size / 25 }, (_x, i) => `u${i}@example.org`).join(', ')}, gz54@krista.ru`;
          break;
        case 'ew-run':
          field = `Subject: ${Array.from({ length: size / 40 }, () => ew('тест!')).join(' ')}`;
          break;
        case 'content-type-param':
          field = `Content-Type: text/plain; charset=utf-8; x=${'"'.repeat(1)}${'b'.repeat(size)}`;
          break;
      }
      const drop = kind.startsWith('subject') || kind === 'ew-run' ? 'subject' : kind === 'to-list' ? 'to' : kind === 'content-type-param' ? 'content-type' : '';
      return [withHeaders(s, (hs) => [...hs.filter((h) => headerName(h) !== drop), field]), `long header ${kind} ${(field.length / 1024) | 0} KB`];
    },
  ],
  manyHeaders: [
    2,
    (r, s, ctx) => {
      const n = ctx.big ? 200_000 : r.pick([1_000, 3_000, 10_000]);
      const kind = r.pick(['x', 'received', 'subject', 'to', 'content-type'] as const);
      const make = (i: number) =>
        kind === 'x' ? `X-H-${i}: v${i}` : kind === 'received' ? `Received: from h${i} by h${i + 1}; Mon, 23 Nov 2026 10:00:00 +0700` : kind === 'subject' ? `Subject: s${i}` : kind === 'to' ? `To: a${i}@example.org` : `Content-Type: text/plain; charset=x${i}`;
      const extra = Array.from({ length: n }, (_x, i) => make(i));
      return [withHeaders(s, (hs) => (r.chance(0.5) ? [...extra, ...hs] : [...hs, ...extra])), `${n} extra ${kind} headers`];
    },
  ],
  deepNesting: [
    2,
    (r, s) => {
      const levels = r.pick([50, 200, 200, 500]);
      const sameBoundary = r.chance(0.3);
      const unclosed = r.chance(0.3);
      const p = split(s);
      const hs = fields(p.head);
      const content = hs.filter((h) => /^content-/i.test(h));
      const others = hs.filter((h) => !/^(content-|mime-version)/i.test(h));
      let inner = (content.length ? content.join(CRLF) : 'Content-Type: text/plain') + CRLF + CRLF + p.body;
      const kind = r.chance(0.2) ? 'message/rfc822' : 'multipart';
      for (let i = levels - 1; i >= 0; i--) {
        if (kind === 'multipart') {
          const b = sameBoundary ? 'same' : `nest${i}x${r.int(1e6)}`;
          inner = `Content-Type: multipart/${r.pick(['mixed', 'alternative', 'related'])}; boundary="${b}"${CRLF}${CRLF}--${b}${CRLF}${inner}${CRLF}${unclosed ? '' : `--${b}--${CRLF}`}`;
        } else {
          inner = `Content-Type: message/rfc822${CRLF}${CRLF}From: n${i}@example.org${CRLF}Subject: level ${i}${CRLF}${inner}`;
        }
      }
      return [[...others, 'MIME-Version: 1.0'].join(CRLF) + CRLF + inner, `nested ${levels} ${kind} levels${sameBoundary ? ', one boundary' : ''}${unclosed ? ', unclosed' : ''}`];
    },
  ],
  manyParts: [
    1,
    (r, s) => {
      const n = r.pick([100, 300, 1_000]);
      const hs = fields(split(s).head).filter((h) => !/^(content-|mime-version)/i.test(h));
      const parts = Array.from({ length: n }, (_x, i) => `--mp${CRLF}Content-Type: ${i % 2 ? 'text/plain' : 'application/octet-stream'}; name="f${i}.txt"${CRLF}Content-Disposition: attachment; filename="f${i}.txt"${CRLF}${CRLF}x${i}`);
      return [[...hs, 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary=mp'].join(CRLF) + CRLF + CRLF + parts.join(CRLF) + `${CRLF}--mp--${CRLF}`, `${n} parts`];
    },
  ],
  emptyMessage: [1, () => ['', 'empty message']],
  onlyHeaders: [
    2,
    (r, s) => {
      const p = split(s);
      return [p.head + (r.chance(0.5) ? CRLF + CRLF : r.chance(0.5) ? CRLF : ''), 'only headers'];
    },
  ],
  noHeaders: [
    2,
    (r, s) => {
      const p = split(s);
      return [(r.chance(0.3) ? CRLF : '') + p.body, 'no headers'];
    },
  ],
  onlyBlankLines: [1, (r) => [CRLF.repeat(r.range(1, 50)), 'only blank lines']],
  randomUnicode: [
    5,
    (r, s) => {
      const k = r.range(1, 6);
      const p = split(s);
      let head = p.head;
      let body = p.body;
      for (let i = 0; i < k; i++) {
        const u = enc(randomUnicode(r, r.range(1, 40)));
        if (r.chance(0.5)) head = insertAt(head, r.int(head.length + 1), u);
        else body = insertAt(body, r.int(body.length + 1), u);
      }
      return [head + (p.sep || CRLF + CRLF) + body, `random Unicode x${k}`];
    },
  ],
  eightBitHeaders: [
    5,
    (r, s) => {
      const cs = r.pick(['windows-1251', 'koi8-r', 'utf-8', 'ibm866', 'latin1']);
      const text = enc(r.pick(['Иванов Иван', 'Ошибка ЕИС', 'Ёжик в тумане', 'Пётр «Первый»', 'Ünïcödé ñ']), cs);
      const which = r.pick(['Subject', 'From', 'To', 'filename', 'Message-ID'] as const);
      const out = withHeaders(s, (hs) => {
        const rest = hs.filter((h) => headerName(h) !== which.toLowerCase());
        if (which === 'Subject') return [...rest, `Subject: ${text}`];
        if (which === 'From') return [...rest, `From: ${text} <eight@example.org>`];
        if (which === 'To') return [...rest, `To: ${text} <gz54@krista.ru>`];
        if (which === 'Message-ID') return [...rest, `Message-ID: <${text}@example.org>`];
        return [...hs, `Content-Disposition: attachment; filename="${text}.txt"`];
      });
      return [out, `raw 8-bit ${cs} in ${which}`];
    },
  ],
  garbageAddress: [
    6,
    (r, s) => {
      const garbage = [
        '',
        '<>',
        '<<>>',
        '@',
        ';;;',
        ':;',
        'undisclosed-recipients:;',
        '"unclosed <a@b.c>',
        'a@b@c@d',
        '<a@b.c',
        'a@b.c>',
        '(comment (nested (deep) ) a@b.c',
        '=?utf-8?B?!!!?= <x@y.z>',
        '"\\\\\\"" <q@example.org>',
        'группа: a@b.c, ; ',
        'Иван <иван@почта.рф>',
        `${'x'.repeat(5000)}@example.org`,
        `"${'n'.repeat(3000)}" <n@example.org>`,
        'a@[127.0.0.1]',
        'a@[IPv6:::1]',
        '<@route,@route2:a@b.c>',
        'mailer-daemon@x.y',
        '\t \t',
        ', , , a@b.c, ,',
        r.bytes(r.range(1, 60)),
        enc(randomUnicode(r, 20)),
        'gz54@krista.ru',
        'GZ54@KRISTA.RU',
        ' gz54@krista.ru ',
      ];
      const which = r.pick(['From', 'To', 'Cc', 'Reply-To', 'Sender', 'Return-Path', 'Delivered-To', 'X-Original-To'] as const);
      const value = r.pick(garbage);
      const out = withHeaders(s, (hs) => [...hs.filter((h) => headerName(h) !== which.toLowerCase()), `${which}: ${value}`]);
      return [out, `${which}: ${JSON.stringify(value.length > 40 ? `${value.slice(0, 20)}…(${value.length})` : value)}`];
    },
  ],
  lineEndings: [
    4,
    (r, s) => {
      const kind = r.pick(['lf', 'cr', 'mixed', 'crcrlf', 'lfcr'] as const);
      const out =
        kind === 'lf'
          ? s.replace(/\r\n/g, '\n')
          : kind === 'cr'
            ? s.replace(/\r\n/g, '\r')
            : kind === 'crcrlf'
              ? s.replace(/\r\n/g, '\r\r\n')
              : kind === 'lfcr'
                ? s.replace(/\r\n/g, '\n\r')
                : s.replace(/\r\n/g, () => r.pick(['\r\n', '\n', '\r']));
      return [out, `line endings ${kind}`];
    },
  ],
  spliceSeed: [
    3,
    (r, s, ctx) => {
      const other = r.pick(ctx.seeds);
      const a = r.int(other.raw.length);
      const chunk = other.raw.slice(a, a + r.range(1, 2000));
      return [insertAt(s, r.int(s.length + 1), chunk), `splice ${chunk.length} bytes of ${other.name}`];
    },
  ],
  headerSyntax: [
    4,
    (r, s) => {
      const bad = r.pick([
        'No colon header line',
        ': empty name',
        ' leading continuation line',
        'Bad Name With Spaces: v',
        `${'N'.repeat(5000)}: v`,
        'X-8bit-\xe9\xf0: v',
        'Subject:',
        'Subject',
        'From:',
        'Content-Type:',
        'Content-Type: ;;;;;',
        '\tContent-Type: text/html',
        'X-Tab:\tv\t',
        '>From nobody Mon Nov 23 10:00:00 2026',
        'From nobody@example.org Mon Nov 23 10:00:00 2026',
        '--boundary-looking',
        '.',
        '..',
        '.\r\n.',
      ]);
      const p = split(s);
      const hs = fields(p.head);
      hs.splice(r.chance(0.3) ? 0 : r.int(hs.length + 1), 0, bad);
      return [join(hs, p.sep, p.body), `malformed header line ${JSON.stringify(bad.length > 30 ? `${bad.slice(0, 10)}…(${bad.length})` : bad)}`];
    },
  ],
  outboxIdGarbage: [
    4,
    (r, s) => {
      const digits = (n: number) => Array.from({ length: n }, () => r.int(10)).join('');
      const id = r.pick([
        `<outbox.${digits(25)}.${digits(13)}@krista.ru>`,
        `<outbox.${digits(3)}.${digits(40)}@krista.ru>`,
        `<outbox.${digits(19)}.${digits(19)}@krista.ru>`,
        `<outbox.9223372036854775808.1@krista.ru>`,
        `<outbox.0.0@krista.ru>`,
        `<outbox.${digits(400)}.${digits(400)}@krista.ru>`,
        `outbox.1.1@x`,
        `<outbox..@krista.ru>`,
        `<outbox.-1.-1@krista.ru>`,
        `<outbox.1.1@krista.ru>`.repeat(500),
      ]);
      const which = r.pick(['In-Reply-To', 'References', 'both'] as const);
      const out = withHeaders(s, (hs) => {
        const rest = hs.filter((h) => !['in-reply-to', 'references'].includes(headerName(h)));
        return [...rest, ...(which !== 'References' ? [`In-Reply-To: ${id}`] : []), ...(which !== 'In-Reply-To' ? [`References: <x@y> ${id}`] : [])];
      });
      return [out, `${which} with outbox id ${JSON.stringify(id.length > 60 ? `${id.slice(0, 40)}…(${id.length})` : id)}`];
    },
  ],
  rfc2231Garbage: [
    3,
    (r, s) => {
      const param = r.pick([
        "filename*0*=utf-8''%D0%9F; filename*2*=%D1%80",
        "filename*=x-unknown''%FF%FE",
        "filename*=utf-8''%ZZ%",
        'filename*99999999999=a',
        "filename*0*=utf-7''+AAA-",
        "filename*=''",
        `filename*=utf-8''${'%D0%96'.repeat(20000)}`,
        'filename="unterminated',
        "name*=utf-8'ru'%00",
        'filename*1=b; filename*0=a; filename*1=c',
      ]);
      return [withHeaders(s, (hs) => [...hs.filter((h) => headerName(h) !== 'content-disposition'), `Content-Disposition: attachment; ${param}`]), `RFC 2231 param ${JSON.stringify(param.slice(0, 40))}`];
    },
  ],
  contentTypeGarbage: [
    4,
    (r, s) => {
      const ct = r.pick([
        'multipart/mixed',
        'multipart/alternative; boundary=',
        'message/rfc822',
        'message/partial; id="x"; number=1; total=2',
        'message/external-body; access-type=URL; URL="http://example.org"',
        'text/',
        '/',
        'application/ms-tnef; name="winmail.dat"',
        'text/plain; charset=utf-8; format=flowed; delsp=yes',
        'text/html; charset=',
        'multipart/signed; protocol="application/pkcs7-signature"; boundary=xyz',
        'text/calendar; method=REQUEST',
        '"text/plain"',
        'text/plain; name="\\"\\\\',
        r.bytes(20),
      ]);
      return [withHeaders(s, (hs) => [...hs.filter((h) => headerName(h) !== 'content-type'), `Content-Type: ${ct}`]), `Content-Type ${JSON.stringify(ct.slice(0, 50))}`];
    },
  ],
  dateGarbage: [
    1,
    (r, s) => {
      const d = r.pick(['99999-99-99', '', 'yesterday', 'Mon, 32 Foo 2026 25:61:61 +9999', '0', '-1', 'Thu, 01 Jan 1970 00:00:00 +0000', 'Fri, 31 Dec 9999 23:59:59 -1200', r.bytes(20)]);
      return [withHeaders(s, (hs) => [...hs.filter((h) => headerName(h) !== 'date'), `Date: ${d}`]), 'Date garbage'];
    },
  ],
  repeatChunk: [
    1,
    (r, s, ctx) => {
      if (!s.length) return null;
      const a = r.int(s.length);
      const chunk = s.slice(a, a + r.range(1, 200));
      const cap = ctx.big ? 4_000_000 : r.pick([20_000, 100_000]);
      const times = Math.max(1, Math.min(r.range(2, 5000), Math.floor((cap - s.length) / Math.max(1, chunk.length))));
      return [insertAt(s, a, chunk.repeat(times)), `repeat ${chunk.length}-byte chunk x${times}`];
    },
  ],
  bigAttachment: [
    0, // only for the designated big cases
    (r, s) => {
      // One under the 10 MB per-file limit, one over it (MAIL_MAX_ATTACHMENT_BYTES).
      const size = r.pick([3_000_000, 11_000_000]);
      const hs = fields(split(s).head).filter((h) => !/^(content-|mime-version)/i.test(h));
      const body = ['--big', 'Content-Type: text/plain; charset=utf-8', '', 'See attachment.', '--big', 'Content-Type: application/octet-stream; name="dump.bin"', 'Content-Transfer-Encoding: base64', 'Content-Disposition: attachment; filename="dump.bin"', '', randomBuffer(r, size).toString('base64').replace(/.{76}/g, '$&\r\n'), '--big--', ''].join(CRLF);
      return [[...hs, 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary=big'].join(CRLF) + CRLF + CRLF + body, `big attachment ${(size / 1e6) | 0} MB`];
    },
  ],
};

const mutationTable: Array<readonly [number, string]> = Object.entries(mutations)
  .filter(([, [w]]) => w > 0)
  .map(([name, [w]]) => [w, name] as const);

// ---------------------------------------------------------------- cases

export interface FuzzCase {
  index: number;
  seed: number;
  base: string;
  sender: string;
  mutations: string[];
  bytes: Buffer;
}

export const maxCaseBytes = 300 * 1024;

/** Envelope senders: varied, but all ones an SMTP server takes in MAIL FROM. */
const senders = ['ivanov@example.org', '', 'MAILER-DAEMON@mx.example.org', 'a@b.c', `${'x'.repeat(60)}@example.org`, 'user+tag@sub.example.org', 'postmaster@krista.ru', 'gz54@krista.ru', 'bounce-123=ivanov=example.org@lists.example.org', 'UPPER@EXAMPLE.ORG'];

export function describeCase(c: FuzzCase): string {
  return `#${c.index} [${c.base}] ${c.mutations.join(' → ') || 'unmutated'} (${c.bytes.length} B)`;
}

export function generateCase(runSeed: number, index: number, seeds: Seed[], options: { big?: boolean } = {}): FuzzCase {
  const seed = caseSeed(runSeed, index);
  const r = new Rng(seed);
  const base = r.pick(seeds);
  const ctx: MutationContext = { seeds, big: Boolean(options.big) };
  let s = base.raw;
  const applied: string[] = [];
  const apply = (name: string) => {
    const res = mutations[name]![1](r, s, ctx);
    if (res) {
      s = res[0];
      applied.push(res[1]);
    }
  };
  if (options.big) {
    apply(r.chance(0.5) ? 'bigAttachment' : r.pick(['longHeaderLine', 'manyHeaders', 'repeatChunk']));
  } else if (!r.chance(0.04)) {
    // 4 % go unmutated: the baseline that must register.
    const n = r.weighted([
      [5, 1],
      [4, 2],
      [2, 3],
      [1, 4],
    ] as const);
    for (let i = 0; i < n; i++) apply(r.weighted(mutationTable));
  }
  if (!options.big && s.length > maxCaseBytes) {
    s = s.slice(0, maxCaseBytes);
    applied.push(`capped at ${maxCaseBytes} B`);
  }
  return { index, seed, base: base.name, sender: r.pick(senders), mutations: applied, bytes: toBuffer(s) };
}
