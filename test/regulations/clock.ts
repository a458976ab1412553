/**
 * Moving the manual clock of a regulation scenario to an exact instant, so a test reads as
 * the regulation does: "at 16:59 the window is still open; at 17:01 it is closed"; and a
 * server per scenario block whose clock starts where the block does.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import type { GraphQLClient } from '../support/graphql-client.js';
import { signInAs, startTestServer, type TestServer } from '../support/test-server.js';

/** Advances the product clock to `iso` (firing every timer due by then); it never goes back. */
export async function advanceClockTo(admin: GraphQLClient, iso: string): Promise<void> {
  const now = (await admin.data<{ now: string }>('{ now }')).now;
  const ms = Date.parse(iso) - Date.parse(now);
  if (ms < 0) throw new Error(`the clock is already past ${iso} (now ${now})`);
  if (ms > 0) await admin.data('mutation($by: String!) { advanceClock(by: $by) }', { by: `PT${ms / 1000}S` });
  expect((await admin.data<{ now: string }>('{ now }')).now).toBe(new Date(iso).toISOString());
}


/**
 * A describe block on a server of its own whose manual clock starts at `clockStart` (the
 * clock only moves forward, so the tests of a block follow each other in time), with an
 * agent of `tenant`. `use` gets both once started, and null once stopped.
 */
export function serverPerBlock(tenant: string, clockStart: string, use: (server: TestServer | null, agent?: GraphQLClient) => void): void {
  let server: TestServer | null = null;
  beforeAll(async () => {
    server = await startTestServer({ CLOCK_START: clockStart });
    use(server, await signInAs(server, 'agent', [tenant]));
  });
  afterAll(async () => {
    await server?.stop();
    use(null);
  });
}
