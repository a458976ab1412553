/**
 * Boot order (DESIGN): config → database → migrations → workflows → http (GraphQL,
 * graphql-ws, admin bundle, /healthz) → scheduler → outbox worker → SMTP listener. `startServer` is what `npm start` runs
 * and what tests start in-process; `stop` undoes it in reverse.
 */
import 'reflect-metadata';
import type { Config } from '../config/config.js';
import { openDatabase, type Orm } from '../db/orm.js';
import { createPgPool } from '../db/pg-pool.js';
import { startEmbeddedPostgres } from '../db/embedded-postgres.js';
import { createClock, restoreManualClock, ClockService, clockChannel } from '../clock/clock.service.js';
import path from 'node:path';
import { WorkflowRegistry } from '../tenants/workflow-registry.js';
import { loadProductionCalendars } from '../calendar/index.js';
import { WorkflowService } from '../tenants/workflow.service.js';
import { TicketService } from '../tickets/ticket.service.js';
import { AuthService } from '../auth/auth.service.js';
import { UserAdminService } from '../auth/user-admin.service.js';
import { principalChangedChannel } from '../auth/principal-changes.js';
import { OrganizationService } from '../orgs/organization.service.js';
import { TimerScheduler } from '../timers/scheduler.js';
import { MailIntakeService } from '../intake/intake.service.js';
import { NotificationListener } from '../live/notification-listener.js';
import { LiveService } from '../live/live.service.js';
import { ticketChangedChannel } from '../live/ticket-change.js';
import { linksRevokedChannel } from '../live/links-revoked.js';
import { startHttpServer } from '../http/http-server.js';
import { OutboxWorker } from '../mail/outbox.worker.js';
import { startSmtpListener } from '../mail/smtp.listener.js';
import type { Services } from './services.js';
import { PortalService } from '../portal/portal.service.js';
import { seedDemo, demoAgentPassword } from '../../../seeds/seed-demo.js';

export interface RunningServer {
  url: string;
  port: number;
  databaseUrl: string;
  services: Services;
  /** Printed once on the first boot when no admin password was configured. */
  bootstrapAdmin: { email: string; password: string } | null;
  /** The inbound SMTP listener's port; null when SMTP_PORT is 0. */
  smtpPort: number | null;
  stop(): Promise<void>;
}

export async function startServer(config: Config, log: (line: string) => void = () => undefined): Promise<RunningServer> {
  const stops: Array<[string, () => Promise<void>]> = [];
  const stopAll = async () => {
    for (const [name, stop] of stops.reverse()) {
      await stop().catch((e) => log(`stopping ${name} failed: ${String(e)}`));
    }
  };
  try {
    // PostgreSQL's own chatter stays in its log file under DATA_DIR.
    const pgLog = (line: string) => (line.startsWith('postgres: ') ? undefined : log(line));
    const pg = config.databaseUrl ? null : await startEmbeddedPostgres({ dataDir: config.dataDir, log: pgLog });
    if (pg) stops.push(['postgres', () => pg.stop()]);
    const databaseUrl = config.databaseUrl ?? pg!.url;
    const orm: Orm = await openDatabase(databaseUrl);
    stops.push(['database pool', () => orm.close(true)]);
    const pool = createPgPool(databaseUrl);
    stops.push(['event pool', () => pool.end()]);

    const clock = createClock(config.clock);
    if (config.clock.mode === 'manual') await restoreManualClock(orm, clock, config.clock.start?.toISOString() ?? '');
    const productionCalendars = await loadProductionCalendars(path.join(config.workflowsDir, 'calendars'));
    const registry = new WorkflowRegistry(orm, clock, productionCalendars);
    const workflows = new WorkflowService(orm, clock, registry, log);
    // The HTTP port is known only once it listens (PORT=0 in tests); letters are written later.
    let publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
    const tickets = new TicketService(pool, clock, registry, { publicUrl: () => publicUrl });
    const auth = new AuthService(orm, clock);
    const scheduler = new TimerScheduler(pool, clock, tickets, log);
    const outbox = new OutboxWorker(pool, clock, registry, {
      relayUrl: config.smtpOutboundUrl,
      from: config.mail.from,
      intervalMs: config.mail.outboxIntervalMs,
      retryBaseMs: config.mail.retryBaseMs,
      maxAttempts: config.mail.maxAttempts,
      leaseMs: config.mail.leaseMs,
    }, log);
    const listener = new NotificationListener(databaseUrl, log);
    stops.push(['listener', () => listener.stop()]);
    const services: Services = {
      orm,
      pool,
      clock,
      clockService: new ClockService(orm, clock, scheduler),
      auth,
      userAdmin: new UserAdminService(orm, clock, auth.changes),
      tickets,
      registry,
      workflows,
      organizations: new OrganizationService(clock),
      live: new LiveService(listener),
      scheduler,
      intake: new MailIntakeService(pool, orm, clock, registry, tickets, config.inbound, log),
      outbox,
      // Set just below: the portal works through the other services.
      portal: null as unknown as PortalService,
      log,
    };
    services.portal = new PortalService(services, { ...config.portal, files: config.inbound });
    listener.on(clockChannel, (iso) => services.clockService.onRemoteAdvance(iso));
    // A ticket change committed on any instance may have written letters: deliver them now.
    listener.on(ticketChangedChannel, () => outbox.wake());
    // A user disabled or a token revoked on any instance is refused here too.
    listener.on(principalChangedChannel, (payload) => auth.changes.applyNotice(payload));
    await listener.start([ticketChangedChannel, linksRevokedChannel, clockChannel, principalChangedChannel]);

    await workflows.loadDirectory(config.workflowsDir);
    const bootstrapAdmin = await auth.ensureBootstrapAdmin(config.adminEmail, config.adminPassword);
    if (config.seedDemo) {
      const demo = await seedDemo(services);
      if (demo.seeded) log(`demo data loaded; demo agents ${demo.agents.join(', ')} sign in with password ${demoAgentPassword}`);
    }

    let ready = false;
    // Healthy: booted, and the database answers now.
    const isHealthy = async () => ready && (await pool.query('select 1').then(() => true, () => false));
    const http = await startHttpServer(services, { port: config.port, host: config.host, adminDistDir: config.adminDistDir, adminDev: config.adminDev, isHealthy });
    stops.push(['http', () => http.stop()]);
    if (!config.publicUrl) publicUrl = http.url;
    scheduler.start(config.schedulerIntervalMs);
    stops.push(['scheduler', () => scheduler.stop()]);
    outbox.start();
    stops.push(['outbox', () => outbox.stop()]);
    const smtp = config.smtpPort > 0
      ? await startSmtpListener(
          { orm, pool, registry, intake: services.intake, log },
          {
            port: config.smtpPort,
            host: config.host,
            // Files of the per-message limit, base64-encoded (4/3), plus room for text and headers.
            maxMessageBytes: Math.ceil((config.inbound.maxMessageBytes * 4) / 3) + 1024 * 1024,
            senderRateLimit: config.inbound.senderRateLimit,
            senderRateWindowMs: config.inbound.senderRateWindowMs,
          },
        )
      : null;
    if (smtp) stops.push(['smtp', () => smtp.stop()]);
    ready = true;
    return { url: http.url, port: http.port, databaseUrl, services, bootstrapAdmin, smtpPort: smtp?.port ?? null, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
