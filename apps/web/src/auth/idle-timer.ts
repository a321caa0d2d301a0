export interface IdleTimerOptions {
  /** Sign out after this long without user activity. */
  timeoutMs: number;
  /** Warn this long before the sign-out. */
  warningMs: number;
  /** Activity pings the server at most this often so its idle deadline slides too. */
  keepAliveMs: number;
  onWarning: (secondsLeft: number) => void;
  onTimeout: () => void;
  onKeepAlive: () => void;
  now?: () => number;
  tickMs?: number;
}

/**
 * Counts idle time from the last user activity, checked every tick against the wall clock (so a
 * sleeping laptop or a throttled background tab still signs out on time). While the warning
 * shows, stray activity doesn't dismiss it: the user confirms with `extend()`.
 */
export class IdleTimer {
  private lastActivity = 0;
  private lastKeepAlive = 0;
  private warning = false;
  private done = false;
  private interval: ReturnType<typeof setInterval> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: IdleTimerOptions) {
    this.now = options.now ?? Date.now;
  }

  start(): void {
    this.lastActivity = this.lastKeepAlive = this.now();
    this.interval = setInterval(() => this.check(), this.options.tickMs ?? 1000);
  }

  stop(): void {
    clearInterval(this.interval);
    this.interval = undefined;
  }

  get warningShown(): boolean {
    return this.warning;
  }

  /** A key press, click or scroll. */
  activity(): void {
    if (this.warning || this.done) return;
    this.touch();
  }

  /** The user chose to stay signed in from the warning. */
  extend(): void {
    if (this.done) return;
    this.warning = false;
    this.lastKeepAlive = 0;
    this.touch();
  }

  private touch(): void {
    const now = this.now();
    this.lastActivity = now;
    if (now - this.lastKeepAlive >= this.options.keepAliveMs) {
      this.lastKeepAlive = now;
      this.options.onKeepAlive();
    }
  }

  private check(): void {
    if (this.done) return;
    const left = this.options.timeoutMs - (this.now() - this.lastActivity);
    if (left <= 0) {
      this.done = true;
      this.warning = false;
      this.stop();
      this.options.onTimeout();
    } else if (left <= this.options.warningMs) {
      this.warning = true;
      this.options.onWarning(Math.ceil(left / 1000));
    }
  }
}

/** The warning comes a minute before, or at half-time for very short timeouts (tests, demos). */
export function idleTimerSettings(idleTimeoutSeconds: number): Pick<IdleTimerOptions, 'timeoutMs' | 'warningMs' | 'keepAliveMs'> {
  const timeoutMs = idleTimeoutSeconds * 1000;
  return {
    timeoutMs,
    warningMs: Math.min(60_000, Math.floor(timeoutMs / 2)),
    // The api slides its deadline at most once per min(1 min, timeout/10); ping no more often.
    keepAliveMs: Math.min(60_000, Math.floor(timeoutMs / 10)),
  };
}
