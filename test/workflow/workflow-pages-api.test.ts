/**
 * What the back office's workflow pages read through the API: a tenant's versions with their
 * sources, a draft checked without publishing, and a version's machine as a graph, which a
 * ticket's page uses to highlight its state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs, startTestServer, type TestServer } from '../support/test-server.js';
import { timerDeskSource } from '../support/fixtures.js';
import { positionOf } from './workflow.helpers.js';
import type { GraphQLClient } from '../support/graphql-client.js';

let t: TestServer;
let agent: GraphQLClient;
beforeAll(async () => {
  t = await startTestServer();
  await t.admin.data(publish, { tenant: 'timer-desk', s: timerDeskSource });
  agent = await signInAs(t, 'agent', ['timer-desk']);
});
afterAll(() => t?.stop());

const publish = `mutation($tenant: ID!, $s: String!) { publishWorkflow(tenantId: $tenant, source: $s) { version } }`;
const versions = `query($tenant: ID!) { workflowVersions(tenantId: $tenant) { version inForce source fileName } }`;
const check = `query($tenant: ID!, $s: String!) { checkWorkflow(tenantId: $tenant, source: $s) {
  valid problems { line column message } graph { initial states { id category } transitions { from to label } } } }`;
const graph = `query($tenant: ID!, $v: Int) { workflowGraph(tenantId: $tenant, version: $v) { states { id } transitions { from to label } } }`;

const withEscalate = timerDeskSource
  .replace('events:\n', 'events:\n  ESCALATE: { title: Эскалировать, actors: [agent] }\n')
  .replace('    open:\n      tags: [open]\n      on:\n', '    open:\n      tags: [open]\n      on:\n        ESCALATE: open\n');

describe('checkWorkflow', () => {
  it('a broken draft is answered with its problems at their line, and nothing is published', async () => {
    const broken = withEscalate.replace('        RESOLVE: resolved', '        RESOLVE: solved');
    const { checkWorkflow } = await t.admin.data(check, { tenant: 'timer-desk', s: broken });
    expect(checkWorkflow.valid).toBe(false);
    expect(checkWorkflow.graph).toBeNull();
    expect(checkWorkflow.problems).toContainEqual(expect.objectContaining({ line: positionOf(broken, 'RESOLVE: solved').line, message: expect.stringMatching(/solved/) }));
    const { workflowVersions } = await t.admin.data(versions, { tenant: 'timer-desk' });
    expect(workflowVersions).toHaveLength(1);
  });

  it('a valid draft is answered with the machine it describes', async () => {
    const { checkWorkflow } = await t.admin.data(check, { tenant: 'timer-desk', s: withEscalate });
    expect(checkWorkflow).toMatchObject({ valid: true, problems: [] });
    expect(checkWorkflow.graph.transitions).toContainEqual({ from: 'open', to: 'open', label: 'ESCALATE' });
  });

  it('a draft for another tenant is refused at the tenant line', async () => {
    const { checkWorkflow } = await t.admin.data(check, { tenant: 'tomsk', s: timerDeskSource });
    expect(checkWorkflow.valid).toBe(false);
    expect(checkWorkflow.problems[0].message).toMatch(/timer-desk/);
  });

  it('is for admins only', async () => {
    expect(await agent.errorCode(check, { tenant: 'timer-desk', s: withEscalate })).toBe('FORBIDDEN');
  });
});

describe('workflowVersions', () => {
  it('lists every published version, newest first, with its source and which one is in force', async () => {
    await t.admin.data(publish, { tenant: 'timer-desk', s: withEscalate });
    const { workflowVersions } = await t.admin.data(versions, { tenant: 'timer-desk' });
    expect(workflowVersions.map((v: { version: number; inForce: boolean }) => [v.version, v.inForce])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(workflowVersions[0].source).toBe(withEscalate);
    expect(workflowVersions[1].source).toBe(timerDeskSource);
  });

  it('is for admins only; an unknown tenant is NOT_FOUND', async () => {
    expect(await agent.errorCode(versions, { tenant: 'timer-desk' })).toBe('FORBIDDEN');
    expect(await t.admin.errorCode(versions, { tenant: 'no-such-desk' })).toBe('NOT_FOUND');
  });
});

describe('workflowGraph', () => {
  it("an agent reads the diagram of the version a ticket runs on, not only the one in force", async () => {
    const { workflowGraph: current } = await agent.data(graph, { tenant: 'timer-desk' });
    const { workflowGraph: first } = await agent.data(graph, { tenant: 'timer-desk', v: 1 });
    expect(current.transitions).toContainEqual({ from: 'open', to: 'open', label: 'ESCALATE' });
    expect(first.transitions).not.toContainEqual(expect.objectContaining({ label: 'ESCALATE' }));
    const { createTicket } = await agent.data(`mutation { createTicket(input: { tenantId: "timer-desk", channel: "email" }) { state workflowVersion } }`);
    expect(createTicket.workflowVersion).toBe(2);
    expect(current.states.map((s: { id: string }) => s.id)).toContain(createTicket.state);
  });

  it("another tenant's diagram is FORBIDDEN; an unknown version NOT_FOUND", async () => {
    expect(await agent.errorCode(graph, { tenant: 'tomsk' })).toBe('FORBIDDEN');
    expect(await agent.errorCode(graph, { tenant: 'timer-desk', v: 9 })).toBe('NOT_FOUND');
  });
});

describe('what the forms are built from (Tenant)', () => {
  const tenantQuery = `{ tenants { id events { type data { key required type enum } } fieldLabels { field label } } }`;
  interface TenantForms {
    id: string;
    events: Array<{ type: string; data: Array<{ key: string; required: boolean; type: string | null; enum: string[] | null }> }>;
    fieldLabels: Array<{ field: string; label: string }>;
  }

  it("serves each event's data rules from the workflow file (SIN-5: three reasons to postpone)", async () => {
    const { tenants } = await t.admin.data<{ tenants: TenantForms[] }>(tenantQuery);
    const sintez = tenants.find((x) => x.id === 'sintez')!;
    const postpone = sintez.events.find((e) => e.type === 'POSTPONE')!;
    expect(postpone.data).toContainEqual(expect.objectContaining({ key: 'reason', required: true, enum: expect.arrayContaining(['out_of_scope']) }));
    expect(postpone.data.find((d) => d.key === 'reason')!.enum).toHaveLength(3);
  });

  it("names every intake field in the desk's words, the file's own wording first (SIN-2: «раздел на сайте»)", async () => {
    const { tenants } = await t.admin.data<{ tenants: TenantForms[] }>(tenantQuery);
    const label = (tenant: string, field: string) => tenants.find((x) => x.id === tenant)!.fieldLabels.find((l) => l.field === field)?.label;
    expect(label('sintez', 'section')).toBe('раздел сайта');
    expect(label('tomsk', 'section')).toBe('раздел системы');
    expect(label('novosibirsk', 'inn')).toMatch(/ИНН/);
  });
});
