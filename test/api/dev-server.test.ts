/**
 * `npm run dev` (ADMIN_DEV=1): the server hosts Vite's dev server, so the back office and the
 * portal hot-reload from their sources on the API's own origin, with no build.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { freePort } from '../mail/sink.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ ADMIN_DEV: '1', VITE_HMR_PORT: String(await freePort()) });
});
afterAll(() => t?.stop());

const get = async (path: string) => {
  const response = await fetch(`${t.url}${path}`);
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text() };
};

describe('npm run dev', () => {
  it('serves the back office from its sources with the hot-reload client', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('/@vite/client');
    expect(page.body).toContain('/src/main.tsx');
    const module = await get('/src/main.tsx');
    expect(module.status).toBe(200);
    expect(module.type).toMatch(/javascript/);
  });

  it('serves the portal under /portal/, and the API beside both', async () => {
    const portal = await get('/portal/tomsk/new');
    expect(portal.body).toContain('/src/portal/main.tsx');
    const { now } = await t.admin.data<{ now: string }>(`{ now }`);
    expect(now).toBe('2026-11-23T03:00:00.000Z');
  });
});
