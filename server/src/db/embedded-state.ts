/**
 * What the starter remembers about a data directory between runs, in
 * `<dataDir>/embedded-postgres.json` (mode 0600, owned by whoever runs node, not readable by the
 * `postgres` user): the credentials chosen at initdb, the port last used (so a restart does not
 * take a port another cluster got meanwhile), and which node process started the postmaster.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { EmbeddedPostgresError } from './embedded-errors.js';

export interface ClusterState {
  version: 1;
  user: string;
  password: string;
  database: string;
  /** False between writing the credentials and initdb succeeding: a half-made cluster is redone. */
  initialized: boolean;
  port?: number;
  /** The node process that started the running postmaster (its parent while it lives). */
  ownerPid?: number;
}

export const stateFile = (dataDir: string) => path.join(dataDir, 'embedded-postgres.json');

export async function readState(dataDir: string): Promise<ClusterState | undefined> {
  const file = stateFile(dataDir);
  try {
    const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as ClusterState;
    if (parsed.version !== 1 || !parsed.user || !parsed.password) throw new Error('unknown format');
    return parsed;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new EmbeddedPostgresError(
      'STATE_UNREADABLE',
      `Cannot read ${file}, which holds the embedded PostgreSQL's credentials ` +
        `(${err instanceof Error ? err.message : String(err)}). Restore it, or delete ${dataDir} to start over with an empty database.`,
      { cause: err },
    );
  }
}

/** Written to a temporary file and renamed, so a kill mid-write never loses the credentials. */
export async function writeState(dataDir: string, state: ClusterState): Promise<void> {
  const file = stateFile(dataDir);
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
  await fs.rename(tmp, file);
}

export function newState(): ClusterState {
  return {
    version: 1,
    user: 'reglament',
    password: crypto.randomBytes(18).toString('base64url'),
    database: 'reglament',
    initialized: false,
  };
}
