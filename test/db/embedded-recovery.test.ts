import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedPostgresError, startEmbeddedPostgres } from '../../server/src/db/embedded-postgres.js';
import { postgresProcessesIn, processState, readPostmasterLock, waitForExit } from '../../server/src/db/embedded-process.js';
import { makeTempRoot, query, removeTempRoot, runFixture } from './helpers.js';

let root: string;
beforeAll(async () => {
  root = await makeTempRoot('pg-recovery');
});
afterAll(async () => {
  await removeTempRoot(root);
});

/** Replaces postmaster.pid with one naming `pid`, as a crashed or killed run would leave it. */
async function fakeLock(pgdata: string, pid: number, port: number): Promise<void> {
  const lines = [pid, pgdata, Math.floor(Date.now() / 1000), port, '', '127.0.0.1', '  5432001    0', 'ready   '];
  await fs.writeFile(path.join(pgdata, 'postmaster.pid'), lines.join('\n') + '\n');
}

describe('embedded PostgreSQL recovery', { timeout: 60_000 }, () => {
  it('starts after the node process that ran it was killed with SIGKILL', async () => {
    const dataDir = path.join(root, 'sigkill');
    const pgdata = path.join(dataDir, 'pg');
    const first = await runFixture(dataDir);
    await query(first.info.url, 'CREATE TABLE survivor (id int)');
    await query(first.info.url, 'INSERT INTO survivor VALUES (42)');

    process.kill(first.info.nodePid, 'SIGKILL');
    await first.exited;
    // The scenario is real: the orphaned postmaster still holds the data dir and the port.
    expect(await processState(first.info.postmasterPid)).toBe('running');
    expect((await readPostmasterLock(pgdata))?.pid).toBe(first.info.postmasterPid);

    const second = await runFixture(dataDir, 'signals');
    try {
      expect(second.stderr()).toContain(`stopping orphaned PostgreSQL (pid ${first.info.postmasterPid}`);
      expect(second.info.postmasterPid).not.toBe(first.info.postmasterPid);
      expect(await processState(first.info.postmasterPid)).not.toBe('running');
      expect(second.info.port).toBe(first.info.port); // the orphan's port was freed and reused
      expect(await query(second.info.url, 'SELECT id FROM survivor')).toEqual([{ id: 42 }]);
    } finally {
      process.kill(second.info.nodePid, 'SIGTERM');
      await second.exited;
    }
    expect(await postgresProcessesIn(pgdata)).toEqual([]);
  });

  it('leaves no postgres process behind when the server gets SIGTERM', async () => {
    const dataDir = path.join(root, 'sigterm');
    const pgdata = path.join(dataDir, 'pg');
    const running = await runFixture(dataDir, 'signals');
    expect(await postgresProcessesIn(pgdata)).toContain(running.info.postmasterPid);

    process.kill(running.info.nodePid, 'SIGTERM');
    expect((await running.exited).code).toBe(0);
    expect(running.stderr()).toMatch(/SIGTERM: shutting down[\s\S]*stopped \(SIGINT\)/);
    expect(await processState(running.info.postmasterPid)).not.toBe('running');
    expect(await postgresProcessesIn(pgdata)).toEqual([]);
    expect(await readPostmasterLock(pgdata)).toBeUndefined();
  });

  it('refuses, and leaves it running, when the node process that started the cluster is alive', async () => {
    const dataDir = path.join(root, 'owned');
    const owner = await runFixture(dataDir, 'signals');
    try {
      const error = await startEmbeddedPostgres({ dataDir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EmbeddedPostgresError);
      expect((error as EmbeddedPostgresError).code).toBe('DATA_DIR_IN_USE');
      expect((error as Error).message).toContain(`node pid ${owner.info.nodePid}`);
      expect(await query(owner.info.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      process.kill(owner.info.nodePid, 'SIGTERM');
      await owner.exited;
    }
  });

  it('removes a postmaster.pid whose process is gone', async () => {
    const dataDir = path.join(root, 'stale');
    const pgdata = path.join(dataDir, 'pg');
    const first = await startEmbeddedPostgres({ dataDir });
    await first.stop();
    const gone = spawn('true');
    await new Promise((r) => gone.once('exit', r));
    await fakeLock(pgdata, gone.pid!, first.port);

    const lines: string[] = [];
    const second = await startEmbeddedPostgres({ dataDir, log: (l) => lines.push(l) });
    try {
      expect(lines.join('\n')).toContain(`pid ${gone.pid} is gone`);
      expect(await query(second.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await second.stop();
    }
  });

  it('never signals an unrelated process that reused the pid in postmaster.pid', async () => {
    const dataDir = path.join(root, 'reused');
    const pgdata = path.join(dataDir, 'pg');
    const first = await startEmbeddedPostgres({ dataDir });
    await first.stop();
    const bystander = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      await fakeLock(pgdata, bystander.pid!, first.port);
      const lines: string[] = [];
      const second = await startEmbeddedPostgres({ dataDir, log: (l) => lines.push(l) });
      await second.stop();
      expect(lines.join('\n')).toContain(`pid ${bystander.pid} now belongs to an unrelated process`);
      expect(bystander.exitCode).toBeNull();
      expect(bystander.signalCode).toBeNull();
      expect(await processState(bystander.pid!)).toBe('running');
    } finally {
      bystander.kill('SIGKILL');
      await waitForExit(bystander.pid!, 5_000);
    }
  });
});
