/** What `npm start` promises in CONTRACT.md's "Starting it", beyond the API itself. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config/config.js';
import { startServer } from '../../server/src/app/server.js';
import { createTestDatabase } from '../support/database.js';
import { GraphQLClient } from '../support/graphql-client.js';
import { startTestServer } from '../support/test-server.js';

describe('boot', () => {
  it('without ADMIN_EMAIL a first boot creates admin@localhost with a random password, once', async () => {
    const env = { DATABASE_URL: await createTestDatabase(), PORT: '0', HOST: '127.0.0.1', SMTP_PORT: '0', SEED_DEMO: '0' };
    const first = await startServer(loadConfig(env));
    const bootstrap = first.bootstrapAdmin;
    try {
      expect(bootstrap?.email).toBe('admin@localhost');
      expect(bootstrap?.password.length).toBeGreaterThanOrEqual(12);
      const client = new GraphQLClient(first.url);
      const { login } = await client.data(`mutation($p: String!) { login(email: "admin@localhost", password: $p) { user { role } } }`, { p: bootstrap!.password });
      expect(login.user.role).toBe('admin');
    } finally {
      await first.stop();
    }
    const second = await startServer(loadConfig(env));
    try {
      expect(second.bootstrapAdmin).toBeNull();
    } finally {
      await second.stop();
    }
  });

  it('with the system clock, advanceClock is FORBIDDEN and now is the real time', async () => {
    const t = await startTestServer({ CLOCK: 'system' });
    try {
      expect(await t.admin.errorCode(`mutation { advanceClock(by: "PT1H") }`)).toBe('FORBIDDEN');
      const { now } = await t.admin.data(`{ now }`);
      expect(Math.abs(Date.parse(now) - Date.now())).toBeLessThan(60_000);
    } finally {
      await t.stop();
    }
  });
});
