/**
 * Starts the real server in-process on a fresh database of the test PostgreSQL, with the
 * manual clock, and signs in its admin. Tests talk to it over HTTP and graphql-ws only.
 */
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../server/src/config/config.js';
import { startServer, type RunningServer } from '../../server/src/app/server.js';
import { createTestDatabase } from './database.js';
import { GraphQLClient } from './graphql-client.js';

export const adminEmail = 'admin@test.local';
export const adminPassword = 'admin-password-1';
export const repoRoot = path.resolve(import.meta.dirname, '../..');

export interface TestServer {
  server: RunningServer;
  url: string;
  databaseUrl: string;
  anonymous: GraphQLClient;
  admin: GraphQLClient;
  /** Direct SQL on the server's database, for checks the API does not expose. */
  db: pg.Pool;
  stop(): Promise<void>;
}

export async function startTestServer(env: Record<string, string> = {}, databaseUrl?: string): Promise<TestServer> {
  const url = databaseUrl ?? (await createTestDatabase());
  const config = loadConfig({
    DATABASE_URL: url,
    PORT: '0',
    HOST: '127.0.0.1',
    SMTP_PORT: '0',
    SEED_DEMO: '0',
    CLOCK: 'manual',
    CLOCK_START: '2026-11-23T03:00:00Z',
    ADMIN_EMAIL: adminEmail,
    ADMIN_PASSWORD: adminPassword,
    SCHEDULER_INTERVAL_MS: '200',
    ...env,
  });
  // Server faults are printed so a failing test shows why; TEST_LOG=1 prints everything.
  const server = await startServer(config, (line) => {
    if (process.env.TEST_LOG || line.startsWith('internal error')) console.error(line);
  });
  const anonymous = new GraphQLClient(server.url);
  const { login } = await anonymous.data<{ login: { token: string } }>(
    `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`,
    { e: adminEmail, p: adminPassword },
  );
  const db = new pg.Pool({ connectionString: url, max: 2 });
  return {
    server,
    url: server.url,
    databaseUrl: url,
    anonymous,
    admin: anonymous.withToken(login.token),
    db,
    stop: async () => {
      await db.end();
      await server.stop();
    },
  };
}

/** Creates a user of `role` for `tenantIds` and returns a client signed in as that user. */
export async function signInAs(t: TestServer, role: 'agent' | 'admin', tenantIds: string[]): Promise<GraphQLClient> {
  const email = `${role}-${Math.random().toString(36).slice(2)}@test.local`;
  await t.admin.data(
    `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`,
    { i: { email, password: 'agent-password-1', role, tenantIds } },
  );
  const { login } = await t.anonymous.data<{ login: { token: string } }>(
    `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`,
    { e: email, p: 'agent-password-1' },
  );
  return t.anonymous.withToken(login.token);
}

export async function integrationClient(t: TestServer, tenantIds: string[]): Promise<GraphQLClient> {
  const { createApiToken } = await t.admin.data<{ createApiToken: { token: string } }>(
    `mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { token } }`,
    { i: { name: `system-${tenantIds.join('-')}`, tenantIds } },
  );
  return t.anonymous.withToken(createApiToken.token);
}
