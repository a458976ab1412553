/**
 * Can the `postgres` system user reach the data directory and the PostgreSQL binaries?
 * When the server runs as root, PostgreSQL runs as `postgres`, and a checkout under a 0700
 * folder (typically `/root`) makes initdb fail with a bare EACCES. This module finds the
 * folders that block it, from their mode bits, so the starter can say exactly what to fix.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { EmbeddedPostgresError } from './embedded-errors.js';

/** The identity PostgreSQL runs with. Node drops supplementary groups when it spawns with a
 * uid/gid (libuv calls setgroups(0)), so only the primary group counts. */
export interface PosixIdentity {
  uid: number;
  gid: number;
  name?: string;
}

export interface BlockedFolder {
  path: string;
  /** e.g. `700` */
  mode: string;
  uid: number;
  gid: number;
}

/** Whether `who` may search (enter) a folder with these stat values, by POSIX rules:
 * the owner bits apply to the owner, else the group bits to the group, else the other bits. */
export function canSearch(stat: { mode: number; uid: number; gid: number }, who: PosixIdentity): boolean {
  if (who.uid === 0) return true;
  if (stat.uid === who.uid) return (stat.mode & 0o100) !== 0;
  if (stat.gid === who.gid) return (stat.mode & 0o010) !== 0;
  return (stat.mode & 0o001) !== 0;
}

/** Every existing folder from `/` down to `target` (inclusive when it is a folder), both along
 * the path as written and along its resolved real path, since the kernel walks both. */
async function foldersOnTheWay(target: string): Promise<string[]> {
  const absolute = path.resolve(target);
  const seen = new Set<string>();
  const walk = async (p: string) => {
    const parts: string[] = [];
    for (let dir = p; ; dir = path.dirname(dir)) {
      parts.unshift(dir);
      if (path.dirname(dir) === dir) break;
    }
    for (const dir of parts) {
      const stat = await fs.stat(dir).catch(() => null);
      if (!stat) break; // not created yet: the starter creates it traversable
      if (stat.isDirectory()) seen.add(dir);
    }
  };
  await walk(absolute);
  const real = await realpathOfExistingPart(absolute);
  if (real !== absolute) await walk(real);
  return [...seen];
}

async function realpathOfExistingPart(p: string): Promise<string> {
  const missing: string[] = [];
  for (let dir = p; ; dir = path.dirname(dir)) {
    try {
      return path.join(await fs.realpath(dir), ...missing);
    } catch {
      if (path.dirname(dir) === dir) return p;
      missing.unshift(path.basename(dir));
    }
  }
}

/** The folders on the way to any of `targets` that `who` cannot enter, each listed once. */
export async function findBlockedFolders(targets: string[], who: PosixIdentity): Promise<BlockedFolder[]> {
  const blocked = new Map<string, BlockedFolder>();
  for (const target of targets) {
    for (const dir of await foldersOnTheWay(target)) {
      if (blocked.has(dir)) continue;
      const stat = await fs.stat(dir);
      if (!canSearch(stat, who)) {
        blocked.set(dir, { path: dir, mode: (stat.mode & 0o777).toString(8), uid: stat.uid, gid: stat.gid });
      }
    }
  }
  return [...blocked.values()];
}

/** The message for the person running the server: one paragraph, what is wrong, what to do. */
export function describeBlockedFolders(
  blocked: BlockedFolder[],
  who: PosixIdentity,
  places: { dataDir: string; binaries: string },
): string {
  const list = blocked.map((b) => `${b.path} (mode ${b.mode}, owner uid ${b.uid})`).join(', ');
  const user = who.name ?? 'postgres';
  return (
    `Cannot start the embedded PostgreSQL: this process runs as root, so PostgreSQL runs as the ` +
    `system user "${user}" (uid ${who.uid}), and that user cannot enter ${list}. It must be able ` +
    `to pass through every folder above the data directory (${places.dataDir}) and above the ` +
    `PostgreSQL binaries (${places.binaries}). Do one of: move the checkout to a folder every ` +
    `user can enter (for example /srv or /opt); or allow passing through without listing with ` +
    `\`chmod o+x ${blocked.map((b) => b.path).join(' ')}\`; or set DATABASE_URL to an existing ` +
    `PostgreSQL server, so that the embedded one is not needed.`
  );
}

/** Throws `EmbeddedPostgresError('NOT_TRAVERSABLE')` naming the blocking folders. */
export async function assertPostgresCanReach(
  places: { dataDir: string; binaries: string; binaryFolders: string[] },
  who: PosixIdentity,
): Promise<void> {
  const blocked = await findBlockedFolders([places.dataDir, ...places.binaryFolders], who);
  if (blocked.length > 0) {
    throw new EmbeddedPostgresError('NOT_TRAVERSABLE', describeBlockedFolders(blocked, who, places));
  }
}
