import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, startTestServer, type TestServer } from './test-server.js';
import type { GraphQLClient } from './graphql-client.js';

export const timerDeskSource = fs.readFileSync(path.join(repoRoot, 'test/fixtures/workflows/timer-desk.yaml'), 'utf8');

/** Onboards the timer desk (a resolved ticket closes itself 2 hours later) through the API. */
export async function publishTimerDesk(admin: GraphQLClient): Promise<void> {
  await admin.data(`mutation($s: String!) { publishWorkflow(tenantId: "timer-desk", source: $s) { version } }`, { s: timerDeskSource });
}

const slaDeskSource = fs.readFileSync(path.join(repoRoot, 'test/fixtures/workflows/sla-desk.yaml'), 'utf8');

/**
 * A server whose clock stands at Monday 23.11.2026, 10:00 in Moscow, with the SLA desk
 * onboarded: a resolution clock of 2 business days that pauses while the customer is asked
 * and escalates on breach, and a reaction clock of 4 working hours (24/7 for high priority).
 */
export async function startSlaDeskServer(): Promise<TestServer> {
  const t = await startTestServer({ CLOCK_START: '2026-11-23T07:00:00Z' });
  await t.admin.data(`mutation($s: String!) { publishWorkflow(tenantId: "sla-desk", source: $s) { version } }`, { s: slaDeskSource });
  return t;
}

/** A timer-desk ticket, taken and resolved: its auto-close timer is pending. */
export async function resolvedTimerTicket(admin: GraphQLClient): Promise<string> {
  const { createTicket } = await admin.data(`mutation { createTicket(input: { tenantId: "timer-desk", channel: "email" }) { id } }`);
  for (const type of ['TAKE', 'RESOLVE']) {
    await admin.data(`mutation($id: ID!, $t: String!) { sendTicketEvent(ticketId: $id, type: $t) { id } }`, { id: createTicket.id, t: type });
  }
  return createTicket.id;
}

export async function ticketState(client: GraphQLClient, id: string) {
  const { ticket } = await client.data(`query($id: ID!) { ticket(id: $id) { state statusCategory closeReason version history { event actor } } }`, { id });
  return ticket as { state: string; statusCategory: string; closeReason: string | null; version: number; history: Array<{ event: string; actor: string }> };
}

export const timerEvents = (history: Array<{ event: string }>) => history.filter((h) => h.event.startsWith('xstate.after.'));
