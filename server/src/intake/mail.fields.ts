/**
 * Intake fields a requester's letter often carries in its text: the organisation's INN and a
 * phone number. Pure: intake puts what it finds into a new ticket's fields when they are not
 * there yet.
 */

const innWeights10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const innWeights11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const innWeights12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

function innCheckDigit(digits: number[], weights: number[]): number {
  return (weights.reduce((sum, w, i) => sum + w * digits[i]!, 0) % 11) % 10;
}

/**
 * A Russian taxpayer number with a valid check: 10 digits (an organisation; the last one a
 * check digit) or 12 (an individual; the last two check digits).
 */
export function isValidInn(value: string): boolean {
  if (!/^(\d{10}|\d{12})$/.test(value)) return false;
  const d = [...value].map(Number);
  if (d.length === 10) return innCheckDigit(d, innWeights10) === d[9];
  return innCheckDigit(d, innWeights11) === d[10] && innCheckDigit(d, innWeights12) === d[11];
}

/** Numbers that look like an INN but are labelled as something else nearby. */
const otherCode = /(огрн(ип)?|кбк|окпо|октмо|окато|бик|кпп|р\/с|к\/с|сч[её]т|сч\.|тел|phone|№)[^\n]{0,16}$/i;

/**
 * The organisation's INN in the text: the number a label «ИНН» (or «ИНН/КПП») introduces,
 * else the first run of exactly 10 or 12 digits whose check is valid and that no other
 * label (ОГРН, КБК, БИК, account…) claims: a budget code can pass the INN check by chance.
 */
export function findInn(text: string): string | null {
  for (const match of text.matchAll(/ИНН(?:\s*\/\s*КПП)?[\s:№.-]*(\d{12}|\d{10})(?!\d)/gi)) {
    if (isValidInn(match[1]!)) return match[1]!;
  }
  for (const match of text.matchAll(/(?<!\d)(\d{12}|\d{10})(?!\d)/g)) {
    if (otherCode.test(text.slice(Math.max(0, match.index - 20), match.index))) continue;
    if (isValidInn(match[1]!)) return match[1]!;
  }
  return null;
}

/**
 * The first Russian phone number in the text, as `+7XXXXXXXXXX`: +7 or 8, then ten digits
 * grouped as people write them, with a 3- to 5-digit code in parentheses or not
 * (`8 (3822) 53-12-07`, `+7 (495) 135-4-135`, `8-913-123-45-67`).
 */
export function findPhone(text: string): string | null {
  for (const match of text.matchAll(/(?<![\d+\wА-Яа-яЁё])(\+7|8)(?=[\s(-]*\d)/g)) {
    const digits = tenDigitsAfter(text, match.index + match[0].length);
    if (digits) return `+7${digits}`;
  }
  return null;
}

/** Exactly ten digits from `start`, with single separators (space, dash, parentheses) between. */
function tenDigitsAfter(text: string, start: number): string | null {
  let digits = '';
  let separators = 0;
  for (let i = start; i < text.length && digits.length < 10; i++) {
    const c = text[i]!;
    if (c >= '0' && c <= '9') {
      digits += c;
      separators = 0;
    } else if (/[\s()-]/.test(c) && c !== '\n' && ++separators <= 3) continue;
    else return null;
    if (digits.length === 10) return /\d/.test(text[i + 1] ?? '') ? null : digits;
  }
  return null;
}

/**
 * What the sender wrote in this letter, without what it quotes: `>` lines and everything
 * from a reply header on (Outlook's «-----Original Message-----» or «От: … Отправлено:»
 * block, «… писал(а):», "On … wrote:"). A forwarded letter stays: it is the request.
 */
export function ownText(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (/^-{2,}\s*(original message|исходное сообщение)\s*-{2,}$/i.test(line)) break;
    if (/^(from|от):\s/i.test(line) && /^(sent|отправлено|date|дата):\s/i.test(lines[i + 1]?.trim() ?? '')) break;
    if (/(писал|написал|пишет)\(?а?\)?:$|\swrote:$/i.test(line)) break;
    if (line.startsWith('>')) continue;
    out.push(lines[i]!);
  }
  return out.join('\n');
}

/** `inn` and `phone` found in the sender's own text, for fields that do not have them yet. */
export function extractedFields(text: string, present: Record<string, unknown>): Record<string, string> {
  const own = ownText(text);
  const out: Record<string, string> = {};
  if (present.inn === undefined) {
    const inn = findInn(own);
    if (inn) out.inn = inn;
  }
  if (present.phone === undefined) {
    const phone = findPhone(own);
    if (phone) out.phone = phone;
  }
  return out;
}
