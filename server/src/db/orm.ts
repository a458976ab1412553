/**
 * The database feature: MikroORM on PostgreSQL, migrations applied at boot. Schema changes
 * happen only through the committed migrations in ./migrations (listed in
 * migrations/index.ts, so they load the same way under tsx, vitest and a bundle).
 */
import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { entities } from './entities.js';
import { migrationsList } from './migrations/index.js';

export type Orm = MikroORM;

export function ormOptions(clientUrl: string): Options {
  return {
    clientUrl,
    entities,
    extensions: [Migrator],
    discovery: { warnWhenNoEntities: false },
    debug: false,
    allowGlobalContext: false,
    forceUtcTimezone: true,
    // Reads and admin writes; the event path has its own pool (db/pg-pool.ts).
    pool: { min: 1, max: 10 },
    migrations: {
      migrationsList,
      path: 'server/src/db/migrations',
      pathTs: 'server/src/db/migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
      silent: true,
    },
  };
}

export async function openDatabase(clientUrl: string): Promise<Orm> {
  const orm = await MikroORM.init(ormOptions(clientUrl));
  await orm.getMigrator().up();
  return orm;
}
