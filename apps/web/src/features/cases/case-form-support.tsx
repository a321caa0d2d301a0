import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { ApiClient, Schemas } from '../../api/client';
import type { DisplayError } from '../../api/errors';
import { useLoad, useSubmit, type ApiResult } from '../../api/hooks';
import { PATHS } from '../../router/paths';
import { Link, pathTo } from '../../router/router';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { ProtectedBadge } from '../../ui/ProtectedBadge';
import './forms.css';

/** The case a form writes to and its client, for the line at the top of every case form. */
export interface CaseAndClient {
  item: Schemas['CaseDto'];
  client: Schemas['ClientSummaryDto'];
}

/** GET /cases/:id, then its client's summary: the form shows which case and whom it is writing about. */
export function useCaseAndClient(api: ApiClient, caseId: string) {
  return useLoad<CaseAndClient>(async () => {
    const caseReply = await api.GET('/api/v1/cases/{id}', { params: { path: { id: caseId } } });
    if (!caseReply.data) return { error: caseReply.error, response: caseReply.response };
    const clientReply = await api.GET('/api/v1/clients/{id}/summary', { params: { path: { id: caseReply.data.clientId } } });
    if (!clientReply.data) return { error: clientReply.error, response: clientReply.response };
    return { data: { item: caseReply.data, client: clientReply.data }, response: clientReply.response };
  }, [caseId]);
}

/**
 * The frame of a case form: its one heading, the case number and client (with 住所秘匿), a link
 * back to the case, and the form once the case is loaded. A case that cannot be read shows why.
 */
export function CaseFormFrame({ title, caseId, loaded, children }: { title: string; caseId: string; loaded: ReturnType<typeof useCaseAndClient>; children: (data: CaseAndClient) => ReactNode }) {
  return (
    <section className="panel case-form" aria-labelledby="case-form-title">
      <h1 id="case-form-title">{title}</h1>
      <div className="case-form-target">
        {loaded.state === 'done' && (
          <p>
            <span className="case-form-number">ケース番号 {loaded.data.item.caseNumber}</span>
            <span className="case-form-client">
              相談者 {loaded.data.client.name} <ProtectedBadge protectedAddress={loaded.data.client.addressProtected} />
            </span>
          </p>
        )}
        <Link to={pathTo(PATHS.case, { id: caseId })}>戻る（ケース詳細へ）</Link>
      </div>
      {loaded.state === 'loading' && <p role="status">読み込み中…</p>}
      {loaded.state === 'failed' && <ErrorSummary error={loaded.error} />}
      {loaded.state === 'done' && children(loaded.data)}
    </section>
  );
}

/**
 * Enter submits a form from a single-line input or the submit button only: on a checkbox or a
 * radio it would send a half-filled record while the counselor is still ticking.
 */
export function keepEnterForTextInputs(event: KeyboardEvent<HTMLFormElement>): void {
  if (event.key !== 'Enter') return;
  const target = event.target as HTMLElement;
  if (target instanceof HTMLInputElement && (target.type === 'checkbox' || target.type === 'radio')) event.preventDefault();
}

/** The error summary of a form, focused when a new error arrives so it is read at once. */
export function FormErrors({ error }: { error: DisplayError | null }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  return (
    <div ref={ref} tabIndex={-1} className="form-errors">
      <ErrorSummary error={error} />
    </div>
  );
}

/** aria props of a field with an api message under it (FieldMessage id `${id}-error`). */
export function invalidProps(id: string, message: string | undefined, hintId?: string) {
  const describedBy = [hintId ?? '', message ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return { 'aria-invalid': message ? true : undefined, 'aria-describedby': describedBy } as const;
}

/** Items in groups, in the order the groups first appear (the api's sort order). */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Array<[string, T[]]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const name = key(item);
    groups.set(name, [...(groups.get(name) ?? []), item]);
  }
  return [...groups.entries()];
}

/**
 * useSubmit that stays locked after a success: the screen is leaving for the case, and a second
 * click before it has gone must not write the record twice. A failure unlocks it for a retry.
 */
export function useSendOnce(labels: Record<string, string>) {
  const submit = useSubmit(labels);
  const { run: send } = submit;
  const doneRef = useRef(false);
  const [done, setDone] = useState(false);
  const run = useCallback(
    async <T,>(request: () => Promise<ApiResult<T>>): Promise<T | undefined> => {
      if (doneRef.current) return undefined;
      const result = await send(request);
      if (result !== undefined) {
        doneRef.current = true;
        setDone(true);
      }
      return result;
    },
    [send],
  );
  return { ...submit, run, busy: submit.busy || done };
}
