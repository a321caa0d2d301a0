import { useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';

const FOCUSABLE = 'textarea, button:not([disabled]), input:not([disabled]), select, [href]';

/**
 * A modal dialog's focus and keys: focus starts on `initial` and returns to the opener when the
 * dialog goes; Escape calls `onClose`; Tab and Shift+Tab stay inside the dialog.
 */
export function useModal(onClose: () => void, initial: RefObject<HTMLElement | null>) {
  const dialogRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    initial.current?.focus();
    return () => opener?.focus?.();
    // Once per opening: the opener is whatever had the focus then.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== 'Tab') return;
    const focusable = dialogRef.current?.querySelectorAll<HTMLElement>(FOCUSABLE);
    if (!focusable || focusable.length === 0) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return { dialogRef, onKeyDown };
}
