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

/** The first INN in the text: a run of exactly 10 or 12 digits whose check is valid. */
export function findInn(text: string): string | null {
  for (const match of text.matchAll(/(?<!\d)(\d{12}|\d{10})(?!\d)/g)) {
    if (isValidInn(match[1]!)) return match[1]!;
  }
  return null;
}

/**
 * The first Russian phone number in the text (+7 or 8, then ten digits; spaces, dashes and
 * parentheses around the code as people write them), as `+7XXXXXXXXXX`.
 */
export function findPhone(text: string): string | null {
  const match = /(?<![\d+])(?:\+7|8)[\s-]*\(?\s*(\d{3})\s*\)?[\s-]*(\d{3})[\s-]*(\d{2})[\s-]*(\d{2})(?!\d)/.exec(text);
  return match ? `+7${match.slice(1, 5).join('')}` : null;
}

/** `inn` and `phone` found in the text, for fields that do not have them yet. */
export function extractedFields(text: string, present: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  if (present.inn === undefined) {
    const inn = findInn(text);
    if (inn) out.inn = inn;
  }
  if (present.phone === undefined) {
    const phone = findPhone(text);
    if (phone) out.phone = phone;
  }
  return out;
}
