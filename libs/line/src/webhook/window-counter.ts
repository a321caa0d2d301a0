import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { RedisOutageLog } from '@tsunagu/queue';

/**
 * Counts events per key in fixed time windows (the window is part of the key the caller
 * builds). Shared by every api process when it lives in Redis.
 */
export interface WindowCounter {
  /** Adds one to each key and returns the new counts; a key is forgotten `ttlMs` after its last increment. */
  increment(keys: string[], ttlMs: number): Promise<number[]>;
  /** The count of a key, removed at once, so of several processes asking only one gets it (0 if none). */
  take(key: string): Promise<number>;
}

export const WINDOW_COUNTER = Symbol('WINDOW_COUNTER');

/** Counts within this process: the embedded default, and the fallback while Redis is away. */
export class MemoryWindowCounter implements WindowCounter {
  private readonly counts = new Map<string, { count: number; expiresAt: number }>();
  private nextSweepAt = 0;

  constructor(private readonly now: () => number) {}

  async increment(keys: string[], ttlMs: number): Promise<number[]> {
    const now = this.now();
    this.sweep(now);
    return keys.map((key) => {
      const entry = this.counts.get(key);
      const count = entry && entry.expiresAt > now ? entry.count + 1 : 1;
      this.counts.set(key, { count, expiresAt: now + ttlMs });
      return count;
    });
  }

  async take(key: string): Promise<number> {
    const entry = this.counts.get(key);
    this.counts.delete(key);
    return entry && entry.expiresAt > this.now() ? entry.count : 0;
  }

  /** Drops expired keys now and then, so a flood of one-off keys (addresses) cannot grow the map for good. */
  private sweep(now: number): void {
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + 10_000;
    for (const [key, entry] of this.counts) if (entry.expiresAt <= now) this.counts.delete(key);
  }
}

/**
 * Counts in Redis, so every api process sees the same numbers. Redis being away must not stop
 * the webhook (DESIGN.md invariant 8): a failed call counts in this process's memory instead.
 */
export class RedisWindowCounter implements WindowCounter {
  private readonly outage = new RedisOutageLog(new Logger('WindowCounter'), 'Redis unavailable: webhook counters kept in this process until it is back');

  constructor(
    private readonly redis: Redis,
    private readonly fallback: WindowCounter,
  ) {}

  async increment(keys: string[], ttlMs: number): Promise<number[]> {
    try {
      const pipeline = this.redis.multi();
      for (const key of keys) pipeline.incr(key).pexpire(key, ttlMs);
      const results = (await pipeline.exec()) ?? [];
      const counts = keys.map((_, i) => {
        const [error, count] = results[i * 2] ?? [new Error('no reply'), null];
        if (error) throw error;
        return Number(count);
      });
      this.outage.recovered();
      return counts;
    } catch (error) {
      this.outage.failed(error);
      return this.fallback.increment(keys, ttlMs);
    }
  }

  async take(key: string): Promise<number> {
    const local = await this.fallback.take(key);
    try {
      const [[error, count]] = ((await this.redis.multi().get(key).del(key).exec()) ?? [[new Error('no reply'), null]]) as [Error | null, unknown][];
      if (error) throw error;
      return local + Number(count ?? 0);
    } catch (error) {
      this.outage.failed(error);
      return local;
    }
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
