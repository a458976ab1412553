/**
 * The server's services, wired once at boot and handed to resolvers through the context.
 */
import type { Orm } from '../db/orm.js';
import type { PgPool } from '../db/pg-pool.js';
import type { Clock } from '../clock/clock.js';
import type { AuthService } from '../auth/auth.service.js';
import type { UserAdminService } from '../auth/user-admin.service.js';
import type { TicketService } from '../tickets/ticket.service.js';
import type { WorkflowRegistry } from '../tenants/workflow-registry.js';
import type { WorkflowService } from '../tenants/workflow.service.js';
import type { OrganizationService } from '../orgs/organization.service.js';
import type { ClockService } from '../clock/clock.service.js';
import type { LiveService } from '../live/live.service.js';
import type { TimerScheduler } from '../timers/scheduler.js';
import type { MailIntakeService } from '../intake/intake.service.js';
import type { OutboxWorker } from '../mail/outbox.worker.js';
import type { PortalService } from '../portal/portal.service.js';

export interface Services {
  orm: Orm;
  /** The ticket engine's plain `pg` pool: for work that must commit with a ticket change. */
  pool: PgPool;
  clock: Clock;
  clockService: ClockService;
  auth: AuthService;
  userAdmin: UserAdminService;
  tickets: TicketService;
  registry: WorkflowRegistry;
  workflows: WorkflowService;
  organizations: OrganizationService;
  live: LiveService;
  scheduler: TimerScheduler;
  intake: MailIntakeService;
  outbox: OutboxWorker;
  portal: PortalService;
  log: (line: string) => void;
}
