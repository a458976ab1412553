/**
 * The server as `npm start` runs it, in a child process: for restarts, kills and several
 * instances on one database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { repoRoot, adminEmail, adminPassword } from './test-server.js';
import { GraphQLClient } from './graphql-client.js';

export interface ChildServer {
  url: string;
  process: ChildProcess;
  output: () => string;
  admin: GraphQLClient;
  /** Sends `signal` and waits for the process to exit. */
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

export async function startChildServer(env: Record<string, string>): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'server/src/main.ts')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      // As `npm start` runs: vitest's NODE_ENV=test changes what libraries do on signals.
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      SMTP_PORT: '0',
      SEED_DEMO: '0',
      ADMIN_EMAIL: adminEmail,
      ADMIN_PASSWORD: adminPassword,
      SCHEDULER_INTERVAL_MS: '100',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /back office at (http:\/\/\S+?)\/? ,/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    exited.then((code) => reject(new Error(`server exited with ${code} before it was ready:\n${output}`)));
    setTimeout(() => reject(new Error(`server not ready after 60 s:\n${output}`)), 60_000).unref();
  });
  const anonymous = new GraphQLClient(url);
  const { login } = await anonymous.data<{ login: { token: string } }>(
    `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`,
    { e: adminEmail, p: adminPassword },
  );
  return {
    url,
    process: child,
    output: () => output,
    admin: anonymous.withToken(login.token),
    kill: async (signal) => {
      child.kill(signal);
      return exited;
    },
  };
}
