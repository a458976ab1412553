import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, startTestServer, type TestServer } from '../support/test-server.js';
import { parseWorkflowSource, STATUS_CATEGORIES, type StateNodeDefinition } from '../../server/src/workflow/index.js';
import { isValidInn } from '../../server/src/intake/mail.fields.js';
import { demoDesks } from '../../seeds/seed-demo.js';
import type { DemoClock } from '../../seeds/demo-types.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.stop());

describe('the HTTP surface', () => {
  it('GET /healthz answers 200 once the database is reachable and the workflows are loaded', async () => {
    const response = await fetch(`${t.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('serves the built back office at / and for its client-side routes', async () => {
    for (const page of ['/', '/tickets/123/show']) {
      const response = await fetch(`${t.url}${page}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<div id="root">');
    }
  });
});

/** Each shipped workflow file's tenant, its machine's states (nested ones dot-separated) and their status categories. */
function shippedMachines(): Array<{ tenantId: string; states: string[]; categories: string[] }> {
  const dir = path.join(repoRoot, 'workflows');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => {
      const parsed = parseWorkflowSource(readFileSync(path.join(dir, file), 'utf8'), file);
      if (!parsed.ok) throw new Error(`${file} does not load: ${parsed.problems.map((p) => p.message).join('; ')}`);
      const leaves: Array<{ name: string; tags: string[] }> = [];
      const walk = (states: Record<string, StateNodeDefinition>, prefix: string, inherited: string[]) => {
        for (const [name, node] of Object.entries(states)) {
          const tags = [...inherited, ...(node.tags ?? [])];
          if (node.states && Object.keys(node.states).length) walk(node.states, `${prefix}${name}.`, tags);
          else leaves.push({ name: `${prefix}${name}`, tags });
        }
      };
      walk(parsed.definition.machine.states, '', []);
      const categories = new Set(leaves.flatMap((leaf) => leaf.tags.filter((tag) => (STATUS_CATEGORIES as readonly string[]).includes(tag))));
      return { tenantId: parsed.definition.tenant.id, states: leaves.map((l) => l.name).sort(), categories: [...categories].sort() };
    });
}

interface SeededTicket {
  subject: string;
  kind: string | null;
  priority: string | null;
  channel: string;
  state: string;
  statusCategory: string;
  closeReason: string | null;
  organizationId: string | null;
  history: Array<{ event: string; data: Record<string, any> | null }>;
  acts: Array<{ kind: string; status: string; items: Array<{ what: string; dueAt: string | null }> }>;
  phoneCalls: Array<{ id: string }>;
}

const demoTicketsQuery = `query($tenantId: ID!) {
  tickets(filter: { tenantId: $tenantId }, perPage: 500) {
    total
    items {
      subject kind priority channel state statusCategory closeReason organizationId
      history { event data }
      acts { kind status items { what dueAt } }
      phoneCalls { id }
    }
  }
  organizations(tenantId: $tenantId) {
    id name inn serviceLevel contractFrom contractUntil slaTargets contactName contactEmail contactPhone
  }
}`;

describe('demo data', () => {
  it('an empty database with SEED_DEMO on gets living desks: every tenant has tickets in each state of its workflow file, organisations with valid INNs and contacts, and demo agents', async () => {
    const demo = await startTestServer({ SEED_DEMO: '1' });
    try {
      const machines = shippedMachines();
      expect(machines.map((m) => m.tenantId).sort()).toEqual(['kurgan-vipnet', 'novosibirsk', 'rusbitech', 'sintez', 'tomsk']);
      const { now } = await demo.admin.data<{ now: string }>(`{ now }`);
      const desks = new Map<string, { tickets: SeededTicket[]; organizations: Array<Record<string, any>> }>();
      for (const machine of machines) {
        const { tickets, organizations } = await demo.admin.data(demoTicketsQuery, { tenantId: machine.tenantId });
        desks.set(machine.tenantId, { tickets: tickets.items, organizations });
        const items = tickets.items as SeededTicket[];
        expect([...new Set(items.map((t) => t.state))].sort(), `states of ${machine.tenantId}`).toEqual(machine.states);
        expect([...new Set(items.map((t) => t.statusCategory))].sort(), `status categories of ${machine.tenantId}`).toEqual(machine.categories);
        expect(organizations.length, `organisations of ${machine.tenantId}`).toBeGreaterThanOrEqual(2);
        expect(organizations.length).toBeLessThanOrEqual(4);
        for (const organization of organizations) {
          expect(isValidInn(organization.inn), `INN ${organization.inn} of ${organization.name}`).toBe(true);
          expect(organization.contactName).toBeTruthy();
          expect(organization.contactEmail).toMatch(/@/);
          expect(organization.contactPhone).toMatch(/^\+7/);
        }
        // Every organisation has requests, and named requests land on their organisation.
        const orgIds = new Set(organizations.map((o: { id: string }) => o.id));
        for (const id of orgIds) expect(items.some((t) => t.organizationId === id), `a ticket of organisation ${id}`).toBe(true);
        for (const ticket of items) expect(ticket.subject, `a ticket of ${machine.tenantId}`).toMatch(/[А-Яа-яЁё]/);
      }

      // Every demo request of seeds/ was registered and went its whole path (nothing refused on the way).
      const anyTime: DemoClock = { hoursAgo: () => now, daysAgo: () => now, date: () => now.slice(0, 10), localTime: () => now, later: () => now };
      for (const desk of demoDesks) {
        const seeded = desks.get(desk.tenantId)!.tickets;
        const data = desk.data(anyTime);
        const planned = [...data.tickets, ...(data.phoneCalls ?? []).flatMap((call) => (call.ticket ? [call.ticket] : []))];
        expect(seeded).toHaveLength(planned.length);
        for (const ticket of planned) {
          const found = seeded.find((t) => t.subject === ticket.subject);
          expect(found?.history.map((h) => h.event), `${desk.tenantId} «${ticket.subject}»`).toEqual(['CREATE', ...ticket.path.map((e) => e.type)]);
        }
      }

      // novosibirsk: closed as resolved and as stale, a remote session, a complaint, a preliminary answer.
      const nso = desks.get('novosibirsk')!.tickets;
      expect(new Set(nso.filter((t) => t.state === 'closed').map((t) => t.closeReason))).toEqual(new Set(['resolved', 'stale']));
      const events = (tickets: SeededTicket[]) => new Set(tickets.flatMap((t) => t.history.map((h) => h.event)));
      for (const event of ['REMOTE_SESSION', 'COMPLAIN', 'PROMISE', 'NAME_DATE', 'PROVIDE_INFO']) expect(events(nso), event).toContain(event);
      expect(nso.find((t) => t.history.some((h) => h.event === 'COMPLAIN'))!.history.find((h) => h.event === 'COMPLAIN')!.data!.complaint).toBeTruthy();
      expect(new Set(nso.map((t) => t.channel))).toEqual(new Set(['email', 'web', 'phone']));
      const { announcements } = await demo.admin.data(`{ announcements(tenantId: "novosibirsk") { kind active startsAt endsAt } }`);
      const outage = announcements.find((a: { kind: string }) => a.kind === 'outage');
      const maintenance = announcements.find((a: { kind: string }) => a.kind === 'maintenance');
      expect(outage.active).toBe(true);
      expect(maintenance.active).toBe(false);
      const startsIn = Date.parse(maintenance.startsAt) - Date.parse(now);
      expect(startsIn).toBeGreaterThan(0);
      expect(startsIn).toBeLessThan(48 * 3_600_000);
      const { phoneCalls } = await demo.admin.data(`{ phoneCalls(tenantId: "novosibirsk") { total items { outcome ticketId } } }`);
      expect(phoneCalls.total).toBeGreaterThanOrEqual(2);
      expect(phoneCalls.items.map((c: { outcome: string }) => c.outcome)).toEqual(expect.arrayContaining(['consultation', 'ticket']));
      expect(nso.filter((t) => t.phoneCalls.length)).toHaveLength(1);

      // tomsk: both kinds; a ticket reopened within the window is back in work.
      const tomsk = desks.get('tomsk')!.tickets;
      expect(new Set(tomsk.map((t) => t.kind))).toEqual(new Set(['consultation', 'error']));
      expect(tomsk.some((t) => t.state === 'open' && t.history.some((h) => h.event === 'REOPEN'))).toBe(true);
      expect(tomsk.some((t) => t.state === 'closed' && t.history.some((h) => h.event === 'CONFIRM'))).toBe(true);

      // kurgan-vipnet: an escalation letter's status recorded on a ticket still in work.
      const kurgan = desks.get('kurgan-vipnet')!.tickets;
      const escalated = kurgan.find((t) => t.history.some((h) => h.event === 'ESCALATE'))!;
      expect(escalated.state).toBe('open');
      expect(escalated.history.find((h) => h.event === 'ESCALATE')!.data!.status).toBeTruthy();

      // rusbitech: contracts, one expired whose request was refused, one with its own target; both criticalities.
      const rbt = desks.get('rusbitech')!;
      const today = now.slice(0, 10);
      const expired = rbt.organizations.filter((o) => o.contractUntil < today);
      expect(expired).toHaveLength(1);
      expect(rbt.organizations.every((o) => o.contractFrom && o.contractUntil)).toBe(true);
      expect(rbt.tickets.find((t) => t.organizationId === expired[0]!.id)).toMatchObject({ state: 'closed', closeReason: 'no_contract' });
      expect(rbt.organizations.find((o) => o.slaTargets?.resolution === '7bd')).toBeTruthy();
      expect(new Set(rbt.tickets.map((t) => t.priority))).toEqual(new Set(['high', 'normal']));
      expect(rbt.tickets.find((t) => t.state === 'in_development')!.history.map((h) => h.event)).toContain('HANDOFF_DEV');

      // sintez: both service levels; acts issued, refused with a rework act, approved.
      const sintez = desks.get('sintez')!;
      expect(new Set(sintez.organizations.map((o) => o.serviceLevel))).toEqual(new Set(['standard', 'extended']));
      const actsIn = (state: string) => sintez.tickets.filter((t) => t.state === state).map((t) => t.acts);
      expect(actsIn('awaiting_acceptance').every((acts) => acts.at(-1)?.kind === 'acceptance' && acts.at(-1)?.status === 'issued')).toBe(true);
      const rework = actsIn('rework')[0]!;
      expect(rework.map((a) => `${a.kind}:${a.status}`)).toEqual(['acceptance:refused', 'rework:agreed']);
      expect(rework[1]!.items.every((item) => item.what && item.dueAt)).toBe(true);
      expect(sintez.tickets.some((t) => t.state === 'closed' && t.acts.some((a) => a.status === 'approved'))).toBe(true);
      expect(sintez.tickets.some((t) => t.state === 'postponed' && t.closeReason === null)).toBe(true);

      const { login } = await demo.anonymous.data(`mutation { login(email: "agent@tomsk.demo", password: "demo-agent-1") { user { tenantIds } } }`);
      expect(login.user.tenantIds).toEqual(['tomsk']);
    } finally {
      await demo.stop();
    }
  });

  it('demo data is loaded once: a restart on a seeded database adds nothing', async () => {
    const first = await startTestServer({ SEED_DEMO: '1' });
    const count = `{ tickets { total } organizations { id } announcements(tenantId: "novosibirsk") { id } phoneCalls(tenantId: "novosibirsk") { total } }`;
    const before = await first.admin.data(count);
    await first.stop();
    const second = await startTestServer({ SEED_DEMO: '1' }, first.databaseUrl);
    try {
      expect(before.tickets.total).toBeGreaterThan(30);
      expect(await second.admin.data(count)).toEqual(before);
    } finally {
      await second.stop();
    }
  });
});
