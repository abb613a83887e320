import { readSession, type Session } from './access-token';

const KEY = 'seg.accessToken';

/** sessionStorage: the token lives as long as the tab, and is not shared with other tabs or kept on disk. */
export function restoreSession(storage: Storage, nowSeconds: number): Session | null {
  const token = storage.getItem(KEY);
  if (!token) return null;
  try {
    return readSession(token, nowSeconds);
  } catch {
    storage.removeItem(KEY);
    return null;
  }
}

export function saveSession(storage: Storage, session: Session | null): void {
  if (session) storage.setItem(KEY, session.token);
  else storage.removeItem(KEY);
}
