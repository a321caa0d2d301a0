import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleTimer, idleTimerSettings } from './idle-timer';

describe('IdleTimer', () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date('2026-04-01T00:00:00Z') }));
  afterEach(() => vi.useRealTimers());

  const make = () => {
    const events = { warnings: [] as number[], timeouts: 0, keepAlives: 0 };
    const timer = new IdleTimer({
      ...idleTimerSettings(15 * 60),
      onWarning: (s) => events.warnings.push(s),
      onTimeout: () => events.timeouts++,
      onKeepAlive: () => events.keepAlives++,
    });
    timer.start();
    return { timer, events };
  };

  it('warns a minute before the idle timeout and signs out at it', () => {
    const { events } = make();
    vi.advanceTimersByTime(14 * 60_000 - 1000);
    expect(events.warnings).toEqual([]);
    vi.advanceTimersByTime(1000);
    expect(events.warnings).toEqual([60]);
    vi.advanceTimersByTime(59_000);
    expect(events.timeouts).toBe(0);
    vi.advanceTimersByTime(1000);
    expect(events.timeouts).toBe(1);
    vi.advanceTimersByTime(60_000);
    expect(events.timeouts).toBe(1);
  });

  it('restarts the count on activity, but not once the warning shows', () => {
    const { timer, events } = make();
    vi.advanceTimersByTime(10 * 60_000);
    timer.activity();
    vi.advanceTimersByTime(14 * 60_000 - 1000);
    expect(events.warnings).toEqual([]);
    vi.advanceTimersByTime(1000);
    expect(timer.warningShown).toBe(true);
    timer.activity();
    vi.advanceTimersByTime(60_000);
    expect(events.timeouts).toBe(1);
  });

  it('keeps the session when the user chooses to continue from the warning', () => {
    const { timer, events } = make();
    vi.advanceTimersByTime(14 * 60_000 + 30_000);
    expect(timer.warningShown).toBe(true);
    timer.extend();
    expect(timer.warningShown).toBe(false);
    vi.advanceTimersByTime(13 * 60_000);
    expect(events.timeouts).toBe(0);
  });

  it('signs out at once when the wall clock jumped past the timeout (sleep, background tab)', () => {
    const { events } = make();
    vi.setSystemTime(Date.now() + 20 * 60_000);
    vi.advanceTimersByTime(1000);
    expect(events.timeouts).toBe(1);
  });

  it('pings the server on activity at most once a minute so its idle deadline slides too', () => {
    const { timer, events } = make();
    timer.activity();
    vi.advanceTimersByTime(30_000);
    timer.activity();
    expect(events.keepAlives).toBe(0);
    vi.advanceTimersByTime(30_000);
    timer.activity();
    expect(events.keepAlives).toBe(1);
  });

  it('warns at half-time for very short timeouts', () => {
    expect(idleTimerSettings(60)).toEqual({ timeoutMs: 60_000, warningMs: 30_000, keepAliveMs: 6_000 });
  });
});
