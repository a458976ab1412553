/**
 * The browser side served by the server: the requester portal (`portal.html`, a second entry
 * of the admin build) under `/portal/`, the back office (`index.html`) everywhere else; both
 * route on the client. In production the built files of `admin/dist`; in development
 * (`npm run dev`, ADMIN_DEV=1) Vite in middleware mode, so the UI hot-reloads on the same
 * origin as the API it talks to.
 */
import fs from 'node:fs';
import path from 'node:path';
import express from 'express';

const PORTAL_PATH = /^\/portal(\/.*)?$/;
/** Everything that is not the API, health, downloads or printable acts is a UI route. */
const BACK_OFFICE_PATH = /^\/(?!graphql|healthz|attachments\/|tickets\/[^/]+\/acts\/).*/;

export interface AdminUi {
  close(): Promise<void>;
}

export function serveBuiltAdmin(app: express.Express, distDir: string): AdminUi {
  const send = (file: string) => (_req: express.Request, res: express.Response) => {
    const page = path.join(distDir, file);
    if (fs.existsSync(page)) res.sendFile(page);
    else res.status(404).type('text').send('The UI is not built: run `npm run build`.');
  };
  app.use(express.static(distDir, { index: false, maxAge: '1h' }));
  app.get(PORTAL_PATH, send('portal.html'));
  app.get(BACK_OFFICE_PATH, send('index.html'));
  return { close: async () => undefined };
}

/**
 * Vite's dev server inside ours. Its hot-reload socket has a port of its own (24678 by
 * default, VITE_HMR_PORT to change): graphql-ws owns the upgrades of this one.
 */
export async function serveAdminDev(app: express.Express, adminRoot: string): Promise<AdminUi> {
  // Only `npm run dev` loads Vite: production never needs the dev toolchain.
  const { createServer } = await import('vite');
  const vite = await createServer({
    root: adminRoot,
    configFile: path.join(adminRoot, 'vite.config.ts'),
    appType: 'custom',
    server: { middlewareMode: true, hmr: { port: Number(process.env.VITE_HMR_PORT ?? 24678) } },
  });
  app.use(vite.middlewares);
  const page = (file: string) => async (req: express.Request, res: express.Response, next: express.NextFunction) => {
    try {
      const html = await vite.transformIndexHtml(req.originalUrl, fs.readFileSync(path.join(adminRoot, file), 'utf8'));
      res.status(200).type('html').send(html);
    } catch (error) {
      next(error);
    }
  };
  app.get(PORTAL_PATH, page('portal.html'));
  app.get(BACK_OFFICE_PATH, page('index.html'));
  return { close: () => vite.close() };
}
