/**
 * `GET /attachments/:id`: a file a mail brought, for a caller who may see its ticket (the
 * same bearer token as GraphQL). Sent as a download, never rendered inline: the file is a
 * stranger's, and an HTML or SVG "screenshot" must not run in the back office's origin.
 */
import type express from 'express';
import type { Services } from '../app/services.js';
import { tenantScopeOf } from '../auth/principal.js';
import { scopedEntityManager } from '../db/tenant-filter.js';
import { AttachmentSchema } from './attachment.entity.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const attachmentPath = (id: string) => `/attachments/${id}`;

export function serveAttachments(app: express.Express, services: Services): void {
  app.get('/attachments/:id', async (req, res) => {
    try {
      const principal = await services.auth.authenticate(req.headers.authorization);
      if (!principal) return void res.status(401).json({ error: 'UNAUTHENTICATED' });
      const id = String(req.params.id);
      // The tenant filter hides another tenant's file: it is "not found", like a ticket.
      const em = scopedEntityManager(services.orm, tenantScopeOf(principal));
      const row = uuid.test(id) ? await em.findOne(AttachmentSchema, { id }, { populate: ['content'] }) : null;
      if (!row?.content) return void res.status(404).json({ error: 'NOT_FOUND' });
      res.setHeader('Content-Type', /^[\w.+-]+\/[\w.+-]+$/.test(row.contentType) ? row.contentType : 'application/octet-stream');
      res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.filename)}`);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Cache-Control', 'private, no-store');
      res.end(row.content);
    } catch (error) {
      services.log(`attachment download failed: ${error instanceof Error ? error.message : String(error)}`);
      res.status(500).json({ error: 'INTERNAL_SERVER_ERROR' });
    }
  });
}
