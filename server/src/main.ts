/**
 * `npm start`: boots the server from the environment, prints where to go, and shuts down
 * cleanly (embedded PostgreSQL included) on SIGTERM or SIGINT.
 */
import 'reflect-metadata';
import { loadConfig, ConfigError } from './config/config.js';
import { startServer } from './app/server.js';
import { EmbeddedPostgresError, stopOnSignals } from './db/embedded-postgres.js';

const log = (line: string) => console.log(line);

try {
  const config = loadConfig();
  const server = await startServer(config, config.logLevel === 'silent' ? () => undefined : log);
  console.log(`Reglament is running: back office at ${server.url}/ , GraphQL at ${server.url}/graphql`);
  if (server.smtpPort) console.log(`Inbound mail: SMTP on port ${server.smtpPort}; outbound ${config.smtpOutboundUrl ? `through ${config.smtpOutboundUrl}` : 'kept as captured (SMTP_OUTBOUND_URL unset)'}`);
  if (config.clock.mode === 'manual') console.log(`Manual clock at ${server.services.clock.now().toISOString()}`);
  if (server.bootstrapAdmin) {
    console.log(`First boot: sign in as ${server.bootstrapAdmin.email} with password ${server.bootstrapAdmin.password} (shown once)`);
  }
  // The server (HTTP first, the database last) stops on SIGTERM/SIGINT; a stop that hangs
  // must not leave the process, and its database, half alive.
  stopOnSignals(
    () => {
      setTimeout(() => {
        console.error('shutdown took longer than 30 s; exiting');
        process.exit(1);
      }, 30_000).unref();
      return server.stop();
    },
    { log },
  );
} catch (error) {
  if (error instanceof EmbeddedPostgresError || error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('Reglament could not start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
}
