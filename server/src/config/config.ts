/**
 * Configuration: every knob of CONTRACT.md's "Starting it", read once from the environment
 * so the rest of the server receives plain values and never touches process.env.
 */
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | null;
  dataDir: string;
  workflowsDir: string;
  seedDemo: boolean;
  adminEmail: string | null;
  adminPassword: string | null;
  smtpPort: number;
  smtpOutboundUrl: string | null;
  /** Where requesters reach the portal (personal links in letters); default http://localhost:PORT. */
  publicUrl: string | null;
  /** Outbound mail delivery (mail/outbox.worker.ts): sender address when the tenant's workflow names no email channel, sweep interval, retries. */
  mail: { from: string | null; outboxIntervalMs: number; retryBaseMs: number; maxAttempts: number; leaseMs: number };
  /** Inbound mail (intake/, mail/smtp.listener.ts): attachment limits and the per-sender flood limit. */
  inbound: { maxAttachmentBytes: number; maxMessageBytes: number; senderRateLimit: number; senderRateWindowMs: number };
  /** Public web form limits (portal/portal.service.ts), wall time. */
  portal: { perAddress: number; perClient: number; windowMs: number };
  clock: { mode: 'system' } | { mode: 'manual'; start: Date | null };
  /** Interval of the timer scheduler under the system clock. */
  schedulerIntervalMs: number;
  adminDistDir: string;
  /** ADMIN_DEV=1 (`npm run dev`): the UI from Vite's dev server with hot reload, not the build. */
  adminDev: boolean;
  logLevel: 'silent' | 'info';
}

const repoRoot = path.resolve(import.meta.dirname, '../../..');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const clockStart = env.CLOCK_START ? parseInstant(env.CLOCK_START, 'CLOCK_START') : null;
  return {
    port: intFrom(env.PORT, 4000, 'PORT'),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || null,
    dataDir: path.resolve(env.DATA_DIR ?? path.join(repoRoot, '.data')),
    workflowsDir: path.resolve(env.WORKFLOWS_DIR ?? path.join(repoRoot, 'workflows')),
    seedDemo: env.SEED_DEMO !== '0',
    adminEmail: env.ADMIN_EMAIL || null,
    adminPassword: env.ADMIN_PASSWORD || null,
    smtpPort: intFrom(env.SMTP_PORT, 2525, 'SMTP_PORT'),
    smtpOutboundUrl: env.SMTP_OUTBOUND_URL || null,
    publicUrl: env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, '') : null,
    mail: {
      from: env.MAIL_FROM || null,
      outboxIntervalMs: intFrom(env.OUTBOX_INTERVAL_MS, 5000, 'OUTBOX_INTERVAL_MS'),
      retryBaseMs: intFrom(env.OUTBOX_RETRY_BASE_MS, 30_000, 'OUTBOX_RETRY_BASE_MS'),
      maxAttempts: Math.max(1, intFrom(env.OUTBOX_MAX_ATTEMPTS, 5, 'OUTBOX_MAX_ATTEMPTS')),
      // Longer than the relay transport's own timeouts (connect 15 s, greeting 15 s, idle 60 s).
      leaseMs: intFrom(env.OUTBOX_LEASE_MS, 15 * 60_000, 'OUTBOX_LEASE_MS'),
    },
    inbound: {
      maxAttachmentBytes: intFrom(env.MAIL_MAX_ATTACHMENT_BYTES, 10 * 1024 * 1024, 'MAIL_MAX_ATTACHMENT_BYTES'),
      maxMessageBytes: intFrom(env.MAIL_MAX_MESSAGE_BYTES, 25 * 1024 * 1024, 'MAIL_MAX_MESSAGE_BYTES'),
      senderRateLimit: intFrom(env.SMTP_RATE_LIMIT, 30, 'SMTP_RATE_LIMIT'),
      senderRateWindowMs: intFrom(env.SMTP_RATE_WINDOW_MS, 60_000, 'SMTP_RATE_WINDOW_MS'),
    },
    portal: {
      perAddress: intFrom(env.PORTAL_RATE_LIMIT, 20, 'PORTAL_RATE_LIMIT'),
      perClient: intFrom(env.PORTAL_CLIENT_RATE_LIMIT, 300, 'PORTAL_CLIENT_RATE_LIMIT'),
      windowMs: intFrom(env.PORTAL_RATE_WINDOW_MS, 600_000, 'PORTAL_RATE_WINDOW_MS'),
    },
    clock: env.CLOCK === 'manual' ? { mode: 'manual', start: clockStart } : { mode: 'system' },
    schedulerIntervalMs: intFrom(env.SCHEDULER_INTERVAL_MS, 1000, 'SCHEDULER_INTERVAL_MS'),
    adminDistDir: path.join(repoRoot, 'admin', 'dist'),
    adminDev: env.ADMIN_DEV === '1',
    logLevel: env.LOG_LEVEL === 'silent' ? 'silent' : 'info',
  };
}

export class ConfigError extends Error {}

function intFrom(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new ConfigError(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

function parseInstant(raw: string, name: string): Date {
  const date = new Date(raw);
  if (Number.isNaN(date.getTime())) throw new ConfigError(`${name} must be an ISO-8601 instant, got "${raw}"`);
  return date;
}
