/**
 * The agent's session as the browser keeps it. Its own module so that both the Apollo
 * client (which sends the token) and the auth provider (which sets and clears it) can
 * use it without importing each other.
 */
export interface SessionUser {
  id: string;
  email: string;
  role: 'admin' | 'agent' | 'integration' | string;
  tenantIds: string[];
}

const TOKEN_KEY = 'reglament.token';
const USER_KEY = 'reglament.user';

export const getToken = (): string | null => localStorage.getItem(TOKEN_KEY);

export const getUser = (): SessionUser | null => {
  const raw = localStorage.getItem(USER_KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as SessionUser;
  } catch {
    // A corrupt entry must not lock the agent out; they simply log in again.
    return null;
  }
};

export const saveSession = (token: string, user: SessionUser | null): void => {
  localStorage.setItem(TOKEN_KEY, token);
  if (user) localStorage.setItem(USER_KEY, JSON.stringify(user));
  else localStorage.removeItem(USER_KEY);
};

export const clearSession = (): void => {
  localStorage.removeItem(TOKEN_KEY);
  localStorage.removeItem(USER_KEY);
};
