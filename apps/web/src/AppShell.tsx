import { useEffect, useRef, type ComponentType } from 'react';
import type { ApiClient, Schemas } from './api/client';
import { ROLE_LABELS } from './labels';
import { Link, matchPath, useRouter } from './router/router';
import { PATHS } from './router/paths';
import { MfaEnrolment } from './features/sign-in/MfaEnrolment';
// The route table before the homes: the screens' stylesheets enter the bundle in import order.
import { allowed, ROUTES } from './router/routes';
import { homeScreen } from './homes/home-screen';
import type { ScreenProps } from './ui/screen';

interface Props {
  api: ApiClient;
  me: Schemas['MeResponseDto'];
  onSignOut: () => void;
  /** The account changed (MFA set up): read /auth/me again. */
  onAccountChanged: () => void;
}

/** The signed-in frame: who is signed in, the role's navigation, and the screen of the address. */
export function AppShell({ api, me, onSignOut, onAccountChanged }: Props) {
  const { path } = useRouter();
  const mainRef = useRef<HTMLElement>(null);
  const resolved = resolve(me, path);

  useEffect(() => {
    document.title = `${resolved.title} | つなぐ`;
    // A new screen: reading starts at its top (keyboard and screen-reader users).
    mainRef.current?.focus({ preventScroll: true });
  }, [path, resolved.title]);

  const navItems = ROUTES.filter((r) => r.nav && allowed(me, r));
  const Screen = resolved.kind === 'screen' ? resolved.screen : null;
  return (
    <>
      <a className="skip-link" href="#main">
        本文へ移動
      </a>
      <header className="app-header">
        <p className="app-name">
          <Link to={PATHS.home}>つなぐ</Link>
        </p>
        <p className="who" aria-label="ログイン中の利用者">
          {me.displayName}（{ROLE_LABELS[me.role]}）
        </p>
        <button type="button" onClick={onSignOut}>
          サインアウト
        </button>
      </header>
      {!me.mfaEnrolmentRequired && navItems.length > 0 && (
        <nav className="app-nav" aria-label="メニュー">
          <ul>
            <li>
              <Link to={PATHS.home}>ホーム</Link>
            </li>
            {navItems.map((r) => (
              <li key={r.path}>
                <Link to={r.path}>{r.nav}</Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <main id="main" className="home" ref={mainRef} tabIndex={-1}>
        {me.mfaEnrolmentRequired ? (
          <MfaEnrolment api={api} onDone={onAccountChanged} />
        ) : Screen ? (
          <Screen api={api} me={me} params={resolved.kind === 'screen' ? resolved.params : {}} />
        ) : resolved.kind === 'forbidden' ? (
          <section className="panel" role="alert">
            <h1>表示できません</h1>
            <p>この画面を表示する権限がありません。</p>
            <Link to={PATHS.home}>ホームへ戻る</Link>
          </section>
        ) : (
          <section className="panel" role="alert">
            <h1>ページが見つかりません</h1>
            <p>アドレスを確認してください。</p>
            <Link to={PATHS.home}>ホームへ戻る</Link>
          </section>
        )}
      </main>
    </>
  );
}

type Resolved =
  | { kind: 'screen'; title: string; screen: ComponentType<ScreenProps>; params: Record<string, string> }
  | { kind: 'forbidden'; title: string }
  | { kind: 'missing'; title: string };

/** The screen for a path: the role's home at `/`, a refusal without the permission, else not found. */
export function resolve(me: Schemas['MeResponseDto'], path: string): Resolved {
  if (matchPath(PATHS.home, path)) return { kind: 'screen', params: {}, ...homeScreen(me) };
  for (const route of ROUTES) {
    const params = matchPath(route.path, path);
    if (!params) continue;
    if (!allowed(me, route)) return { kind: 'forbidden', title: '表示できません' };
    return { kind: 'screen', title: route.title, screen: route.screen, params };
  }
  return { kind: 'missing', title: 'ページが見つかりません' };
}
