/**
 * Personal links (CONTRACT: every mail that tells a requester their number carries
 * `/portal/t/<token>`): 32 random bytes, base64url; the database keeps only their SHA-256,
 * so a leaked table opens no ticket. One link per letter; an agent revokes a ticket's links.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { PgClient, PgPool } from '../db/pg-pool.js';

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export const portalPath = (token: string) => `/portal/t/${token}`;

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export async function insertRequesterTokens(client: PgClient, rows: Array<{ tenantId: string; ticketId: string; token: string; at: Date }>): Promise<void> {
  for (const row of rows) {
    await client.query(`insert into requester_token (tenant_id, ticket_id, token_hash, created_at) values ($1, $2, $3, $4)`, [
      row.tenantId,
      row.ticketId,
      hashToken(row.token),
      row.at,
    ]);
  }
}

/** The ticket a live (not revoked) token opens, or null. */
export async function ticketIdOfToken(pool: PgPool, token: string): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const { rows } = await pool.query<{ ticket_id: string }>(`select ticket_id from requester_token where token_hash = $1 and revoked_at is null`, [hashToken(token)]);
  return rows[0]?.ticket_id ?? null;
}
