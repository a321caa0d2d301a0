import { useCallback, useEffect, useRef, useState } from 'react';
import { useLoad, useSubmit, type ApiResult } from '../../api/hooks';
import type { DisplayError } from '../../api/errors';

/**
 * The plumbing the admin screens share: a list loaded from the api, a create form, one row
 * edited at a time, and row actions (無効化, 削除 …). Each part keeps its own error so a refused
 * edit shows under the edit form, not under the create form. After a success the list is read
 * again, the edit form closes and the status line says what happened (and takes the focus).
 * `keyOf` names a row (its id, or a program's code): `editing` is the row being edited.
 */
export function useAdminList<T>(load: () => Promise<ApiResult<T[]>>, labels: Record<string, string>, keyOf: (row: T) => string) {
  const list = useLoad(load, []);
  const create = useSubmit(labels);
  const edit = useSubmit(labels);
  const action = useSubmit(labels);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [announced, setAnnounced] = useState(0);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const editOpener = useRef<HTMLElement | null>(null);

  useEffect(() => {
    if (announced > 0) statusRef.current?.focus();
  }, [announced]);

  const startEdit = useCallback(
    (id: string) => {
      edit.setError(null);
      setStatus('');
      editOpener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      setEditingId(id);
    },
    [edit],
  );
  /** Closes the edit form and gives the focus back to the button that opened it. */
  const cancelEdit = useCallback(() => {
    setEditingId(null);
    setTimeout(() => editOpener.current?.focus());
  }, []);

  /** Sends with the part's own error state; on success reloads, closes the edit form and reports `message` (or what it makes of the answer). */
  const submit = useCallback(
    async <R>(part: 'create' | 'edit' | 'action', send: () => Promise<ApiResult<R>>, message: string | ((result: R) => string)): Promise<R | undefined> => {
      const runner = part === 'create' ? create : part === 'edit' ? edit : action;
      setStatus('');
      const result = await runner.run(send);
      if (result === undefined) return undefined;
      if (part === 'edit') setEditingId(null);
      setStatus(typeof message === 'string' ? message : message(result));
      setAnnounced((n) => n + 1);
      list.reload();
      return result;
    },
    [create, edit, action, list],
  );

  const editing = list.data?.find((row) => keyOf(row) === editingId) ?? null;
  return { list, create, edit, action, editing, startEdit, cancelEdit, submit, status, statusRef };
}

/** A form's values with one setter per field. */
export function useFormValues<V extends Record<string, unknown>>(initial: V) {
  const [values, setValues] = useState<V>(initial);
  const set = useCallback(<K extends keyof V>(key: K) => (value: V[K]) => setValues((v) => ({ ...v, [key]: value })), []);
  const reset = useCallback((next: V = initial) => setValues(next), [initial]);
  return { values, set, reset, setValues };
}

/** The api's message for one field, if it named it. */
export function fieldError(error: DisplayError | null, field: string): string | undefined {
  return error?.fields[field];
}
