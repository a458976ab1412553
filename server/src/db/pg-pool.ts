/**
 * A plain `pg` pool for the ticket engine's event path. Applying an event is the hottest
 * path of the product (every agent action, mail and timer), and MikroORM's unit of work cost
 * four times the database's own time there (bench/README.md); so the engine writes its one
 * transaction in SQL, while reads, lists and the admin's entities stay on MikroORM.
 */
import pg from 'pg';

export type PgPool = pg.Pool;
export type PgClient = pg.PoolClient;

/** Connections of the event path's pool; the ORM's pool for reads is separate (orm.ts). */
export const eventPoolSize = 20;

export function createPgPool(connectionString: string, max = eventPoolSize): PgPool {
  const pool = new pg.Pool({ connectionString, max });
  // An idle client's error (the server restarted) must not crash the process.
  pool.on('error', () => undefined);
  return pool;
}

/** Runs `work` in one transaction on one connection; rolls back if it throws. */
export async function withTransaction<T>(pool: PgPool, work: (client: PgClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
