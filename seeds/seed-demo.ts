/**
 * Seeds an empty database (no tickets yet) with the demo desks of demo-data.ts, through the
 * same services, and so the same event path, as real work. A tenant whose workflow is not
 * loaded is skipped.
 */
import type { Services } from '../server/src/app/services.js';
import { allTenants, scopedEntityManager } from '../server/src/db/tenant-filter.js';
import { TicketSchema } from '../server/src/tickets/ticket.entity.js';
import { TenantSchema } from '../server/src/tenants/tenant.entity.js';
import { demoTenants } from './demo-data.js';

export const demoAgentPassword = 'demo-agent-1';

export async function seedDemo(services: Services): Promise<{ seeded: boolean; agents: string[] }> {
  const em = scopedEntityManager(services.orm, allTenants);
  if ((await em.count(TicketSchema, {})) > 0) return { seeded: false, agents: [] };
  const agents: string[] = [];
  for (const demo of demoTenants) {
    if (!(await em.count(TenantSchema, { id: demo.tenantId }))) continue;
    const email = `agent@${demo.tenantId}.demo`;
    await services.auth.createUser({ email, password: demoAgentPassword, role: 'agent', tenantIds: [demo.tenantId] });
    agents.push(email);
    for (const organization of demo.organizations) {
      await services.organizations.create(em, { tenantId: demo.tenantId, ...organization });
    }
    for (const ticket of demo.tickets) {
      const organizationId = await services.organizations.resolveForTicket(em, { tenantId: demo.tenantId, fields: ticket.fields });
      const created = await services.tickets.createTicket({ tenantId: demo.tenantId, organizationId, ...ticket }, 'system:demo');
      for (const event of ticket.path) await services.tickets.sendEvent(allTenants, created.id, event, `agent:${email}`);
    }
  }
  return { seeded: true, agents };
}
