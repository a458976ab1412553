// Which intake fields a ticket still lacks. Shared by the `hasRequiredFields` guard and by
// `missingFields(snapshot)` so that the guard and what the API shows can never disagree.

import type { KindDefinition, TicketContext } from './workflow.types.js';

/**
 * A field counts as given when it holds something: not undefined/null, not a blank string,
 * not an empty list (an empty `screenshots: []` is no screenshot).
 */
export function isFieldPresent(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/**
 * The fields a kind requires. A ticket whose kind is not known yet (null) must at least have
 * what every kind requires, so it gets the intersection: asking for more would ask a
 * requester of one kind for another kind's data.
 */
export function requiredFieldsFor(kinds: Record<string, KindDefinition>, kind: string | null): string[] {
  if (kind !== null) return kinds[kind]?.requiredFields ?? [];
  const lists = Object.values(kinds).map((k) => k.requiredFields);
  if (lists.length === 0) return [];
  const [first, ...rest] = lists as [string[], ...string[][]];
  return first.filter((field) => rest.every((list) => list.includes(field)));
}

export function missingFieldsOf(kinds: Record<string, KindDefinition>, context: TicketContext): string[] {
  return requiredFieldsFor(kinds, context.kind).filter((field) => !isFieldPresent(context.fields[field]));
}
