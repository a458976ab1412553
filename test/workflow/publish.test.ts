/**
 * Publishing workflow files through the API and at boot: a changed file is a new immutable
 * version for new tickets, open tickets stay on theirs, and an invalid file is refused with
 * line and column while the version in force keeps working.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, repoRoot, type TestServer } from '../support/test-server.js';
import { timerDeskSource } from '../support/fixtures.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.stop());

const publish = `mutation($tenant: ID!, $s: String!) { publishWorkflow(tenantId: $tenant, source: $s) { version created } }`;
const create = `mutation { createTicket(input: { tenantId: "timer-desk", channel: "email" }) { id availableEvents } }`;
const send = `mutation($id: ID!, $t: String!) { sendTicketEvent(ticketId: $id, type: $t) { state availableEvents } }`;

/** timer-desk with an extra ESCALATE event in state open. */
const withEscalate = timerDeskSource
  .replace('events:\n', 'events:\n  ESCALATE: { title: Эскалировать, actors: [agent] }\n')
  .replace('    open:\n      tags: [open]\n      on:\n', '    open:\n      tags: [open]\n      on:\n        ESCALATE: open\n');

/** Line and column (1-based) of the first occurrence of `needle` in `text`. */
function positionOf(text: string, needle: string) {
  const index = text.indexOf(needle);
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

describe('publishWorkflow', () => {
  it('onboards a new region from a workflow file alone', async () => {
    const { publishWorkflow } = await t.admin.data(publish, { tenant: 'timer-desk', s: timerDeskSource });
    expect(publishWorkflow).toEqual({ version: 1, created: true });
    const { tenants } = await t.admin.data(`{ tenants { id workflowVersion } }`);
    expect(tenants).toContainEqual({ id: 'timer-desk', workflowVersion: 1 });
  });

  it('an unchanged file keeps the version in force', async () => {
    const { publishWorkflow } = await t.admin.data(publish, { tenant: 'timer-desk', s: timerDeskSource });
    expect(publishWorkflow).toEqual({ version: 1, created: false });
  });

  it('a changed file is a new version for new tickets; a ticket stays on the version it started with', async () => {
    const { createTicket: before } = await t.admin.data(create);
    await t.admin.data(send, { id: before.id, t: 'TAKE' });
    const { publishWorkflow } = await t.admin.data(publish, { tenant: 'timer-desk', s: withEscalate });
    expect(publishWorkflow.version).toBe(2);
    const { createTicket: after } = await t.admin.data(create);
    const { sendTicketEvent: newOpen } = await t.admin.data(send, { id: after.id, t: 'TAKE' });
    expect(newOpen.availableEvents).toContain('ESCALATE');
    const { ticket: oldOpen } = await t.admin.data(`query($id: ID!) { ticket(id: $id) { availableEvents } }`, { id: before.id });
    expect(oldOpen.availableEvents).not.toContain('ESCALATE');
    expect(await t.admin.errorCode(send, { id: before.id, t: 'ESCALATE' })).toBe('EVENT_NOT_ALLOWED');
  });

  it('an invalid file is refused with WORKFLOW_INVALID naming line and column; the version in force keeps working', async () => {
    const broken = withEscalate.replace('        RESOLVE: resolved', '        RESOLVE: solved');
    const result = await t.admin.request(publish, { tenant: 'timer-desk', s: broken });
    const error = result.errors?.[0];
    expect(error?.extensions?.code).toBe('WORKFLOW_INVALID');
    const { line } = positionOf(broken, 'RESOLVE: solved');
    expect(error?.extensions?.problems).toContainEqual(expect.objectContaining({ line, message: expect.stringMatching(/solved/) }));
    const { tenants } = await t.admin.data(`{ tenants { id workflowVersion } }`);
    expect(tenants).toContainEqual({ id: 'timer-desk', workflowVersion: 2 });
    const { createTicket: ticket } = await t.admin.data(create);
    const { sendTicketEvent } = await t.admin.data(send, { id: ticket.id, t: 'TAKE' });
    expect(sendTicketEvent.state).toBe('open');
  });

  it('a YAML syntax error points at its line and column', async () => {
    const broken = timerDeskSource.replace('  title: Тестовая служба с таймерами', '  title: [Тестовая служба');
    const result = await t.admin.request(publish, { tenant: 'timer-desk', s: broken });
    expect(result.errors?.[0]?.extensions?.code).toBe('WORKFLOW_INVALID');
    const problems = result.errors?.[0]?.extensions?.problems as Array<{ line: number; column: number }>;
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]!.line).toBeGreaterThanOrEqual(positionOf(broken, '[Тестовая').line);
  });

  it('a file for another tenant id, or a malformed tenant id, is refused', async () => {
    expect(await t.admin.errorCode(publish, { tenant: 'other-desk', s: timerDeskSource })).toBe('WORKFLOW_INVALID');
    expect(await t.admin.errorCode(publish, { tenant: 'Not A Tenant', s: timerDeskSource })).toBe('BAD_USER_INPUT');
  });
});

describe('workflow files at boot', () => {
  it('an invalid file in the workflows folder does not stop the server; the previous version stays in force', async () => {
    const { createTicket: ticket } = await t.admin.data(`mutation { createTicket(input: { tenantId: "tomsk", channel: "email" }) { id } }`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reglament-workflows-'));
    for (const name of fs.readdirSync(path.join(repoRoot, 'workflows'))) {
      if (name.endsWith('.yaml')) fs.copyFileSync(path.join(repoRoot, 'workflows', name), path.join(dir, name));
    }
    fs.cpSync(path.join(repoRoot, 'workflows', 'calendars'), path.join(dir, 'calendars'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'tomsk.yaml'), fs.readFileSync(path.join(dir, 'tomsk.yaml'), 'utf8').replace('initial: new', 'initial: nowhere'));
    const restarted = await startTestServer({ WORKFLOWS_DIR: dir }, t.databaseUrl);
    try {
      const { tenants } = await restarted.admin.data(`{ tenants { id workflowVersion } }`);
      expect(tenants).toContainEqual({ id: 'tomsk', workflowVersion: 1 });
      const { sendTicketEvent } = await restarted.admin.data(send, { id: ticket.id, t: 'TAKE' });
      expect(sendTicketEvent.state).toBe('open');
      await restarted.admin.data(`mutation { createTicket(input: { tenantId: "tomsk", channel: "email" }) { id } }`);
    } finally {
      await restarted.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
