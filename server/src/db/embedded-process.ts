/**
 * Finding and stopping a PostgreSQL left behind on a data directory. When node is killed with
 * SIGKILL its postmaster keeps running (it is detached), holding postmaster.pid, the port and
 * shared memory. Before starting, the starter asks: is the pid in postmaster.pid alive, and is
 * it a postmaster of *this* data directory? Only then is it signalled; an unrelated process that
 * reused the pid is never touched, its stale lock file is removed instead.
 *
 * Zombies count as gone: PID 1 in some containers never reaps orphans, so a stopped orphan stays
 * a zombie that `kill(pid, 0)` still reports alive (and PostgreSQL itself would then refuse to
 * start, "lock file already exists").
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { EmbeddedPostgresError } from './embedded-errors.js';

const execFileAsync = promisify(execFile);
const hasProc = () => fs.access('/proc/self/stat').then(() => true, () => false);

export type ProcessState = 'running' | 'zombie' | 'gone';

interface ProcStat {
  state: string;
  ppid: number;
}

async function readProcStat(pid: number): Promise<ProcStat | undefined> {
  const text = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (!text) return undefined;
  // "pid (comm) S ppid ...": comm may hold spaces and parentheses, so split after the last ')'.
  const [state, ppid] = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state: state ?? '?', ppid: Number(ppid) };
}

export async function processState(pid: number): Promise<ProcessState> {
  if (await hasProc()) {
    const stat = await readProcStat(pid);
    if (!stat) return 'gone';
    return stat.state === 'Z' || stat.state === 'X' ? 'zombie' : 'running';
  }
  try {
    process.kill(pid, 0);
    return 'running';
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? 'running' : 'gone';
  }
}

export async function parentPid(pid: number): Promise<number | undefined> {
  if (await hasProc()) return (await readProcStat(pid))?.ppid;
  const out = await execFileAsync('ps', ['-o', 'ppid=', '-p', String(pid)]).catch(() => undefined);
  return out ? Number(out.stdout.trim()) || undefined : undefined;
}

async function commandLine(pid: number): Promise<string[] | undefined> {
  if (await hasProc()) {
    const raw = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
    return raw ? raw.split('\0').filter((s) => s !== '') : undefined;
  }
  // Without /proc (macOS): good enough, paths with spaces are split but only -D is compared.
  const out = await execFileAsync('ps', ['-o', 'command=', '-p', String(pid)]).catch(() => undefined);
  return out ? out.stdout.trim().split(/\s+/) : undefined;
}

const samePath = async (a: string, b: string) => {
  const [ra, rb] = await Promise.all([fs.realpath(a).catch(() => path.resolve(a)), fs.realpath(b).catch(() => path.resolve(b))]);
  return ra === rb;
};

/** Is `pid` a postmaster whose data directory is `pgdata`? Its argv[0] must be a `postgres`
 * binary and its `-D` argument (or, on Linux, its working directory, which the postmaster sets
 * to the data directory) must be `pgdata`. */
export async function isPostmasterOf(pid: number, pgdata: string): Promise<boolean> {
  const argv = await commandLine(pid);
  if (!argv || path.basename(argv[0] ?? '') !== 'postgres') return false;
  const d = argv.indexOf('-D');
  if (d >= 0 && argv[d + 1] && (await samePath(argv[d + 1]!, pgdata))) return true;
  const cwd = await fs.readlink(`/proc/${pid}/cwd`).catch(() => undefined);
  return cwd !== undefined && (await samePath(cwd, pgdata));
}

/** All live processes (postmaster and its children) working in `pgdata`. Linux only; [] elsewhere. */
export async function postgresProcessesIn(pgdata: string): Promise<number[]> {
  if (!(await hasProc())) return [];
  const real = await fs.realpath(pgdata).catch(() => path.resolve(pgdata));
  const found: number[] = [];
  for (const entry of await fs.readdir('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    const cwd = await fs.readlink(`/proc/${pid}/cwd`).catch(() => undefined);
    if (cwd !== real) continue;
    if ((await processState(pid)) !== 'running') continue;
    const argv = await commandLine(pid);
    if (argv && /^postgres\b/.test(path.basename(argv[0] ?? ''))) found.push(pid);
  }
  return found;
}

export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await processState(pid)) !== 'running') return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface PostmasterLock {
  pid: number;
  dataDir: string;
  port: number;
  /** `starting`, `stopping`, `ready` or `standby` (PostgreSQL 10+). */
  status: string;
}

export async function readPostmasterLock(pgdata: string): Promise<PostmasterLock | undefined> {
  const text = await fs.readFile(path.join(pgdata, 'postmaster.pid'), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const lines = text.split('\n');
  return {
    pid: Number(lines[0]),
    dataDir: lines[1] ?? '',
    port: Number(lines[3]),
    status: (lines[7] ?? '').trim(),
  };
}

/**
 * Signals a postmaster and waits until it is gone: SIGINT (fast shutdown: clients
 * disconnected, checkpoint written), then SIGQUIT (immediate: crash recovery on next start),
 * then SIGKILL. Returns the signal that did it.
 */
export async function shutDownPostmaster(
  pid: number,
  timeouts: { fastMs: number; immediateMs: number } = { fastMs: 30_000, immediateMs: 5_000 },
): Promise<NodeJS.Signals | 'already gone'> {
  const steps: [NodeJS.Signals, number][] = [
    ['SIGINT', timeouts.fastMs],
    ['SIGQUIT', timeouts.immediateMs],
    ['SIGKILL', 5_000],
  ];
  for (const [signal, ms] of steps) {
    try {
      process.kill(pid, signal);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ESRCH') return 'already gone';
      throw err;
    }
    if (await waitForExit(pid, ms)) return signal;
  }
  throw new EmbeddedPostgresError('STOP_FAILED', `PostgreSQL (pid ${pid}) did not exit even after SIGKILL.`);
}

/**
 * Makes `pgdata` startable after whatever happened before: removes a stale postmaster.pid, or
 * stops a postmaster of this data directory that no live process of ours owns.
 * `ownerPid` is the node process recorded as having started the last postmaster: while it
 * lives, it is that postmaster's parent, and then we refuse instead of stopping its database.
 */
export async function recoverPreviousPostmaster(
  pgdata: string,
  ownerPid: number | undefined,
  log: (line: string) => void,
): Promise<void> {
  const lockFile = path.join(pgdata, 'postmaster.pid');
  const lock = await readPostmasterLock(pgdata);
  if (!lock) return;
  const removeLock = async () => {
    // Only remove the file we judged: a postmaster started meanwhile writes its own pid.
    const now = await readPostmasterLock(pgdata);
    if (now?.pid === lock.pid) await fs.rm(lockFile, { force: true });
  };
  if (!Number.isInteger(lock.pid) || lock.pid <= 0) {
    log(`removing unreadable ${lockFile}`);
    return removeLock();
  }
  const state = await processState(lock.pid);
  if (state !== 'running') {
    log(`removing stale ${lockFile}: pid ${lock.pid} is ${state}`);
    return removeLock();
  }
  if (!(await isPostmasterOf(lock.pid, pgdata))) {
    log(`removing stale ${lockFile}: pid ${lock.pid} now belongs to an unrelated process, left alone`);
    return removeLock();
  }
  const ppid = await parentPid(lock.pid);
  if (ppid === process.pid) {
    throw new EmbeddedPostgresError(
      'DATA_DIR_IN_USE',
      `The embedded PostgreSQL on ${pgdata} is already running in this process (pid ${lock.pid}); stop it before starting it again.`,
    );
  }
  if (ppid !== undefined && ppid > 1 && ppid === ownerPid) {
    throw new EmbeddedPostgresError(
      'DATA_DIR_IN_USE',
      `The embedded PostgreSQL on ${pgdata} is in use by another running server (node pid ${ppid}, ` +
        `postgres pid ${lock.pid}). Stop that server first, or give this one another data directory.`,
    );
  }
  log(`stopping orphaned PostgreSQL (pid ${lock.pid}, parent ${ppid ?? '?'}) left on ${pgdata}`);
  const signal = await shutDownPostmaster(lock.pid);
  log(`orphaned PostgreSQL pid ${lock.pid} stopped (${signal})`);
  await removeLock(); // a clean shutdown removed it already; after SIGQUIT/SIGKILL it may remain
}
