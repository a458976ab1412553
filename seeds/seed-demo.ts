/**
 * Seeds an empty database (no tickets, no organisations yet) with the demo desks of
 * seeds/tenants/, through the same services, and so the same event path, as real work: each
 * desk gets its demo agent, its organisations, requests brought to every state of its
 * workflow by the events an agent would send, and its announcements and logged calls.
 * A tenant whose workflow is not loaded is skipped. A request whose path its workflow no
 * longer accepts is logged and left where it stopped; the rest of the desk is still seeded.
 */
import { DateTime } from 'luxon';
import type { Services } from '../server/src/app/services.js';
import { allTenants, scopedEntityManager } from '../server/src/db/tenant-filter.js';
import { TicketSchema } from '../server/src/tickets/ticket.entity.js';
import { OrganizationSchema } from '../server/src/orgs/organization.entity.js';
import { UserSchema } from '../server/src/auth/user.entity.js';
import { addBusinessTime, type BusinessCalendar } from '../server/src/calendar/index.js';
import { toLuxonZone } from '../server/src/clock/zones.js';
import { createAnnouncement, validAnnouncement } from '../server/src/records/announcement.service.js';
import { convertToTicket, logPhoneCall } from '../server/src/records/phone-call.service.js';
import type { DemoClock, DemoDesk, DemoEvent, DemoTenant } from './demo-types.js';
import novosibirsk from './tenants/novosibirsk.js';
import tomsk from './tenants/tomsk.js';
import kurganVipnet from './tenants/kurgan-vipnet.js';
import rusbitech from './tenants/rusbitech.js';
import sintez from './tenants/sintez.js';

export const demoAgentPassword = 'demo-agent-1';
export const demoDesks: DemoDesk[] = [novosibirsk, tomsk, kurganVipnet, rusbitech, sintez];

export const demoAgentEmail = (tenantId: string) => `agent@${tenantId}.demo`;

export async function seedDemo(services: Services): Promise<{ seeded: boolean; agents: string[]; problems: string[] }> {
  const em = scopedEntityManager(services.orm, allTenants);
  if ((await em.count(TicketSchema, {})) > 0 || (await em.count(OrganizationSchema, {})) > 0) return { seeded: false, agents: [], problems: [] };
  const agents: string[] = [];
  const problems: string[] = [];
  for (const desk of demoDesks) {
    const current = await services.registry.current(desk.tenantId);
    if (!current) continue;
    const email = demoAgentEmail(desk.tenantId);
    if (!(await em.count(UserSchema, { email }))) {
      await services.auth.createUser({ email, password: demoAgentPassword, role: 'agent', tenantIds: [desk.tenantId] });
    }
    agents.push(email);
    const now = services.clock.now();
    const data = desk.data(demoClock(now, current.workflow.definition.tenant.timezone, current.calendar));
    await seedDesk(services, desk.tenantId, data, `agent:${email}`, now, (problem) => {
      problems.push(problem);
      services.log(`demo data: ${problem}`);
    });
  }
  return { seeded: true, agents, problems };
}

async function seedDesk(services: Services, tenantId: string, desk: DemoTenant, agent: string, now: Date, report: (problem: string) => void): Promise<void> {
  const em = scopedEntityManager(services.orm, { tenantIds: [tenantId] });
  const organizationIds = new Map<string, string>();
  for (const { key, ...organization } of desk.organizations) {
    const created = await services.organizations.create(em, { tenantId, ...organization });
    organizationIds.set(key, created.id);
  }

  const walk = async (ticketId: string, subject: string, path: DemoEvent[]) => {
    for (const event of path) {
      try {
        await services.tickets.sendEvent(allTenants, ticketId, event, agent);
      } catch (error) {
        report(`${tenantId} «${subject}»: ${event.type} refused: ${(error as Error).message}`);
        return;
      }
    }
  };

  for (const { org, path, ...ticket } of desk.tickets) {
    let created;
    try {
      const organizationId = org ? organizationIds.get(org) : undefined;
      if (org && !organizationId) throw new Error(`no organisation "${org}" in the desk`);
      created = await services.tickets.createTicket({ tenantId, organizationId, ...ticket }, 'system:demo');
    } catch (error) {
      report(`${tenantId} «${ticket.subject}»: not created: ${(error as Error).message}`);
      continue;
    }
    await walk(created.id, ticket.subject, path);
  }

  for (const announcement of desk.announcements ?? []) {
    const fields = validAnnouncement({ ...announcement, startsAt: new Date(announcement.startsAt), endsAt: announcement.endsAt ? new Date(announcement.endsAt) : null });
    createAnnouncement(em, tenantId, fields, agent, now);
  }
  await em.flush();

  for (const { ticket, ...call } of desk.phoneCalls ?? []) {
    const logged = logPhoneCall(em, { tenantId, ...call, at: new Date(call.at) }, agent, now);
    await em.flush();
    if (!ticket) continue;
    try {
      const converted = await convertToTicket(services.pool, services.tickets, logged.id, ticket, agent);
      await walk(converted.ticket.id, ticket.subject, ticket.path);
    } catch (error) {
      report(`${tenantId} call of ${call.callerName}: not converted: ${(error as Error).message}`);
    }
  }
}

/** Dates of a desk, from `now` in the tenant's zone and on its business calendar. */
function demoClock(now: Date, timezone: string, calendar: BusinessCalendar): DemoClock {
  const local = () => DateTime.fromJSDate(now, { zone: toLuxonZone(timezone) });
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    hoursAgo: (hours) => iso(now.getTime() - hours * 3_600_000),
    daysAgo: (days) => iso(now.getTime() - days * 86_400_000),
    date: (days) => local().plus({ days }).toISODate()!,
    localTime: (days, time) => {
      const [hour, minute] = time.split(':').map(Number);
      return iso(local().plus({ days }).set({ hour, minute, second: 0, millisecond: 0 }).toMillis());
    },
    later: (duration) => iso(addBusinessTime(calendar, now.getTime(), duration)),
  };
}
