import { useId, type ReactNode } from 'react';
import type { Loaded } from '../api/hooks';
import './counselor.css';

interface Props<T> {
  title: string;
  loaded: Loaded<T>;
  /** The text shown when `isEmpty(data)`; by default the data is a list, empty when it has no items (or is no list at all). */
  empty?: string;
  isEmpty?: (data: T) => boolean;
  /** Headings of the section: h2 on a screen, h3 inside a section. */
  level?: 2 | 3;
  /** Shown in the heading's line, e.g. an action link. */
  actions?: ReactNode;
  children: (data: T) => ReactNode;
}

/**
 * One block of a screen loaded on its own: heading, then loading / error / empty / the content.
 * A failure in one block never hides the others.
 */
export function LoadedSection<T>({ title, loaded, empty, isEmpty, level = 2, actions, children }: Props<T>) {
  const headingId = useId();
  const Heading = level === 2 ? 'h2' : 'h3';
  const emptyNow = loaded.state === 'done' && (isEmpty ? isEmpty(loaded.data) : !Array.isArray(loaded.data) || loaded.data.length === 0);
  return (
    <section aria-labelledby={headingId} className="loaded-section" aria-busy={loaded.state === 'loading' || undefined}>
      <Heading id={headingId}>{title}</Heading>
      {actions}
      {loaded.state === 'loading' && <p className="empty">読み込み中…</p>}
      {loaded.state === 'failed' && (
        <div className="error-summary" role="alert">
          <p>
            {title}を表示できません: {loaded.error.message}
          </p>
          {loaded.error.requestId && <p className="request-id">問い合わせ番号: {loaded.error.requestId}</p>}
        </div>
      )}
      {loaded.state === 'done' && emptyNow && <p className="empty">{empty ?? 'ありません。'}</p>}
      {loaded.state === 'done' && !emptyNow && children(loaded.data)}
    </section>
  );
}
