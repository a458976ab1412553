/**
 * What every resolver receives: the caller and the server's services. The EntityManager is
 * forked per request (and per subscription event) with the tenant filter of the caller, so a
 * resolver cannot read another tenant's rows by accident.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../auth/principal.js';
import { tenantScopeOf } from '../auth/principal.js';
import { scopedEntityManager } from '../db/tenant-filter.js';
import type { Services } from '../app/services.js';

export interface GraphQLContext {
  principal: Principal | null;
  services: Services;
  em: EntityManager;
  /** The caller's network address, for per-sender limits of public mutations. */
  client: string | null;
}

export function createContext(services: Services, principal: Principal | null, client: string | null = null): GraphQLContext {
  let em: EntityManager | null = null;
  return {
    principal,
    services,
    client,
    // Forked on first use: most mutations never read through the ORM.
    get em() {
      em ??= scopedEntityManager(services.orm, tenantScopeOf(principal));
      return em;
    },
  };
}
