/**
 * A change of who a caller is: a user disabled, signed out, given another role or other
 * tenants, or an API token revoked. Every server instance caches principals briefly and
 * keeps graphql-ws connections open for hours, so each must hear of the change: it is
 * announced with NOTIFY inside the transaction that makes it (PostgreSQL delivers it to
 * every instance on commit), and the instance that made it also applies it at once.
 */
import type { EntityManager } from '@mikro-orm/postgresql';

export const principalChangedChannel = 'principal_changed';

export interface PrincipalChange {
  kind: 'user' | 'token';
  id: string;
  /** True when the principal's tokens no longer work at all; false when only its rights changed. */
  revoked: boolean;
}

type Handler = (change: PrincipalChange) => void;

export class PrincipalChanges {
  readonly #handlers = new Set<Handler>();

  on(handler: Handler): () => void {
    this.#handlers.add(handler);
    return () => this.#handlers.delete(handler);
  }

  /** Queues the notice in `em`'s transaction: other instances hear of it only if it commits. */
  async announce(em: EntityManager, change: PrincipalChange): Promise<void> {
    await em.execute('select pg_notify(?, ?)', [principalChangedChannel, JSON.stringify(change)]);
  }

  /** Applies a change on this instance (made here, or a notice from any instance). */
  apply(change: PrincipalChange): void {
    for (const handler of this.#handlers) handler(change);
  }

  /** A NOTIFY payload from `announce` (the listener logs what fails to parse). */
  applyNotice(payload: string): void {
    this.apply(JSON.parse(payload) as PrincipalChange);
  }
}
