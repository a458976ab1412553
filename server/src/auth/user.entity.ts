import { EntitySchema } from '@mikro-orm/core';

export type Role = 'admin' | 'agent' | 'integration';

export interface User {
  id: string;
  email: string;
  passwordHash: string;
  role: Role;
  tenantIds: string[];
  createdAt: Date;
  /** A disabled user cannot log in, and its sessions are refused. */
  disabled: boolean;
}

export const UserSchema = new EntitySchema<User>({
  name: 'User',
  tableName: 'app_user',
  properties: {
    id: { type: 'uuid', primary: true },
    email: { type: 'string', unique: true },
    passwordHash: { type: 'string' },
    role: { type: 'string' },
    tenantIds: { type: 'text[]', columnType: 'text[]' },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
    disabled: { type: 'boolean', default: false },
  },
});

/** A login session; only the token's SHA-256 is stored. */
export interface Session {
  tokenHash: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
}

export const SessionSchema = new EntitySchema<Session>({
  name: 'Session',
  tableName: 'session',
  properties: {
    tokenHash: { type: 'string', primary: true },
    userId: { type: 'uuid', index: true },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
    expiresAt: { type: 'Date', columnType: 'timestamptz' },
  },
});

/** A token of an external system (role integration); only its SHA-256 is stored. */
export interface ApiToken {
  id: string;
  name: string;
  tokenHash: string;
  tenantIds: string[];
  createdAt: Date;
  /** Product time of the last request seen with it, recorded at most once per principal-cache period. */
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export const ApiTokenSchema = new EntitySchema<ApiToken>({
  name: 'ApiToken',
  tableName: 'api_token',
  properties: {
    id: { type: 'uuid', primary: true },
    name: { type: 'string' },
    tokenHash: { type: 'string', unique: true },
    tenantIds: { type: 'text[]', columnType: 'text[]' },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
    lastUsedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    revokedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
  },
});
