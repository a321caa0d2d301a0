import { Logger } from '@nestjs/common';
import type { LoginThrottleConfig } from '@tsunagu/config';
import type { Redis } from 'ioredis';
import { RedisOutageLog } from '@tsunagu/queue';

/**
 * The counters of one sign-in attempt: failures for the account from this address (`pair`), for
 * the account from every address (`account`), and the marker of an address that signed in to
 * the account recently (`trusted`).
 */
export interface ThrottleKeys {
  pair: string;
  account: string;
  trusted: string;
}

/**
 * What the store decided about an attempt. An admitted attempt is counted as a failure at once
 * (so a burst of parallel guesses cannot all pass) and taken back by `settle` if it was not one.
 */
export type Admission =
  | { admitted: false; waitMs: number }
  | {
      admitted: true;
      /** The failure count of the pair and of the account after this attempt (account 0: not counted there). */
      pairCount: number;
      accountCount: number;
    };

/** How an admitted attempt ended, when it was not a failure. */
export type Settlement = 'succeeded' | 'not-a-failure';

export interface ThrottleStore {
  admit(keys: ThrottleKeys, nowMs: number, policy: LoginThrottleConfig): Promise<Admission>;
  settle(keys: ThrottleKeys, admission: Admission & { admitted: true }, how: Settlement, nowMs: number, policy: LoginThrottleConfig): Promise<void>;
}

export const THROTTLE_STORE = Symbol('THROTTLE_STORE');

/** The wait after the n-th failure of a counter whose budget is `threshold`: doubling from the first, capped. */
export function throttleDelayMs(n: number, threshold: number, policy: LoginThrottleConfig): number {
  return n < threshold ? 0 : Math.min(policy.delayMs * 2 ** Math.min(n - threshold, 40), policy.maxDelayMs);
}

interface Counter {
  n: number;
  /** Attempts wait until this instant (ms). */
  until: number;
  /** `until` before the last attempt, restored if that attempt is taken back. */
  previousUntil: number;
  expiresAt: number;
}

/**
 * Counters within this process: the embedded default, and the fallback while Redis is away.
 * Each method runs without an await, so it is as atomic as the Redis script it mirrors.
 */
export class MemoryThrottleStore implements ThrottleStore {
  private readonly counters = new Map<string, Counter>();
  private readonly trusted = new Map<string, number>();
  private nextSweepAt = 0;

  async admit(keys: ThrottleKeys, now: number, policy: LoginThrottleConfig): Promise<Admission> {
    this.sweep(now);
    const isTrusted = (this.trusted.get(keys.trusted) ?? 0) > now;
    const untilOf = (key: string) => this.live(key, now)?.until ?? 0;
    const waitMs = Math.max(untilOf(keys.pair) - now, isTrusted ? 0 : untilOf(keys.account) - now);
    if (waitMs > 0) return { admitted: false, waitMs };
    const bump = (key: string, threshold: number) => {
      const counter = this.live(key, now) ?? { n: 0, until: 0, previousUntil: 0, expiresAt: 0 };
      counter.n += 1;
      counter.previousUntil = counter.until;
      const delay = throttleDelayMs(counter.n, threshold, policy);
      if (delay > 0) counter.until = now + delay;
      counter.expiresAt = now + delay + policy.windowMs;
      this.counters.set(key, counter);
      return counter.n;
    };
    const pairCount = bump(keys.pair, policy.addressFailures);
    // One address adds at most its own budget to the account's: alone it can never slow the others.
    // A trusted address neither waits for the account nor adds to it: the owner's typos never slow her.
    const accountCount = pairCount <= policy.addressFailures && !isTrusted ? bump(keys.account, policy.accountFailures) : 0;
    return { admitted: true, pairCount, accountCount };
  }

  async settle(keys: ThrottleKeys, admission: Admission & { admitted: true }, how: Settlement, now: number, policy: LoginThrottleConfig): Promise<void> {
    const takeBack = (key: string, threshold: number) => {
      const counter = this.live(key, now);
      if (!counter) return;
      counter.n -= 1;
      counter.until = counter.n < threshold ? 0 : counter.previousUntil;
      if (counter.n <= 0) this.counters.delete(key);
    };
    if (how === 'succeeded') {
      this.counters.delete(keys.pair);
      this.trusted.set(keys.trusted, now + policy.trustedAddressMs);
    } else {
      takeBack(keys.pair, policy.addressFailures);
    }
    if (admission.accountCount > 0) takeBack(keys.account, policy.accountFailures);
  }

  private live(key: string, now: number): Counter | undefined {
    const counter = this.counters.get(key);
    return counter && counter.expiresAt > now ? counter : undefined;
  }

  /** Drops expired entries now and then, so a flood of one-off addresses cannot grow the maps for good. */
  private sweep(now: number): void {
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + 10_000;
    for (const [key, counter] of this.counters) if (counter.expiresAt <= now) this.counters.delete(key);
    for (const [key, expiresAt] of this.trusted) if (expiresAt <= now) this.trusted.delete(key);
  }
}

// The same rules as MemoryThrottleStore, run inside Redis so concurrent api processes agree.
// Expiry is checked against the application's clock (field e, the trusted marker's value);
// PEXPIRE only clears Redis of what is certainly stale.
const ADMIT_SCRIPT = `
local now = tonumber(ARGV[1])
local addressFailures, accountFailures = tonumber(ARGV[2]), tonumber(ARGV[3])
local delayMs, maxDelayMs, windowMs = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local function live(key)
  if tonumber(redis.call('HGET', key, 'e') or '0') <= now then redis.call('DEL', key) return false end
  return true
end
local function untilOf(key)
  if not live(key) then return 0 end
  return tonumber(redis.call('HGET', key, 'u') or '0')
end
local trusted = tonumber(redis.call('GET', KEYS[3]) or '0') > now
local wait = untilOf(KEYS[1]) - now
if not trusted then wait = math.max(wait, untilOf(KEYS[2]) - now) end
if wait > 0 then return {0, wait} end
local function bump(key, threshold)
  live(key)
  local n = redis.call('HINCRBY', key, 'n', 1)
  redis.call('HSET', key, 'p', redis.call('HGET', key, 'u') or '0')
  local delay = 0
  if n >= threshold then
    delay = math.min(delayMs * 2 ^ math.min(n - threshold, 40), maxDelayMs)
    redis.call('HSET', key, 'u', string.format('%.0f', now + delay))
  end
  redis.call('HSET', key, 'e', string.format('%.0f', now + delay + windowMs))
  redis.call('PEXPIRE', key, string.format('%.0f', delay + windowMs))
  return n
end
local pairCount = bump(KEYS[1], addressFailures)
local accountCount = 0
if pairCount <= addressFailures and not trusted then accountCount = bump(KEYS[2], accountFailures) end
return {1, pairCount, accountCount}
`;

const SETTLE_SCRIPT = `
local now = tonumber(ARGV[6])
local function takeBack(key, threshold)
  if tonumber(redis.call('HGET', key, 'e') or '0') <= now then return end
  local n = redis.call('HINCRBY', key, 'n', -1)
  if n <= 0 then redis.call('DEL', key) elseif n < threshold then redis.call('HDEL', key, 'u')
  else redis.call('HSET', key, 'u', redis.call('HGET', key, 'p') or '0') end
end
if ARGV[1] == 'succeeded' then
  redis.call('DEL', KEYS[1])
  redis.call('SET', KEYS[3], string.format('%.0f', now + tonumber(ARGV[5])), 'PX', ARGV[5])
else
  takeBack(KEYS[1], tonumber(ARGV[3]))
end
if ARGV[2] == '1' then takeBack(KEYS[2], tonumber(ARGV[4])) end
`;

type ScriptedRedis = Redis & {
  throttleAdmit(pair: string, account: string, trusted: string, ...args: (string | number)[]): Promise<number[]>;
  throttleSettle(pair: string, account: string, trusted: string, ...args: (string | number)[]): Promise<unknown>;
};

/**
 * Counters in Redis, shared by every api process. Redis being away must not stop sign-in: an
 * attempt whose admission fails in Redis is counted in this process's memory instead.
 */
export class RedisThrottleStore implements ThrottleStore {
  private readonly redis: ScriptedRedis;
  private readonly outage = new RedisOutageLog(new Logger('LoginThrottle'), 'Redis unavailable: sign-in throttle counted in this process until it is back');
  /** Admissions the fallback made, so their settlement goes to the same place. */
  private readonly fromFallback = new WeakSet<Admission>();

  constructor(
    redis: Redis,
    private readonly fallback: ThrottleStore,
  ) {
    redis.defineCommand('throttleAdmit', { numberOfKeys: 3, lua: ADMIT_SCRIPT });
    redis.defineCommand('throttleSettle', { numberOfKeys: 3, lua: SETTLE_SCRIPT });
    this.redis = redis as ScriptedRedis;
  }

  async admit(keys: ThrottleKeys, now: number, policy: LoginThrottleConfig): Promise<Admission> {
    try {
      const [admitted, a, b] = await this.redis.throttleAdmit(
        keys.pair, keys.account, keys.trusted,
        now, policy.addressFailures, policy.accountFailures, policy.delayMs, policy.maxDelayMs, policy.windowMs,
      );
      this.outage.recovered();
      return admitted === 1 ? { admitted: true, pairCount: a, accountCount: b } : { admitted: false, waitMs: a };
    } catch (error) {
      this.outage.failed(error);
      const admission = await this.fallback.admit(keys, now, policy);
      this.fromFallback.add(admission);
      return admission;
    }
  }

  async settle(keys: ThrottleKeys, admission: Admission & { admitted: true }, how: Settlement, now: number, policy: LoginThrottleConfig): Promise<void> {
    if (this.fromFallback.has(admission)) return this.fallback.settle(keys, admission, how, now, policy);
    try {
      await this.redis.throttleSettle(
        keys.pair, keys.account, keys.trusted,
        how, admission.accountCount > 0 ? '1' : '0', policy.addressFailures, policy.accountFailures, policy.trustedAddressMs, now,
      );
    } catch (error) {
      // The attempt stays counted as a failure: the safe side.
      this.outage.failed(error);
    }
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
