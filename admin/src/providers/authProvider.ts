/**
 * Agents log in with the contract's `login` mutation; the token lives in localStorage
 * (see session.ts) and the Apollo client sends it as `Authorization: Bearer`.
 */
import { gql } from '@apollo/client';
import type { AuthProvider } from 'react-admin';
import { apolloClient } from './apolloClient';
import { hasErrorCode, hasErrorReason } from './errors';
import { clearSession, getToken, getUser, saveSession, type SessionUser } from './session';

export const LOGIN = gql`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      token
      user {
        id
        email
        role
        tenantIds
      }
    }
  }
`;

/** Resources only an admin may open: the menu hides them and their pages refuse anyone else. */
const ADMIN_RESOURCES = new Set(['users', 'apiTokens', 'workflows']);

interface LoginResult {
  login: { token: string; user?: SessionUser | null };
}

export const authProvider: AuthProvider = {
  // react-admin's stock login form names the first field `username`; it carries the email.
  async login(params: { username?: string; email?: string; password: string }) {
    clearSession();
    const email = (params.email ?? params.username ?? '').trim();
    const { data } = await apolloClient
      .mutate<LoginResult>({ mutation: LOGIN, variables: { email, password: params.password } })
      .catch((error: unknown) => {
        // The server says so only to whoever gave the right password; in the UI's language.
        throw hasErrorReason(error, 'account_disabled') ? new Error('auth.account_disabled') : error;
      });
    if (!data?.login.token) throw new Error('ra.auth.sign_in_error');
    saveSession(data.login.token, data.login.user ?? null);
  },

  async logout() {
    clearSession();
    await apolloClient.clearStore();
  },

  async checkAuth() {
    if (!getToken()) throw new Error('ra.auth.auth_check_error');
  },

  async checkError(error: unknown) {
    const status = (error as { status?: number } | null)?.status;
    // FORBIDDEN is not a reason to log out: the agent just lacks that tenant. Only a
    // missing or rejected token is (the Apollo link has already dropped a rejected one).
    if (status === 401 || hasErrorCode(error, 'UNAUTHENTICATED') || !getToken()) {
      clearSession();
      throw new Error('ra.auth.auth_check_error');
    }
  },

  async getIdentity() {
    const user = getUser();
    if (!user) throw new Error('ra.auth.auth_check_error');
    return { id: user.id, fullName: user.email };
  },

  async getPermissions() {
    return getUser()?.role ?? null;
  },

  // The server refuses these operations to non-admins anyway (FORBIDDEN); this keeps them
  // out of an agent's menu and sends a typed-in URL to the access-denied page.
  async canAccess({ resource }: { resource?: string }) {
    return !resource || !ADMIN_RESOURCES.has(resource) || getUser()?.role === 'admin';
  },
};
