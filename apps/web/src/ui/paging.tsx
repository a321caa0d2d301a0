import { useCallback, useState } from 'react';

/**
 * Paging over the api's cursors (`nextCursor`): the current page's cursor, and the cursors of
 * the pages before it, so 前へ goes back without the api knowing page numbers.
 */
export function useCursorPages() {
  const [before, setBefore] = useState<string[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const next = useCallback(
    (nextCursor: string) => {
      setBefore((list) => [...list, cursor ?? '']);
      setCursor(nextCursor);
    },
    [cursor],
  );
  const previous = useCallback(() => {
    setCursor(before[before.length - 1] || undefined);
    setBefore((list) => list.slice(0, -1));
  }, [before]);
  const reset = useCallback(() => {
    setCursor(undefined);
    setBefore([]);
  }, []);
  /** 1 for the first page. */
  const pageNumber = before.length + 1;
  return { cursor, pageNumber, hasPrevious: before.length > 0, next, previous, reset };
}

interface PageButtonsProps {
  pages: ReturnType<typeof useCursorPages>;
  /** The loaded page's `nextCursor` (null on the last page, undefined while loading). */
  nextCursor: string | null | undefined;
  previousLabel: string;
  nextLabel: string;
}

/** 前へ / 次へ under a paged table. */
export function PageButtons({ pages, nextCursor, previousLabel, nextLabel }: PageButtonsProps) {
  return (
    <div className="paging">
      {pages.hasPrevious && (
        <button type="button" onClick={pages.previous}>
          {previousLabel}
        </button>
      )}
      {nextCursor && (
        <button type="button" onClick={() => pages.next(nextCursor)}>
          {nextLabel}
        </button>
      )}
    </div>
  );
}
