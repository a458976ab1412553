/**
 * SLA clocks declared in a workflow file, run by the engine on the manual clock: pauses move
 * the due time by the business time spent paused, RBT-7's 24/7 clocks differ from business
 * ones on a weekend, and a breach raises its event once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, repoRoot, type TestServer } from '../support/test-server.js';

const source = fs.readFileSync(path.join(repoRoot, 'test/fixtures/workflows/sla-desk.yaml'), 'utf8');
let t: TestServer | null = null;
afterEach(async () => {
  await t?.stop();
  t = null;
});

async function deskAt(clockStart: string): Promise<TestServer> {
  t = await startTestServer({ CLOCK_START: clockStart });
  await t.admin.data(`mutation($s: String!) { publishWorkflow(tenantId: "sla-desk", source: $s) { version } }`, { s: source });
  return t;
}

async function create(server: TestServer, priority = 'normal'): Promise<string> {
  const { createTicket } = await server.admin.data(`mutation($p: String) { createTicket(input: { tenantId: "sla-desk", channel: "email", priority: $p }) { id } }`, { p: priority });
  return createTicket.id;
}

async function send(server: TestServer, id: string, type: string) {
  await server.admin.data(`mutation($id: ID!, $t: String!) { sendTicketEvent(ticketId: $id, type: $t) { id } }`, { id, t: type });
}

async function deadlines(server: TestServer, id: string) {
  const { ticket } = await server.admin.data(`query($id: ID!) { ticket(id: $id) { state history { event actor } deadlines { kind dueAt pausedAt metAt breached } } }`, { id });
  const byKind = Object.fromEntries(ticket.deadlines.map((d: { kind: string }) => [d.kind, d]));
  return { ticket, byKind };
}

describe('SLA clocks', () => {
  it('a clock paused for 2 business days falls due 2 business days later', async () => {
    // Monday 23.11.2026, 10:00 in Moscow: the resolution clock (2bd) falls due Wednesday 10:00.
    const server = await deskAt('2026-11-23T07:00:00Z');
    const id = await create(server);
    expect((await deadlines(server, id)).byKind.resolution).toMatchObject({ dueAt: '2026-11-25T07:00:00.000Z', breached: false });
    await send(server, id, 'TAKE');
    await send(server, id, 'REQUEST_INFO');
    expect((await deadlines(server, id)).byKind.resolution.pausedAt).toBe('2026-11-23T07:00:00.000Z');
    await server.admin.data(`mutation { advanceClock(by: "P2D") }`);
    await send(server, id, 'PROVIDE_INFO');
    const { byKind } = await deadlines(server, id);
    expect(byKind.resolution).toMatchObject({ dueAt: '2026-11-27T07:00:00.000Z', pausedAt: null, breached: false });
  });

  it('RBT-7: on a Saturday a 24/7 clock runs while a business-hours clock waits for Monday', async () => {
    // Saturday 28.11.2026, 12:00 in Moscow.
    const server = await deskAt('2026-11-28T09:00:00Z');
    const high = await create(server, 'high');
    const normal = await create(server, 'normal');
    expect((await deadlines(server, high)).byKind.reaction.dueAt).toBe('2026-11-28T13:00:00.000Z');
    // Monday 30.11 10:00 + 4 working hours = 14:00 Moscow time.
    expect((await deadlines(server, normal)).byKind.reaction.dueAt).toBe('2026-11-30T11:00:00.000Z');
  });

  it('a met clock stops: taking the ticket in time meets the reaction clock, and it never breaches', async () => {
    const server = await deskAt('2026-11-23T07:00:00Z');
    const id = await create(server);
    await server.admin.data(`mutation { advanceClock(by: "PT1H") }`);
    await send(server, id, 'TAKE');
    await server.admin.data(`mutation { advanceClock(by: "P1D") }`);
    expect((await deadlines(server, id)).byKind.reaction).toMatchObject({ metAt: '2026-11-23T08:00:00.000Z', breached: false });
  });

  it('a breach raises its event once: the resolution clock escalates the ticket, the reaction clock is only marked', async () => {
    const server = await deskAt('2026-11-23T07:00:00Z');
    const id = await create(server);
    await server.admin.data(`mutation { advanceClock(by: "P3D") }`);
    const { ticket, byKind } = await deadlines(server, id);
    expect(byKind.resolution.breached).toBe(true);
    expect(byKind.reaction.breached).toBe(true);
    expect(ticket.state).toBe('escalated');
    expect(ticket.history.filter((h: { event: string }) => h.event === 'ESCALATE')).toEqual([{ event: 'ESCALATE', actor: 'system' }]);
    expect(ticket.history.filter((h: { event: string }) => h.event === 'SLA_BREACHED')).toHaveLength(1);
    await server.admin.data(`mutation { advanceClock(by: "P10D") }`);
    const later = await deadlines(server, id);
    expect(later.ticket.history.filter((h: { event: string }) => h.event === 'ESCALATE' || h.event === 'SLA_BREACHED')).toHaveLength(2);
  });

  it('a clock with an unknown breach event or a bad target is refused at publish with its line', async () => {
    const server = await deskAt('2026-11-23T07:00:00Z');
    const broken = source.replace('    target: 2bd\n', '    target: 2 days\n');
    const result = await server.admin.request(`mutation($s: String!) { publishWorkflow(tenantId: "sla-desk", source: $s) { version } }`, { s: broken });
    expect(result.errors?.[0]?.extensions?.code).toBe('WORKFLOW_INVALID');
    const line = broken.slice(0, broken.indexOf('target: 2 days')).split('\n').length;
    expect(result.errors?.[0]?.extensions?.problems).toContainEqual(expect.objectContaining({ line }));
  });
});
