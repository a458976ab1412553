/**
 * Authentication: password logins into sessions, API tokens for integrations, and the
 * bootstrap admin. Tokens are random secrets stored only as SHA-256 digests.
 */
import { randomUUID } from 'node:crypto';
import type { Orm } from '../db/orm.js';
import { SystemClock, type Clock } from '../clock/clock.js';
import { UserSchema, SessionSchema, ApiTokenSchema, type Role, type User, type ApiToken } from './user.entity.js';
import { hashPassword, verifyPassword, newSecret, digestToken, randomPassword } from './password.js';
import type { Principal } from './principal.js';
import { badInput, unauthenticated } from '../graphql/errors.js';
import { LoginThrottle } from './login-throttle.js';
import { TenantSchema } from '../tenants/tenant.entity.js';

const sessionLifetimeMs = 30 * 24 * 3600 * 1000;
/** Principals are cached briefly so a busy integration does not cost a query per request. */
const principalCacheMs = 10_000;
const roles: Role[] = ['admin', 'agent', 'integration'];

export class AuthService {
  readonly #cache = new Map<string, { principal: Principal | null; until: number }>();
  readonly #throttle = new LoginThrottle();

  /**
   * `clock` stamps records in product time; `wallClock` measures what security depends on
   * (session lifetime, the principal cache), which must not stop or jump with a manual clock.
   */
  constructor(
    private readonly orm: Orm,
    private readonly clock: Clock,
    private readonly wallClock: Clock = new SystemClock(),
  ) {}

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
    const principal = await this.#lookup(hash);
    if (this.#cache.size > 10_000) this.#cache.clear();
    this.#cache.set(hash, { principal, until: nowMs + principalCacheMs });
    return principal;
  }

  async #lookup(hash: string): Promise<Principal | null> {
    const em = this.orm.em.fork();
    const session = await em.findOne(SessionSchema, { tokenHash: hash });
    if (session) {
      if (session.expiresAt.getTime() < this.wallClock.now().getTime()) return null;
      const user = await em.findOne(UserSchema, { id: session.userId });
      return user ? userPrincipal(user) : null;
    }
    const apiToken = await em.findOne(ApiTokenSchema, { tokenHash: hash, revokedAt: null });
    return apiToken ? tokenPrincipal(apiToken) : null;
  }

  async createUser(input: { email: string; password: string; role: string; tenantIds: string[] }): Promise<User> {
    const email = input.email.trim().toLowerCase();
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw badInput('email is not an address', ['email']);
    if (!roles.includes(input.role as Role)) throw badInput(`role must be one of ${roles.join(', ')}`, ['role']);
    if (input.password.length < 8) throw badInput('password must have at least 8 characters', ['password']);
    await this.#requireTenantsExist(input.tenantIds);
    const em = this.orm.em.fork();
    if (await em.count(UserSchema, { email })) throw badInput(`a user ${email} already exists`, ['email']);
    const user = em.create(UserSchema, {
      id: randomUUID(),
      email,
      passwordHash: await hashPassword(input.password),
      role: input.role as Role,
      tenantIds: input.tenantIds,
      createdAt: this.clock.now(),
    });
    await em.flush();
    return user;
  }

  async createApiToken(input: { name: string; tenantIds: string[] }): Promise<{ apiToken: ApiToken; token: string }> {
    if (!input.name.trim()) throw badInput('name is required', ['name']);
    await this.#requireTenantsExist(input.tenantIds);
    const em = this.orm.em.fork();
    const { token, hash } = newSecret('rgi');
    const apiToken = em.create(ApiTokenSchema, {
      id: randomUUID(),
      name: input.name.trim(),
      tokenHash: hash,
      tenantIds: input.tenantIds,
      createdAt: this.clock.now(),
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

  async #requireTenantsExist(tenantIds: string[]): Promise<void> {
    if (!tenantIds.length) return;
    const rows = await this.orm.em.fork().find(TenantSchema, { id: { $in: tenantIds } }, { fields: ['id'] });
    const known = new Set(rows.map((r) => r.id));
    const unknown = tenantIds.filter((id) => !known.has(id));
    if (unknown.length) throw badInput(`unknown tenants: ${unknown.join(', ')}`, ['tenantIds']);
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
