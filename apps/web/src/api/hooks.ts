import { useCallback, useEffect, useRef, useState } from 'react';
import { toDisplayError, type DisplayError } from './errors';

/** What openapi-fetch resolves to: data on 2xx, error body otherwise, and the response. */
export interface ApiResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

export type Loaded<T> =
  | { state: 'loading'; data?: undefined; error?: undefined; status?: undefined }
  | { state: 'done'; data: T; error?: undefined; status: number }
  | { state: 'failed'; data?: undefined; error: DisplayError; status: number | undefined };

/**
 * Loads once per change of `deps` and on `reload()`. A reply for an older request is dropped, so a
 * quick change of case or month never shows the previous one's data.
 */
export function useLoad<T>(load: () => Promise<ApiResult<T>>, deps: readonly unknown[], labels?: Record<string, string>): Loaded<T> & { reload: () => void } {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const labelsRef = useRef(labels);
  labelsRef.current = labels;

  useEffect(() => {
    let current = true;
    setResult({ state: 'loading' });
    loadRef.current().then(
      ({ data, error, response }) => {
        if (!current) return;
        if (data !== undefined && response.ok) setResult({ state: 'done', data, status: response.status });
        else setResult({ state: 'failed', error: toDisplayError(response.status, error, labelsRef.current), status: response.status });
      },
      () => {
        if (current) setResult({ state: 'failed', error: toDisplayError(undefined, undefined), status: undefined });
      },
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...result, reload };
}

/**
 * One submit at a time with its error: `run` sends, and resolves to the data on success or
 * undefined on failure (the error is then in `error`, naming fields with `labels`).
 */
export function useSubmit(labels: Record<string, string> = {}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<DisplayError | null>(null);
  const busyRef = useRef(false);
  const labelsRef = useRef(labels);
  labelsRef.current = labels;

  const run = useCallback(async <T,>(send: () => Promise<ApiResult<T>>): Promise<T | undefined> => {
    if (busyRef.current) return undefined;
    busyRef.current = true;
    setBusy(true);
    setError(null);
    try {
      const { data, error: failure, response } = await send();
      if (response.ok) return (data ?? (null as T));
      setError(toDisplayError(response.status, failure, labelsRef.current));
      return undefined;
    } catch {
      setError(toDisplayError(undefined, undefined));
      return undefined;
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  }, []);

  return { run, busy, error, setError };
}
