import { TenantSchema } from '../tenants/tenant.entity.js';
import { WorkflowVersionSchema } from '../tenants/workflow-version.entity.js';
import { TicketSchema } from '../tickets/ticket.entity.js';
import { TicketHistorySchema } from '../tickets/history.entity.js';
import { MessageSchema } from '../tickets/message.entity.js';
import { TimerSchema } from '../timers/timer.entity.js';
import { OutboxSchema } from '../outbox/outbox.entity.js';
import { UserSchema, SessionSchema, ApiTokenSchema } from '../auth/user.entity.js';
import { OrganizationSchema } from '../orgs/organization.entity.js';
import { TicketCounterSchema } from '../tickets/counter.entity.js';
import { ClockStateSchema } from '../clock/clock-state.entity.js';
import { InboundMailSchema } from '../intake/inbound-mail.entity.js';
import { TicketLinkSchema } from '../tickets/link.entity.js';
import { AttachmentSchema } from '../attachments/attachment.entity.js';
import { RefusedRequestSchema, RequesterTokenSchema } from '../portal/requester-token.entity.js';
import { RateLimitHitSchema } from '../ratelimit/rate-limit-hit.entity.js';
import { recordsEntities } from '../records/records.entities.js';

/** Every entity of the schema; migrations are generated from this list. */
export const entities = [
  TenantSchema,
  WorkflowVersionSchema,
  TicketSchema,
  TicketHistorySchema,
  MessageSchema,
  TimerSchema,
  OutboxSchema,
  UserSchema,
  SessionSchema,
  ApiTokenSchema,
  OrganizationSchema,
  TicketCounterSchema,
  ClockStateSchema,
  InboundMailSchema,
  TicketLinkSchema,
  AttachmentSchema,
  RequesterTokenSchema,
  RefusedRequestSchema,
  RateLimitHitSchema,
  ...recordsEntities,
];
