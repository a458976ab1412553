/**
 * `GET /tickets/:id/acts/:n`: the printable act for a caller who may see the ticket (the
 * same bearer token as GraphQL); the requester's portal reaches it with its own token.
 */
import type express from 'express';
import type { Services } from '../app/services.js';
import { mayAccessTenant } from '../auth/principal.js';
import { allTenants, scopedEntityManager } from '../db/tenant-filter.js';
import { isUuid } from '../tickets/ticket.service.js';
import { TicketSchema } from '../tickets/ticket.entity.js';
import { OrganizationSchema } from '../orgs/organization.entity.js';
import { TenantSchema } from '../tenants/tenant.entity.js';
import { actsOf } from '../workflow/index.js';
import { renderActDocument } from './act.document.js';

export function serveActDocuments(app: express.Express, services: Services): void {
  app.get('/tickets/:id/acts/:n', async (req, res) => {
    try {
      const principal = await services.auth.authenticate(req.headers.authorization);
      if (!principal) return void res.status(401).json({ error: 'UNAUTHENTICATED' });
      const em = scopedEntityManager(services.orm, allTenants);
      const id = String(req.params.id);
      const ticket = isUuid(id) ? await em.findOne(TicketSchema, { id }) : null;
      if (!ticket || !mayAccessTenant(principal, ticket.tenantId)) return void res.status(404).json({ error: 'NOT_FOUND' });
      const html = await actDocumentOf(services, ticket, Number(req.params.n));
      if (!html) return void res.status(404).json({ error: 'NOT_FOUND' });
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
      res.setHeader('Cache-Control', 'private, no-store');
      res.send(html);
    } catch (error) {
      services.log(`act document failed: ${error instanceof Error ? error.message : String(error)}`);
      res.status(500).json({ error: 'INTERNAL_SERVER_ERROR' });
    }
  });
}

/** The same document through a requester's personal link (`/portal/t/<token>/acts/<n>`). */
export function serveRequesterActDocuments(app: express.Express, services: Services): void {
  app.get('/portal/t/:token/acts/:n', async (req, res) => {
    try {
      const ticket = await services.portal.ticketOf(String(req.params.token));
      const html = ticket ? await actDocumentOf(services, ticket, Number(req.params.n)) : null;
      if (!html) return void res.status(404).type('text').send('Нет такого акта или ссылка больше не действует.');
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
      res.setHeader('Cache-Control', 'private, no-store');
      res.setHeader('Referrer-Policy', 'no-referrer');
      res.send(html);
    } catch (error) {
      services.log(`act document failed: ${error instanceof Error ? error.message : String(error)}`);
      res.status(500).json({ error: 'INTERNAL_SERVER_ERROR' });
    }
  });
}

/** The HTML of the ticket's act number `n`, or null when it has none such. */
export async function actDocumentOf(services: Services, ticket: { tenantId: string; workflowVersionId: string; number: string; subject: string | null; organizationId: string | null; snapshot: Record<string, unknown> }, n: number): Promise<string | null> {
  const context = (ticket.snapshot as { context?: Record<string, unknown> }).context ?? {};
  const act = actsOf(context).find((a) => a.n === n);
  if (!act) return null;
  const em = scopedEntityManager(services.orm, allTenants);
  const [tenant, organization, workflow] = await Promise.all([
    em.findOne(TenantSchema, { id: ticket.tenantId }),
    ticket.organizationId ? em.findOne(OrganizationSchema, { id: ticket.organizationId }) : null,
    services.registry.forVersion(ticket.workflowVersionId),
  ]);
  return renderActDocument({
    tenantTitle: tenant?.title ?? ticket.tenantId,
    timezone: workflow.definition.tenant.timezone,
    ticket: { number: ticket.number, subject: ticket.subject, organization: organization?.name ?? (typeof (context.fields as Record<string, unknown> | undefined)?.organization === 'string' ? String((context.fields as Record<string, unknown>).organization) : null) },
    act,
  });
}
