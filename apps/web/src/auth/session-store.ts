const KEY = 'tsunagu.session';

/** What survives a reload of this tab (sessionStorage: gone when the tab closes). */
export interface StoredSession {
  token: string;
  idleTimeoutSeconds: number;
}

export function loadSession(storage: Storage = window.sessionStorage): StoredSession | null {
  try {
    const value = JSON.parse(storage.getItem(KEY) ?? 'null') as Partial<StoredSession> | null;
    if (value && typeof value.token === 'string' && typeof value.idleTimeoutSeconds === 'number') {
      return { token: value.token, idleTimeoutSeconds: value.idleTimeoutSeconds };
    }
  } catch {
    // A damaged entry is the same as none.
  }
  return null;
}

export function saveSession(session: StoredSession, storage: Storage = window.sessionStorage): void {
  storage.setItem(KEY, JSON.stringify(session));
}

/** Sign-out: nothing of the session or of what was shown may stay in the browser. */
export async function clearClientData(win: Window = window): Promise<void> {
  win.sessionStorage.clear();
  win.localStorage.clear();
  if ('caches' in win) {
    const names = await win.caches.keys();
    await Promise.all(names.map((name) => win.caches.delete(name)));
  }
}
