/**
 * Business-time arithmetic per second on one core, against the minute-stepping oracle of the
 * tests in the same run:
 *
 *   NODE_ENV=production npx tsx bench/business-time.bench.ts
 *
 * Measures `addBusinessTime(…, '3bd')`, `addBusinessTime(…, '8bh')` and `businessTimeBetween`
 * (spans up to 10 days) on the five tenants' calendars (workflows/*.yaml, rotating per
 * operation) at random instants of 2025–2027, after a warm-up that fills the day caches.
 * The oracle runs the same operations on a smaller sample and every sampled answer is
 * compared (the "agree" column). Target: ≥ 1,000,000 addBusinessTime per second for 3bd and
 * 8bh. Results go to bench/results/business-time-latest.json. Reports, never gates: exit
 * code 0 whenever figures were produced.
 *
 * Knobs: BENCH_DURATION_S (measured seconds per operation, default 2), BENCH_ORACLE_S
 * (seconds per oracle operation, default 1.5), BENCH_SEED (default 20261121).
 */
import { readdirSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';
import {
  addBusinessTime,
  businessCalendarOf,
  businessTimeBetween,
  loadProductionCalendar,
  type BusinessCalendar,
} from '../server/src/calendar/index.js';
import type { CalendarSection } from '../server/src/workflow/workflow.types.js';
import { MinuteOracle } from '../test/calendar/minute-oracle.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const workflowsDir = path.join(root, 'workflows');

const env = process.env;
const settings = {
  durationS: Number(env.BENCH_DURATION_S ?? 2),
  oracleS: Number(env.BENCH_ORACLE_S ?? 1.5),
  seed: Number(env.BENCH_SEED ?? 20261121),
  instants: 1 << 16,
  batch: 50_000,
  /** Hard caps, so a misconfigured duration cannot loop for ever. */
  maxOps: 200_000_000,
  maxOracleOps: 20_000,
};
const TARGET_OPS = 1_000_000;
const MINUTE = 60_000;
const DAY = 86_400_000;

/** mulberry32: the same instants every run for a given seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Tenant {
  id: string;
  calendar: BusinessCalendar;
  oracle: MinuteOracle;
}

interface Op {
  name: string;
  fast: (tenant: Tenant, t: number, span: number) => number;
  oracle: (tenant: Tenant, t: number, span: number) => number;
}

const ops: Op[] = [
  {
    name: 'addBusinessTime 3bd',
    fast: (x, t) => addBusinessTime(x.calendar, t, '3bd'),
    oracle: (x, t) => x.oracle.addBusinessDays(t, 3),
  },
  {
    name: 'addBusinessTime 8bh',
    fast: (x, t) => addBusinessTime(x.calendar, t, '8bh'),
    oracle: (x, t) => x.oracle.addWorkingMinutes(t, 8 * 60),
  },
  {
    name: 'businessTimeBetween (≤ 10 days)',
    fast: (x, t, span) => businessTimeBetween(x.calendar, t, t + span),
    oracle: (x, t, span) => x.oracle.workingMinutesBetween(t, t + span) * MINUTE,
  },
];

async function main(): Promise<void> {
  const loadAtStart = os.loadavg();
  const production = await loadProductionCalendar(path.join(workflowsDir, 'calendars', 'ru.yaml'));
  const tenants: Tenant[] = readdirSync(workflowsDir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => {
      const file = parse(readFileSync(path.join(workflowsDir, name), 'utf8')) as { tenant: { id: string; timezone: string }; calendar: CalendarSection };
      return {
        id: file.tenant.id,
        calendar: businessCalendarOf(file.calendar, file.tenant.timezone, production),
        oracle: new MinuteOracle(file.calendar, file.tenant.timezone, production),
      };
    });

  // Minute-aligned instants (the oracle's unit) over 2025-01-02 … 2027-11-30, spans up to 10 days.
  const next = random(settings.seed);
  const first = Date.UTC(2025, 0, 2) / MINUTE;
  const last = Date.UTC(2027, 10, 30) / MINUTE;
  const instants = Float64Array.from({ length: settings.instants }, () => (first + Math.floor(next() * (last - first))) * MINUTE);
  const spans = Float64Array.from({ length: settings.instants }, () => Math.floor(next() * 10 * 1440) * MINUTE);
  const mask = settings.instants - 1;
  const count = tenants.length;

  const results = [];
  for (const op of ops) {
    // Warm-up: every instant on every calendar once (fills the day caches), then JIT.
    let sink = 0;
    for (let i = 0; i < settings.instants * count; i++) sink += op.fast(tenants[i % count]!, instants[i & mask]!, spans[i & mask]!);

    let done = 0;
    const started = performance.now();
    const deadline = started + settings.durationS * 1000;
    while (performance.now() < deadline && done < settings.maxOps) {
      for (let i = 0; i < settings.batch; i++, done++) sink += op.fast(tenants[done % count]!, instants[done & mask]!, spans[done & mask]!);
    }
    const fastOps = done / ((performance.now() - started) / 1000);

    let oracleDone = 0;
    let agree = 0;
    const oracleStarted = performance.now();
    const oracleDeadline = oracleStarted + settings.oracleS * 1000;
    while (performance.now() < oracleDeadline && oracleDone < settings.maxOracleOps) {
      const tenant = tenants[oracleDone % count]!;
      const t = instants[oracleDone & mask]!;
      const span = spans[oracleDone & mask]!;
      const expected = op.oracle(tenant, t, span);
      if (expected === op.fast(tenant, t, span)) agree++;
      oracleDone++;
    }
    const oracleOps = oracleDone / ((performance.now() - oracleStarted) / 1000);
    if (sink === 42) console.log(''); // keeps the measured calls from being optimised away
    results.push({
      operation: op.name,
      opsPerSecond: Math.round(fastOps),
      measuredOps: done,
      oracleOpsPerSecond: Math.round(oracleOps),
      oracleOps: oracleDone,
      ratio: Math.round(fastOps / oracleOps),
      agreeWithOracle: `${agree}/${oracleDone}`,
    });
  }

  const targetOps = results.filter((r) => r.operation.startsWith('addBusinessTime'));
  const targetMet = targetOps.every((r) => r.opsPerSecond >= TARGET_OPS);
  const allAgree = results.every((r) => r.agreeWithOracle.split('/')[0] === r.agreeWithOracle.split('/')[1]);

  const pad = (s: string | number, n: number) => String(s).padStart(n);
  console.log(`business time on ${count} tenant calendars, ${settings.durationS} s per operation (oracle ${settings.oracleS} s)\n`);
  console.log(`${'operation'.padEnd(34)}${pad('ops/s', 14)}${pad('oracle ops/s', 14)}${pad('ratio', 10)}${pad('agree', 14)}`);
  for (const r of results) {
    console.log(`${r.operation.padEnd(34)}${pad(r.opsPerSecond.toLocaleString('en-US'), 14)}${pad(r.oracleOpsPerSecond.toLocaleString('en-US'), 14)}${pad(`${r.ratio.toLocaleString('en-US')}×`, 10)}${pad(r.agreeWithOracle, 14)}`);
  }
  console.log(
    `\ntarget ≥ ${TARGET_OPS.toLocaleString('en-US')} addBusinessTime/s for 3bd and 8bh: ${targetMet ? 'MET' : 'NOT MET'}` +
      (allAgree ? '; every sampled answer agrees with the oracle' : '; SOME ANSWERS DISAGREE WITH THE ORACLE'),
  );

  const report = {
    date: new Date().toISOString(),
    command: 'NODE_ENV=production npx tsx bench/business-time.bench.ts',
    machine: {
      cores: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      nodeEnv: env.NODE_ENV ?? null,
      loadAverageAtStart: loadAtStart.map((l) => Math.round(l * 100) / 100),
    },
    settings: { ...settings, tenants: tenants.map((t) => t.id), range: '2025-01-02..2027-11-30', betweenSpanDays: 10, spanMsMax: 10 * DAY },
    target: { addBusinessTimeOpsPerSecond: TARGET_OPS, met: targetMet },
    allAgreeWithOracle: allAgree,
    results,
  };
  const dir = path.join(here, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'business-time-latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nsaved bench/results/business-time-latest.json`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
