import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';

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

describe('demo data', () => {
  it('an empty database with SEED_DEMO on gets living desks: tickets of every tenant in several stages, and demo agents', async () => {
    const demo = await startTestServer({ SEED_DEMO: '1' });
    try {
      const { tickets } = await demo.admin.data(`{ tickets(perPage: 100) { total items { tenantId statusCategory } } }`);
      const tenants = new Set(tickets.items.map((i: { tenantId: string }) => i.tenantId));
      const stages = new Set(tickets.items.map((i: { statusCategory: string }) => i.statusCategory));
      expect([...tenants].sort()).toEqual(['kurgan-vipnet', 'novosibirsk', 'rusbitech', 'sintez', 'tomsk']);
      expect([...stages].sort()).toEqual(['closed', 'new', 'open', 'resolved', 'waiting_customer']);
      const { login } = await demo.anonymous.data(`mutation { login(email: "agent@tomsk.demo", password: "demo-agent-1") { user { tenantIds } } }`);
      expect(login.user.tenantIds).toEqual(['tomsk']);
    } finally {
      await demo.stop();
    }
  });
});
