/**
 * The HTTP side: GraphQL over POST (Apollo Server on express) and graphql-ws on the same
 * port and path, the admin UI at `/` (see admin-ui.ts), and `/healthz`.
 */
import http from 'node:http';
import path from 'node:path';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { GraphQLError, specifiedRules, validate } from 'graphql';
import type { Services } from '../app/services.js';
import { buildAppSchema } from '../graphql/schema.js';
import { createContext, type GraphQLContext } from '../graphql/context.js';
import { formatError } from '../graphql/errors.js';
import { costLimitPlugin, depthLimitRule } from '../graphql/limits.js';
import { serveAttachments } from '../attachments/attachment.http.js';
import { serveActDocuments, serveRequesterActDocuments } from '../acts/act.http.js';
import { serveAdminDev, serveBuiltAdmin } from './admin-ui.js';
import { LiveSockets } from './live-sockets.js';

export interface HttpServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function startHttpServer(
  services: Services,
  options: { port: number; host: string; adminDistDir: string; adminDev?: boolean; isHealthy: () => Promise<boolean> },
): Promise<HttpServer> {
  const schema = await buildAppSchema();
  const app = express();
  // GraphQL answers are never conditional GETs; hashing every response body costs time.
  app.set('etag', false);
  const httpServer = http.createServer(app);
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const log = (message: string, error: unknown) => services.log(`${message}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  const liveSockets = new LiveSockets();
  const stopClosingSockets = services.auth.changes.on((change) => liveSockets.close(change));

  const wsCleanup = useServer<Record<string, unknown>>(
    {
      schema,
      validate: (schema, document, rules) => validate(schema, document, [...(rules ?? specifiedRules), depthLimitRule()]),
      context: async (ctx) => {
        const authorization = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        const principal = await services.auth.authenticate(typeof authorization === 'string' ? authorization : null);
        if (principal) liveSockets.track(ctx.extra.socket, principal);
        return createContext(services, principal);
      },
      // Execution errors (a refused subscribe, a failing delivery) pass the same formatError
      // as over HTTP: the contract's code in extensions, never an internal message.
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!result.errors?.length) return;
        return { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e, log)) };
      },
      onError: (_ctx, _id, _payload, errors) => {
        return errors.map((e) => {
          // A stream that ends with an error (a revoked personal link) reaches here wrapped by
          // graphql-ws without a path, which formatError's unwrapping expects: unwrap it here.
          const formatted = formatError(e.toJSON(), e.path ? e : (e.originalError ?? e), log);
          return new GraphQLError(formatted.message, { extensions: formatted.extensions });
        });
      },
    },
    wsServer,
  );

  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    introspection: true,
    validationRules: [depthLimitRule()],
    formatError: (formatted, error) => formatError(formatted, error, log),
    includeStacktraceInErrorResponses: false,
    // main.ts owns SIGTERM/SIGINT: it stops the HTTP side, then the database, in order.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // No HTTP caching of GraphQL answers here; the plugin cost ~15% of a request.
      ApolloServerPluginCacheControlDisabled(),
      costLimitPlugin(),
      { async serverWillStart() { return { async drainServer() { await wsCleanup.dispose(); } }; } },
    ],
  });
  await apollo.start();

  app.get('/healthz', async (_req, res) => {
    const ok = await options.isHealthy();
    res.status(ok ? 200 : 503).json({ ok });
  });
  app.use(
    '/graphql',
    express.json({ limit: '25mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => createContext(services, await services.auth.authenticate(req.headers.authorization), req.ip ?? null),
    }),
  );
  serveAttachments(app, services);
  serveActDocuments(app, services);
  serveRequesterActDocuments(app, services);
  const adminUi = options.adminDev ? await serveAdminDev(app, path.dirname(options.adminDistDir)) : serveBuiltAdmin(app, options.adminDistDir);

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => resolve());
  });
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    port,
    url: `http://localhost:${port}`,
    stop: async () => {
      stopClosingSockets();
      await apollo.stop();
      await adminUi.close();
      httpServer.closeAllConnections();
    },
  };
}
