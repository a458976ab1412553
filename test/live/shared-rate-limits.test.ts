/**
 * Rate limits hold across server instances (DESIGN principle 7): behind a load balancer a
 * flood of web requests meets one limit, not one per instance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { SharedRateLimit } from '../../server/src/ratelimit/shared-rate-limit.js';

let a: TestServer;
let b: TestServer;
beforeAll(async () => {
  const env = { PORTAL_RATE_LIMIT: '2' };
  a = await startTestServer(env);
  b = await startTestServer(env, a.databaseUrl);
});
afterAll(async () => {
  await b?.stop();
  await a?.stop();
});

const submit = (t: TestServer, from: string) =>
  t.anonymous.request(`mutation($i: SubmitRequestInput!) { submitRequest(input: $i) { number } }`, {
    i: { tenantId: 'novosibirsk', kind: 'request', subject: 'Вопрос', from, fields: { description: 'Как подать заявку?' } },
  });

describe('shared rate limits', () => {
  it('a third web request from one address within the window is refused on the other instance too', async () => {
    expect((await submit(a, 'flood@example.ru')).errors).toBeUndefined();
    expect((await submit(b, 'flood@example.ru')).errors).toBeUndefined();
    expect((await submit(b, 'flood@example.ru')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await submit(a, 'flood@example.ru')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Another address is not held back by it.
    expect((await submit(b, 'calm@example.ru')).errors).toBeUndefined();
  });

  it('admits no more than the limit when attempts race, and again once the window has passed', async () => {
    let now = Date.UTC(2026, 10, 23, 3);
    const limit = new SharedRateLimit(a.db, 'test-race', 3, 60_000, () => now);
    const racing = await Promise.all(Array.from({ length: 8 }, () => limit.admit('Racer@Example.ru')));
    expect(racing.filter(Boolean)).toHaveLength(3);
    expect(await limit.admit('racer@example.ru')).toBe(false);
    now += 60_001;
    expect(await limit.admit('racer@example.ru')).toBe(true);
  });
});
