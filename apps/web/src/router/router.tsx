import { createContext, useCallback, useContext, useEffect, useMemo, useState, type AnchorHTMLAttributes, type ReactNode } from 'react';

/**
 * A small History-API router: the api serves index.html for every non-/api path, so a URL typed by
 * hand (or reloaded) opens the same screen. Screens read their params; the api decides access.
 */
interface RouterState {
  path: string;
  search: URLSearchParams;
  /** What the screen that navigated here left for this one (history state), e.g. a status message. */
  state: unknown;
  navigate: (to: string, options?: { replace?: boolean; state?: unknown }) => void;
}

const RouterContext = createContext<RouterState | null>(null);

function currentLocation() {
  return { path: window.location.pathname, search: window.location.search, state: window.history.state as unknown };
}

export function RouterProvider({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState(currentLocation);
  useEffect(() => {
    const onPop = () => setLocation(currentLocation());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((to: string, options?: { replace?: boolean; state?: unknown }) => {
    const state = options?.state ?? null;
    if (options?.replace) window.history.replaceState(state, '', to);
    else window.history.pushState(state, '', to);
    setLocation(currentLocation());
    window.scrollTo?.(0, 0);
  }, []);
  const value = useMemo(
    () => ({ path: location.path, search: new URLSearchParams(location.search), state: location.state, navigate }),
    [location.path, location.search, location.state, navigate],
  );
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): RouterState {
  const router = useContext(RouterContext);
  if (!router) throw new Error('useRouter outside RouterProvider');
  return router;
}

/**
 * Matches `/cases/:id/contacts/new` against a path; returns the decoded params or null. Params
 * match one segment; a trailing slash is ignored.
 */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) {
      try {
        params[want[i].slice(1)] = decodeURIComponent(have[i]);
      } catch {
        return null;
      }
    } else if (want[i] !== have[i]) return null;
  }
  return params;
}

/** Fills `:name` segments, encoding each value. */
export function pathTo(pattern: string, params: Record<string, string> = {}): string {
  return pattern.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`pathTo: missing ${name} for ${pattern}`);
    return encodeURIComponent(value);
  });
}

interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  to: string;
}

/** An ordinary link (new tab, copy address work) that navigates in place on a plain click. */
export function Link({ to, onClick, children, ...rest }: LinkProps) {
  const { navigate, path } = useRouter();
  return (
    <a
      {...rest}
      href={to}
      aria-current={rest['aria-current'] ?? (path === to ? 'page' : undefined)}
      onClick={(event) => {
        onClick?.(event);
        if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}
