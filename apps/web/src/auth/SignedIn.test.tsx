import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SignedIn } from './SignedIn';

describe('SignedIn (automatic sign-out)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  const setup = (idleTimeoutSeconds: number) => {
    const handlers = { onIdle: vi.fn(), onSignOut: vi.fn(), keepAlive: vi.fn() };
    render(
      <SignedIn idleTimeoutSeconds={idleTimeoutSeconds} {...handlers}>
        {(signOut) => (
          <button type="button" onClick={signOut}>
            サインアウト
          </button>
        )}
      </SignedIn>,
    );
    return handlers;
  };

  it('warns a minute before the idle timeout, with focus on 操作を続ける, then signs out', () => {
    const { onIdle } = setup(15 * 60);
    act(() => {
      vi.advanceTimersByTime(14 * 60_000);
    });
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain('あと60秒');
    expect(document.activeElement?.textContent).toBe('操作を続ける');
    act(() => {
      vi.advanceTimersByTime(30_000);
    });
    expect(dialog.textContent).toContain('あと30秒');
    expect(onIdle).not.toHaveBeenCalled();
    act(() => {
      vi.advanceTimersByTime(30_000);
    });
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('keeps the session when the user continues, and pings the api so its deadline moves too', () => {
    const { onIdle, keepAlive } = setup(15 * 60);
    act(() => {
      vi.advanceTimersByTime(14 * 60_000 + 10_000);
    });
    fireEvent.click(screen.getByRole('button', { name: '操作を続ける' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(keepAlive).toHaveBeenCalledTimes(1);
    act(() => {
      vi.advanceTimersByTime(10 * 60_000);
    });
    expect(onIdle).not.toHaveBeenCalled();
  });

  it('counts typing as activity', () => {
    const { onIdle } = setup(15 * 60);
    act(() => {
      vi.advanceTimersByTime(10 * 60_000);
    });
    fireEvent.keyDown(window, { key: 'a' });
    act(() => {
      vi.advanceTimersByTime(10 * 60_000);
    });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(onIdle).not.toHaveBeenCalled();
  });
});
