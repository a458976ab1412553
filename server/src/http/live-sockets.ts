/**
 * The graphql-ws connections open for each principal. A subscription keeps the rights its
 * caller had when it started, so a change of those rights must reach connections already
 * open: a revoked principal's close with 4401 Unauthorized (graphql-ws clients do not retry
 * it), a changed one's with 1012 Service Restart (clients reconnect and subscribe again
 * under the new role and tenants).
 */
import type { WebSocket } from 'ws';
import type { Principal } from '../auth/principal.js';
import type { PrincipalChange } from '../auth/principal-changes.js';

const keyOf = (p: { kind: string; id: string }) => `${p.kind}:${p.id}`;

export class LiveSockets {
  readonly #owners = new Map<WebSocket, string>();

  track(socket: WebSocket, principal: Principal): void {
    if (!this.#owners.has(socket)) socket.once('close', () => this.#owners.delete(socket));
    this.#owners.set(socket, keyOf(principal));
  }

  close(change: PrincipalChange): void {
    const key = keyOf(change);
    for (const [socket, owner] of this.#owners) {
      if (owner !== key) continue;
      this.#owners.delete(socket);
      if (change.revoked) socket.close(4401, 'Unauthorized');
      else socket.close(1012, 'Rights changed: reconnect');
    }
  }
}
