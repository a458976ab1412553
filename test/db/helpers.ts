import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { isPostmasterOf, readPostmasterLock, shutDownPostmaster } from '../../server/src/db/embedded-process.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');
const fixture = path.join(import.meta.dirname, 'fixtures/start-pg.ts');

/** A fresh folder under /tmp. mkdtemp makes it 0700, which the `postgres` user (when the tests
 * run as root) could not pass through, so it is opened to 0755. */
export async function makeTempRoot(name: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `reglament-${name}-`));
  await fs.chmod(dir, 0o755);
  return dir;
}

/** Removes a temp root, first stopping any postmaster still running on a data dir inside it.
 * The files go in the background: deleting a cluster's ~1,300 files takes over a second on a
 * disk mounted with online discard, and nothing waits for it. */
export async function removeTempRoot(root: string): Promise<void> {
  for (const entry of await fs.readdir(root).catch(() => [])) {
    const pgdata = path.join(root, entry, 'pg');
    const lock = await readPostmasterLock(pgdata);
    if (lock && (await isPostmasterOf(lock.pid, pgdata))) await shutDownPostmaster(lock.pid).catch(() => undefined);
  }
  const trash = `${root}.trash`;
  await fs.rename(root, trash);
  spawn('rm', ['-rf', trash], { detached: true, stdio: 'ignore' }).unref();
}

export async function query<T extends pg.QueryResultRow = pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export interface FixtureInfo {
  nodePid: number;
  postmasterPid: number;
  url: string;
  port: number;
}

export interface RunningFixture {
  /** The tsx launcher; the script itself runs in its child, `info.nodePid`. */
  launcher: ChildProcess;
  info: FixtureInfo;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs test/db/fixtures/start-pg.ts with tsx (what `npx tsx` runs, without npm's start-up). */
export function runFixture(dataDir: string, mode?: 'signals'): Promise<RunningFixture> {
  const launcher = spawn(tsx, [fixture, dataDir, ...(mode ? [mode] : [])], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  launcher.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    launcher.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    launcher.stdout!.on('data', (c: Buffer) => {
      stdout += c.toString();
      const line = stdout.split('\n')[0];
      if (stdout.includes('\n') && line) resolve({ launcher, info: JSON.parse(line) as FixtureInfo, stderr: () => stderr, exited });
    });
    void exited.then(({ code, signal }) => reject(new Error(`fixture exited (${code ?? signal}) before starting:\n${stderr}`)));
  });
}
