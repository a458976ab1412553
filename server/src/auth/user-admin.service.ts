/**
 * The administrator's side of accounts: listing and changing users (role, tenants, password,
 * disabled) and listing and revoking API tokens. A change that takes rights away takes
 * effect on the next request on every instance (principal-changes.ts), and the rules below
 * keep at least one working administrator: an admin cannot disable or demote themself.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Orm } from '../db/orm.js';
import type { Clock } from '../clock/clock.js';
import { badInput, notFound } from '../graphql/errors.js';
import { ApiTokenSchema, SessionSchema, UserSchema, type ApiToken, type Role, type User } from './user.entity.js';
import { hashPassword, minPasswordLength } from './password.js';
import { requireKnownTenants } from './known-tenants.js';
import type { Principal } from './principal.js';
import type { PrincipalChange, PrincipalChanges } from './principal-changes.js';

export interface UserUpdate {
  role?: string | null;
  tenantIds?: string[] | null;
  password?: string | null;
  disabled?: boolean | null;
}

/** Integrations get API tokens, not user accounts: a user is an admin or an agent. */
const userRoles: Role[] = ['admin', 'agent'];

export class UserAdminService {
  constructor(
    private readonly orm: Orm,
    private readonly clock: Clock,
    private readonly changes: PrincipalChanges,
  ) {}

  users(): Promise<User[]> {
    return this.orm.em.fork().find(UserSchema, {}, { orderBy: { createdAt: 'asc', email: 'asc' } });
  }

  async updateUser(actor: Principal, id: string, update: UserUpdate): Promise<User> {
    await this.#validate(actor, id, update);
    // Hashed before the transaction: scrypt takes a while, and a transaction should not.
    const passwordHash = update.password != null ? await hashPassword(update.password) : null;
    const em = this.orm.em.fork() as EntityManager;
    const { user, change } = await em.transactional(async (tx) => {
      const user = await tx.findOne(UserSchema, { id });
      if (!user) throw notFound(`User ${id}`);
      const signOut = applyUpdate(user, update, passwordHash, actor.id === id);
      if (signOut) await tx.nativeDelete(SessionSchema, { userId: id });
      const change: PrincipalChange = { kind: 'user', id, revoked: signOut };
      await this.changes.announce(tx, change);
      return { user, change };
    });
    this.changes.apply(change);
    return user;
  }

  apiTokens(): Promise<ApiToken[]> {
    return this.orm.em.fork().find(ApiTokenSchema, {}, { orderBy: { createdAt: 'asc', name: 'asc' } });
  }

  /** Revoking twice keeps the first revocation's time. */
  async revokeApiToken(id: string): Promise<ApiToken> {
    const em = this.orm.em.fork() as EntityManager;
    const token = await em.transactional(async (tx) => {
      const token = await tx.findOne(ApiTokenSchema, { id });
      if (!token) throw notFound(`API token ${id}`);
      token.revokedAt ??= this.clock.now();
      await this.changes.announce(tx, { kind: 'token', id, revoked: true });
      return token;
    });
    this.changes.apply({ kind: 'token', id, revoked: true });
    return token;
  }

  async #validate(actor: Principal, id: string, update: UserUpdate): Promise<void> {
    if (update.role != null && !userRoles.includes(update.role as Role)) {
      throw badInput(`role must be one of ${userRoles.join(', ')}`, ['role']);
    }
    if (update.password != null && update.password.length < minPasswordLength) {
      throw badInput(`password must have at least ${minPasswordLength} characters`, ['password']);
    }
    if (update.tenantIds != null) await requireKnownTenants(this.orm, update.tenantIds);
    if (actor.kind === 'user' && actor.id === id) {
      // Whoever acts is an admin; as long as they cannot undo that, one admin always remains.
      if (update.disabled === true) throw badInput('you cannot disable your own account', ['disabled']);
      if (update.role != null && update.role !== 'admin') throw badInput('you cannot take the admin role from yourself', ['role']);
    }
  }
}

/**
 * Writes the update onto `user`; true when the user's sessions must end: on disabling, and
 * on a new password set by someone else (the usual reason is a leaked one). An admin who
 * changes their own password stays signed in on the page they did it from.
 */
function applyUpdate(user: User, update: UserUpdate, passwordHash: string | null, self: boolean): boolean {
  if (update.role != null) user.role = update.role as Role;
  if (update.tenantIds != null) user.tenantIds = [...new Set(update.tenantIds)];
  if (update.disabled != null) user.disabled = update.disabled;
  if (passwordHash) user.passwordHash = passwordHash;
  return update.disabled === true || (passwordHash !== null && !self);
}
