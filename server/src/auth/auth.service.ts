/**
 * Authentication: password logins into sessions, API tokens for integrations, and the
 * bootstrap admin. Tokens are random secrets stored only as SHA-256 digests. A principal
 * changed elsewhere (user-admin.service.ts) is dropped from the cache at once.
 */
import { randomUUID } from 'node:crypto';
import type { Orm } from '../db/orm.js';
import { SystemClock, type Clock } from '../clock/clock.js';
import { UserSchema, SessionSchema, ApiTokenSchema, type Role, type User, type ApiToken } from './user.entity.js';
import { hashPassword, verifyPassword, newSecret, digestToken, randomPassword, minPasswordLength } from './password.js';
import type { Principal } from './principal.js';
import { AppError, badInput, unauthenticated } from '../graphql/errors.js';
import { LoginThrottle } from './login-throttle.js';
import { requireKnownTenants } from './known-tenants.js';
import { PrincipalChanges, type PrincipalChange } from './principal-changes.js';

const sessionLifetimeMs = 30 * 24 * 3600 * 1000;
/** Principals are cached briefly so a busy integration does not cost a query per request. */
const principalCacheMs = 10_000;
const roles: Role[] = ['admin', 'agent', 'integration'];

export class AuthService {
  readonly #cache = new Map<string, { principal: Principal | null; until: number }>();
  /** Bumped by every principal change, so a lookup that raced one does not cache what it read. */
  #generation = 0;
  readonly #throttle = new LoginThrottle();
  readonly changes = new PrincipalChanges();

  /**
   * `clock` stamps records in product time; `wallClock` measures what security depends on
   * (session lifetime, the principal cache), which must not stop or jump with a manual clock.
   */
  constructor(
    private readonly orm: Orm,
    private readonly clock: Clock,
    private readonly wallClock: Clock = new SystemClock(),
  ) {
    this.changes.on((change) => this.#forget(change));
  }

  async login(email: string, password: string): Promise<{ token: string; user: User }> {
    const key = email.trim().toLowerCase();
    await this.#throttle.waitBeforeAttempt(key);
    const em = this.orm.em.fork();
    const user = await em.findOne(UserSchema, { email: key });
    const ok = user ? await verifyPassword(password, user.passwordHash) : await verifyPassword(password, dummyHash);
    if (!user || !ok) {
      this.#throttle.recordFailure(key);
      throw unauthenticated('Wrong email or password');
    }
    // Said only to whoever knows the password, so it tells a guesser nothing.
    if (user.disabled) throw new AppError('UNAUTHENTICATED', 'This account is disabled', { reason: 'account_disabled' });
    this.#throttle.recordSuccess(key);
    const { token, hash } = newSecret('rgs');
    const now = this.wallClock.now();
    em.create(SessionSchema, { tokenHash: hash, userId: user.id, createdAt: now, expiresAt: new Date(now.getTime() + sessionLifetimeMs) });
    await em.flush();
    return { token, user };
  }

  async authenticate(authorization: string | undefined | null): Promise<Principal | null> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) return null;
    const hash = digestToken(token);
    const cached = this.#cache.get(hash);
    const nowMs = this.wallClock.now().getTime();
    if (cached && cached.until > nowMs) return cached.principal;
    const generation = this.#generation;
    const principal = await this.#lookup(hash);
    if (generation !== this.#generation) return principal;
    if (this.#cache.size > 10_000) this.#cache.clear();
    this.#cache.set(hash, { principal, until: nowMs + principalCacheMs });
    return principal;
  }

  #forget(change: PrincipalChange): void {
    this.#generation++;
    for (const [hash, { principal }] of this.#cache) {
      if (principal?.kind === change.kind && principal.id === change.id) this.#cache.delete(hash);
    }
  }

  async #lookup(hash: string): Promise<Principal | null> {
    const em = this.orm.em.fork();
    const session = await em.findOne(SessionSchema, { tokenHash: hash });
    if (session) {
      if (session.expiresAt.getTime() < this.wallClock.now().getTime()) return null;
      const user = await em.findOne(UserSchema, { id: session.userId });
      return user && !user.disabled ? userPrincipal(user) : null;
    }
    const apiToken = await em.findOne(ApiTokenSchema, { tokenHash: hash, revokedAt: null });
    if (!apiToken) return null;
    // Once per cache period at most: the admin's list says roughly when, not every request.
    await em.nativeUpdate(ApiTokenSchema, { id: apiToken.id }, { lastUsedAt: this.clock.now() });
    return tokenPrincipal(apiToken);
  }

  async createUser(input: { email: string; password: string; role: string; tenantIds: string[] }): Promise<User> {
    const email = input.email.trim().toLowerCase();
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw badInput('email is not an address', ['email']);
    if (!roles.includes(input.role as Role)) throw badInput(`role must be one of ${roles.join(', ')}`, ['role']);
    if (input.password.length < minPasswordLength) throw badInput(`password must have at least ${minPasswordLength} characters`, ['password']);
    await requireKnownTenants(this.orm, input.tenantIds);
    const em = this.orm.em.fork();
    if (await em.count(UserSchema, { email })) throw badInput(`a user ${email} already exists`, ['email']);
    const user = em.create(UserSchema, {
      id: randomUUID(),
      email,
      passwordHash: await hashPassword(input.password),
      role: input.role as Role,
      tenantIds: input.tenantIds,
      createdAt: this.clock.now(),
      disabled: false,
    });
    await em.flush();
    return user;
  }

  async createApiToken(input: { name: string; tenantIds: string[] }): Promise<{ apiToken: ApiToken; token: string }> {
    if (!input.name.trim()) throw badInput('name is required', ['name']);
    await requireKnownTenants(this.orm, input.tenantIds);
    const em = this.orm.em.fork();
    const { token, hash } = newSecret('rgi');
    const apiToken = em.create(ApiTokenSchema, {
      id: randomUUID(),
      name: input.name.trim(),
      tokenHash: hash,
      tenantIds: input.tenantIds,
      createdAt: this.clock.now(),
      lastUsedAt: null,
      revokedAt: null,
    });
    await em.flush();
    return { apiToken, token };
  }

  /**
   * Creates the admin of ADMIN_EMAIL/ADMIN_PASSWORD if absent; with neither set, the first
   * boot creates admin@localhost with a random password and returns it to be printed once.
   */
  async ensureBootstrapAdmin(email: string | null, password: string | null): Promise<{ email: string; password: string } | null> {
    const em = this.orm.em.fork();
    if (email) {
      if (await em.count(UserSchema, { email: email.toLowerCase() })) return null;
      const pw = password ?? randomPassword();
      await this.createUser({ email, password: pw, role: 'admin', tenantIds: [] });
      return password ? null : { email, password: pw };
    }
    if (await em.count(UserSchema, { role: 'admin' })) return null;
    const pw = password ?? randomPassword();
    await this.createUser({ email: 'admin@localhost', password: pw, role: 'admin', tenantIds: [] });
    return password ? null : { email: 'admin@localhost', password: pw };
  }
}

function userPrincipal(user: User): Principal {
  return {
    kind: 'user',
    id: user.id,
    role: user.role,
    tenantIds: user.role === 'admin' ? 'all' : user.tenantIds,
    actor: `${user.role}:${user.email}`,
  };
}

function tokenPrincipal(token: ApiToken): Principal {
  return { kind: 'token', id: token.id, role: 'integration', tenantIds: token.tenantIds, actor: `integration:${token.name}` };
}

/** Verified against when the email is unknown, so both cases take the same time. */
const dummyHash = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
