/**
 * Moving the manual clock of a regulation scenario to an exact instant, so a test reads as
 * the regulation does: "at 16:59 the window is still open; at 17:01 it is closed".
 */
import { expect } from 'vitest';
import type { GraphQLClient } from '../support/graphql-client.js';

/** Advances the product clock to `iso` (firing every timer due by then); it never goes back. */
export async function advanceClockTo(admin: GraphQLClient, iso: string): Promise<void> {
  const now = (await admin.data<{ now: string }>('{ now }')).now;
  const ms = Date.parse(iso) - Date.parse(now);
  if (ms < 0) throw new Error(`the clock is already past ${iso} (now ${now})`);
  if (ms > 0) await admin.data('mutation($by: String!) { advanceClock(by: $by) }', { by: `PT${ms / 1000}S` });
  expect((await admin.data<{ now: string }>('{ now }')).now).toBe(new Date(iso).toISOString());
}

