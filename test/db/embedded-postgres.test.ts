import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedPostgresError, startEmbeddedPostgres } from '../../server/src/db/embedded-postgres.js';
import { postgresProcessesIn } from '../../server/src/db/embedded-process.js';
import { pickFreePort } from '../../server/src/db/embedded-ports.js';
import { makeTempRoot, query, removeTempRoot } from './helpers.js';

let root: string;
beforeAll(async () => {
  root = await makeTempRoot('pg');
});
afterAll(async () => {
  await removeTempRoot(root);
});

const readState = async (dataDir: string) =>
  JSON.parse(await fs.readFile(path.join(dataDir, 'embedded-postgres.json'), 'utf8')) as { port: number; user: string; password: string };

describe('embedded PostgreSQL', { timeout: 60_000 }, () => {
  it('creates the cluster and the reglament database on first start, and keeps the data across a restart', async () => {
    const dataDir = path.join(root, 'restart');
    const lines: string[] = [];

    const first = await startEmbeddedPostgres({ dataDir, log: (l) => lines.push(l) });
    expect(first.url).toMatch(/^postgresql:\/\/reglament:[^@]+@127\.0\.0\.1:\d+\/reglament$/);
    await query(first.url, 'CREATE TABLE note (body text)');
    await query(first.url, 'INSERT INTO note VALUES ($1)', ['Заявка №1']);
    await first.stop();
    expect(lines.some((l) => l.startsWith('initdb '))).toBe(true);
    expect(await postgresProcessesIn(path.join(dataDir, 'pg'))).toEqual([]);
    await expect(fs.access(path.join(dataDir, 'pg', 'postmaster.pid'))).rejects.toThrow();

    lines.length = 0;
    const second = await startEmbeddedPostgres({ dataDir, log: (l) => lines.push(l) });
    try {
      expect(lines.some((l) => l.startsWith('initdb '))).toBe(false);
      expect(second.url).toBe(first.url); // same credentials, and the remembered port was free
      expect(await query(second.url, 'SELECT body FROM note')).toEqual([{ body: 'Заявка №1' }]);
      // The builtin C.UTF-8 locale lowercases Cyrillic.
      expect(await query(second.url, "SELECT lower('ЗАЯВКА') AS l")).toEqual([{ l: 'заявка' }]);
    } finally {
      await second.stop();
    }
  });

  it('is quiet without a log function and stops idempotently', async () => {
    const dataDir = path.join(root, 'quiet');
    const [out, err] = [process.stdout.write, process.stderr.write];
    const seen: string[] = [];
    const capture = ((chunk: string) => (seen.push(String(chunk)), true)) as typeof process.stdout.write;
    process.stdout.write = process.stderr.write = capture;
    let pg;
    try {
      pg = await startEmbeddedPostgres({ dataDir });
    } finally {
      [process.stdout.write, process.stderr.write] = [out, err];
    }
    expect(seen).toEqual([]);
    await Promise.all([pg.stop(), pg.stop()]);
    await pg.stop();
    expect(await postgresProcessesIn(path.join(dataDir, 'pg'))).toEqual([]);
  });

  it('uses another port when the preferred one is taken, and remembers it for the next start', async () => {
    const dataDir = path.join(root, 'port');
    const taken = await pickFreePort();
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(taken, '127.0.0.1', resolve));
    try {
      const first = await startEmbeddedPostgres({ dataDir, port: taken });
      expect(first.port).not.toBe(taken);
      expect((await readState(dataDir)).port).toBe(first.port);
      await first.stop();

      const second = await startEmbeddedPostgres({ dataDir });
      expect(second.port).toBe(first.port);
      await second.stop();
    } finally {
      squatter.close();
    }
  });

  it('runs several clusters at once on different ports', async () => {
    const clusters = await Promise.all(['a', 'b', 'c'].map((n) => startEmbeddedPostgres({ dataDir: path.join(root, `many-${n}`) })));
    try {
      expect(new Set(clusters.map((c) => c.port)).size).toBe(3);
      for (const c of clusters) expect(await query(c.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await Promise.all(clusters.map((c) => c.stop()));
    }
  });

  it('redoes a cluster whose initdb was interrupted, and refuses a cluster without its credentials', async () => {
    const dataDir = path.join(root, 'half-made');
    await fs.mkdir(path.join(dataDir, 'pg'), { recursive: true });
    await fs.writeFile(path.join(dataDir, 'pg', 'PG_VERSION'), '17\n');
    const interrupted = { version: 1, user: 'reglament', password: 'pw-from-before', database: 'reglament', initialized: false };
    await fs.writeFile(path.join(dataDir, 'embedded-postgres.json'), JSON.stringify(interrupted));

    const pg = await startEmbeddedPostgres({ dataDir });
    expect(pg.url).toContain(':pw-from-before@');
    expect(await query(pg.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await pg.stop();

    await fs.rm(path.join(dataDir, 'embedded-postgres.json'));
    const error = await startEmbeddedPostgres({ dataDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmbeddedPostgresError);
    expect((error as EmbeddedPostgresError).code).toBe('CREDENTIALS_MISSING');
  });

  it('refuses to start a data dir that this process is already running', async () => {
    const dataDir = path.join(root, 'twice');
    const pg = await startEmbeddedPostgres({ dataDir });
    try {
      const error = await startEmbeddedPostgres({ dataDir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EmbeddedPostgresError);
      expect((error as EmbeddedPostgresError).code).toBe('DATA_DIR_IN_USE');
      expect(await query(pg.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await pg.stop();
    }
  });
});
