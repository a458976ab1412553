/**
 * The GraphQL schema, built from the resolvers of every feature. `server/schema.graphql` is
 * this schema printed; a test fails when the committed file drifts from the code.
 */
import 'reflect-metadata';
import { buildSchema } from 'type-graphql';
import { createPubSub } from '@graphql-yoga/subscription';
import { printSchema, lexicographicSortSchema, type GraphQLSchema } from 'graphql';
import { TicketResolver } from '../tickets/ticket.resolver.js';
import { TenantResolver } from '../tenants/tenant.resolver.js';
import { WorkflowVersionResolver } from '../tenants/workflow-version.resolver.js';
import { BusinessCalendarResolver } from '../tenants/business-calendar.resolver.js';
import { AuthResolver } from '../auth/auth.resolver.js';
import { OrganizationResolver } from '../orgs/organization.resolver.js';
import { OutboxResolver } from '../outbox/outbox.resolver.js';
import { ClockResolver } from '../clock/clock.resolver.js';
import { TicketChangeResolver } from '../live/ticket-change.resolver.js';
import { IntakeResolver } from '../intake/intake.resolver.js';
import { InboundMailResolver } from '../intake/inbound-mail.resolver.js';
import { AttachmentResolver } from '../attachments/attachment.resolver.js';
import { ActResolver } from '../acts/act.resolver.js';
import { ProcessingTimeResolver } from '../reports/processing-time.resolver.js';
import { SlaBreachesResolver } from '../reports/sla-breaches.resolver.js';
import { PortalResolver } from '../portal/portal.resolver.js';
import { recordsResolvers } from '../records/records.resolvers.js';

let built: Promise<GraphQLSchema> | null = null;

export function buildAppSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: [
      TicketResolver,
      TenantResolver,
      WorkflowVersionResolver,
      BusinessCalendarResolver,
      AuthResolver,
      OrganizationResolver,
      OutboxResolver,
      ClockResolver,
      TicketChangeResolver,
      IntakeResolver,
      InboundMailResolver,
      AttachmentResolver,
      ActResolver,
      ProcessingTimeResolver,
      SlaBreachesResolver,
      PortalResolver,
      ...recordsResolvers,
    ],
    validate: false,
    // Every subscription brings its own `subscribe` reading the instance's LiveService;
    // type-graphql insists on a pubSub all the same.
    pubSub: createPubSub(),
    emitSchemaFile: false,
  });
  return built;
}

export async function printAppSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildAppSchema()))}\n`;
}
