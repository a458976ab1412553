/**
 * A V8 CPU profile of the main thread (where the server runs) taken in-process with the
 * inspector, and a summary of it: time by package or server folder (self and inclusive) and
 * the hottest functions. The load generator runs in a worker thread, so it is not in here.
 */
import { Session } from 'node:inspector/promises';
import path from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileShare {
  name: string;
  ms: number;
  /** Share of the non-idle time. */
  share: number;
}

export interface ProfileSummary {
  wallMs: number;
  busyMs: number;
  idleMs: number;
  selfByArea: ProfileShare[];
  /** Self time with node internals and native frames (socket writes, timers, streams)
   * charged to the nearest package or server folder that called them. */
  selfByResponsibleArea: ProfileShare[];
  inclusiveByArea: ProfileShare[];
  selfByFunction: ProfileShare[];
  inclusiveServerFunctions: ProfileShare[];
}

export async function startCpuProfile(samplingIntervalUs = 250): Promise<() => Promise<CpuProfile>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: samplingIntervalUs });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
    await session.post('Profiler.disable');
    session.disconnect();
    return profile;
  };
}

const repoRoot = path.resolve(import.meta.dirname, '..');

/** Which package or server folder a frame belongs to. */
export function areaOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName === '(root)' || functionName === '(idle)' || functionName === '(program)' || functionName === '(garbage collector)') return functionName;
    return '(native)';
  }
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + '/node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith('node:')) return 'node internals';
  const file = url.startsWith('file://') ? new URL(url).pathname : url;
  const relative = path.relative(repoRoot, file);
  const server = /^server\/src\/([^/]+)\//.exec(relative);
  if (server) return `server/src/${server[1]}`;
  if (relative.startsWith('bench/')) return 'bench';
  return relative.startsWith('..') ? file : relative;
}

function frameLabel(frame: CallFrame): string {
  const file = frame.url.startsWith('file://') ? new URL(frame.url).pathname : frame.url;
  let where = file ? path.relative(repoRoot, file).replace(/^(\.\.\/)*/, '').replace(/^.*node_modules\//, '') : '';
  // tsx compiles TypeScript without line mapping in profiles: its line numbers mean nothing.
  if (where && !where.endsWith('.ts')) where += `:${frame.lineNumber + 1}`;
  return `${frame.functionName || '(anonymous)'} ${where}`.trim();
}

const deferredAreas = new Set(['node internals', '(native)']);

function ranked(map: Map<string, number>, busyMs: number, limit: number): ProfileShare[] {
  return [...map.entries()]
    .map(([name, us]) => ({ name, ms: us / 1000, share: busyMs ? us / 1000 / busyMs : 0 }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, limit);
}

export function summarizeCpuProfile(profile: CpuProfile, limit = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const selfArea = new Map<string, number>();
  const responsibleArea = new Map<string, number>();
  const inclusiveArea = new Map<string, number>();
  const selfFunction = new Map<string, number>();
  const inclusiveServer = new Map<string, number>();
  let idleUs = 0;
  let excludedUs = 0;
  let totalUs = 0;
  const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);

  for (let i = 0; i < profile.samples.length; i++) {
    const us = profile.timeDeltas[i] ?? 0;
    totalUs += us;
    const leaf = byId.get(profile.samples[i]!);
    if (!leaf) continue;
    if (leaf.callFrame.functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    // Inclusive: once per area and per server function on the sample's stack.
    const areas = new Set<string>();
    const functions = new Set<string>();
    let responsible: string | null = null;
    let profilerItself = false;
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id)!.callFrame;
      const area = areaOf(frame);
      if (frame.url.endsWith('/bench/cpu-profile.ts')) profilerItself = true;
      areas.add(area);
      if (area.startsWith('server/src/')) functions.add(frameLabel(frame));
      if (responsible === null && !deferredAreas.has(area) && area !== '(root)') responsible = area;
    }
    if (profilerItself) {
      excludedUs += us; // the inspector's own start-up, not the server's work
      continue;
    }
    const leafArea = areaOf(leaf.callFrame);
    add(selfArea, leafArea, us);
    add(responsibleArea, deferredAreas.has(leafArea) ? (responsible ?? leafArea) : leafArea, us);
    add(selfFunction, frameLabel(leaf.callFrame), us);
    for (const area of areas) add(inclusiveArea, area, us);
    for (const fn of functions) add(inclusiveServer, fn, us);
  }
  inclusiveArea.delete('(root)');
  const busyMs = (totalUs - idleUs - excludedUs) / 1000;
  return {
    wallMs: (totalUs - excludedUs) / 1000,
    busyMs,
    idleMs: idleUs / 1000,
    selfByArea: ranked(selfArea, busyMs, limit),
    selfByResponsibleArea: ranked(responsibleArea, busyMs, limit),
    inclusiveByArea: ranked(inclusiveArea, busyMs, limit),
    selfByFunction: ranked(selfFunction, busyMs, limit),
    inclusiveServerFunctions: ranked(inclusiveServer, busyMs, limit),
  };
}
