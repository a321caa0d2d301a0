import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createApiClient, type Schemas } from './api/client';
import { clearClientData, loadSession, saveSession, type StoredSession } from './auth/session-store';
import { SignedIn } from './auth/SignedIn';
import { RouterProvider } from './router/router';
import { AppShell } from './AppShell';
import { LoginScreen } from './features/sign-in/LoginScreen';

const NOTICE_IDLE = '一定時間操作がなかったため、自動的にサインアウトしました。';
const NOTICE_ENDED = 'セッションの有効期限が切れました。もう一度ログインしてください。';
const NOTICE_SIGNED_OUT = 'サインアウトしました。';
const NOTICE_UNREACHABLE = 'サーバーに接続できませんでした。もう一度ログインしてください。';

export function App() {
  const [session, setSession] = useState<StoredSession | null>(() => loadSession());
  const [me, setMe] = useState<Schemas['MeResponseDto'] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const tokenRef = useRef<string | null>(session?.token ?? null);

  /** Ends the session everywhere: server (best effort), browser storage, and every screen's state. */
  const endSession = useCallback(async (message: string, revoke: boolean) => {
    const token = tokenRef.current;
    tokenRef.current = null;
    // Storage is cleared synchronously here, before any screen shows the signed-out state.
    const cleared = clearClientData();
    // The next person to sign in on this browser starts at their own home, not at this one's case.
    window.history.replaceState(null, '', '/');
    setSession(null);
    setMe(null);
    setNotice(message);
    const revoked =
      revoke && token
        ? fetch('/api/v1/auth/logout', { method: 'POST', headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' }).catch(() => undefined)
        : undefined;
    await Promise.all([cleared, revoked]);
  }, []);

  const api = useMemo(
    () =>
      createApiClient({
        getToken: () => tokenRef.current,
        // A late 401 of a request sent before サインアウト must not replace its notice.
        onSessionEnded: () => {
          if (tokenRef.current) void endSession(NOTICE_ENDED, false);
        },
      }),
    [endSession],
  );

  useEffect(() => {
    if (!session || me) return;
    let cancelled = false;
    api.GET('/api/v1/auth/me').then(
      ({ data, response }) => {
        if (cancelled) return;
        if (data) setMe(data);
        else if (response.status !== 401) void endSession(NOTICE_UNREACHABLE, false);
      },
      () => {
        if (!cancelled) void endSession(NOTICE_UNREACHABLE, false);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, session, me, endSession]);

  const signedIn = (login: Schemas['LoginResponseDto']) => {
    const next = { token: login.accessToken, idleTimeoutSeconds: login.idleTimeoutSeconds };
    tokenRef.current = next.token;
    saveSession(next);
    setNotice(null);
    setSession(next);
  };

  if (!session) return <LoginScreen api={api} notice={notice} onSignedIn={signedIn} />;
  if (!me) {
    return (
      <main className="loading" aria-busy="true">
        <p>読み込み中…</p>
      </main>
    );
  }
  return (
    <SignedIn
      key={session.token}
      idleTimeoutSeconds={session.idleTimeoutSeconds}
      onIdle={() => void endSession(NOTICE_IDLE, true)}
      onSignOut={() => void endSession(NOTICE_SIGNED_OUT, true)}
      keepAlive={() => void api.GET('/api/v1/auth/me')}
    >
      {(signOut) => (
        <RouterProvider>
          <AppShell api={api} me={me} onSignOut={signOut} onAccountChanged={() => setMe(null)} />
        </RouterProvider>
      )}
    </SignedIn>
  );
}
