import type { LoginThrottleConfig } from '@tsunagu/config';
import { requestPathRedis } from '@tsunagu/queue';
import { randomBytes } from 'node:crypto';
import { throttleKeys } from './login-throttle';
import { Admission, MemoryThrottleStore, RedisThrottleStore, throttleDelayMs, ThrottleStore } from './throttle-store';

const SECOND = 1000;
const policy: LoginThrottleConfig = { addressFailures: 3, accountFailures: 7, delayMs: 10 * SECOND, maxDelayMs: 60 * SECOND, windowMs: 300 * SECOND, trustedAddressMs: 3600 * SECOND };
const T0 = 1_900_000_000_000;

type Admitted = Admission & { admitted: true };
const admitted = (a: Admission): Admitted => {
  if (!a.admitted) throw new Error(`refused for ${a.waitMs} ms`);
  return a;
};

it('doubles the wait from the first one, up to the cap', () => {
  expect([2, 3, 4, 5, 6, 9].map((n) => throttleDelayMs(n, 3, policy))).toEqual([0, 10_000, 20_000, 40_000, 60_000, 60_000]);
});

const realRedisUrl = process.env.REDIS_URL || undefined;
const stores: [string, () => { store: ThrottleStore; close: () => Promise<void> }][] = [
  ['memory', () => ({ store: new MemoryThrottleStore(), close: async () => undefined })],
];
if (realRedisUrl) {
  stores.push([
    'Redis',
    () => {
      const store = new RedisThrottleStore(requestPathRedis(realRedisUrl, `t${randomBytes(5).toString('hex')}:login-throttle:`), new MemoryThrottleStore());
      return { store, close: () => store.close() };
    },
  ]);
}

describe.each(stores)('the %s throttle store', (_name, make) => {
  let store: ThrottleStore;
  let close: () => Promise<void>;
  // Unique per test, so the stores' state never leaks from one test to the next.
  let id = 0;
  const keysOf = (ip: string) => throttleKeys(`user-${id}`, ip);
  const fail = async (ip: string, at: number) => admitted(await store.admit(keysOf(ip), at, policy));
  const waitOf = async (ip: string, at: number) => {
    const a = await store.admit(keysOf(ip), at, policy);
    return a.admitted ? 0 : a.waitMs;
  };

  beforeAll(() => ({ store, close } = make()));
  afterAll(() => close());
  beforeEach(() => {
    id += 1;
  });

  it('lets an address fail its budget, then makes it wait longer after every failure', async () => {
    for (let i = 1; i <= 3; i++) expect((await fail('192.0.2.1', T0)).pairCount).toBe(i);
    expect(await waitOf('192.0.2.1', T0)).toBe(10 * SECOND);
    expect(await waitOf('192.0.2.1', T0 + 4 * SECOND)).toBe(6 * SECOND);
    await fail('192.0.2.1', T0 + 10 * SECOND);
    expect(await waitOf('192.0.2.1', T0 + 10 * SECOND)).toBe(20 * SECOND);
    // Another address is not slowed by the first.
    await fail('192.0.2.2', T0 + 10 * SECOND);
  });

  it('admits one of a burst of parallel attempts past the budget, not all', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => store.admit(keysOf('192.0.2.1'), T0, policy)));
    expect(results.filter((r) => r.admitted)).toHaveLength(3);
  });

  it('counts at most an address\'s budget towards the account, and slows every address past the account\'s', async () => {
    for (let i = 0; i < 6; i++) await fail('192.0.2.1', T0 + i * 60 * SECOND);
    expect((await fail('192.0.2.2', T0 + 400 * SECOND)).accountCount).toBe(4);
    await fail('192.0.2.3', T0 + 400 * SECOND);
    await fail('192.0.2.3', T0 + 400 * SECOND);
    const seventh = await fail('192.0.2.3', T0 + 400 * SECOND);
    expect(seventh.accountCount).toBe(7);
    expect(await waitOf('198.51.100.9', T0 + 400 * SECOND)).toBe(10 * SECOND);
  });

  it('keeps an address that signed in recently out of the account\'s throttle', async () => {
    const ticket = await fail('192.0.2.50', T0);
    await store.settle(keysOf('192.0.2.50'), ticket, 'succeeded', T0, policy);
    for (let i = 0; i < 7; i++) await fail(`198.51.100.${i}`, T0 + SECOND);
    expect(await waitOf('203.0.113.1', T0 + SECOND)).toBe(10 * SECOND);
    expect(await waitOf('192.0.2.50', T0 + SECOND)).toBe(0);
  });

  it('takes back an attempt that was not a failure, and forgets failures after the window', async () => {
    await fail('192.0.2.1', T0);
    await fail('192.0.2.1', T0);
    const third = await fail('192.0.2.1', T0);
    await store.settle(keysOf('192.0.2.1'), third, 'not-a-failure', T0, policy);
    expect((await fail('192.0.2.1', T0)).pairCount).toBe(3);
    expect(await waitOf('192.0.2.1', T0)).toBe(10 * SECOND);
    expect((await fail('192.0.2.1', T0 + 20 * SECOND + policy.windowMs)).pairCount).toBe(1);
  });
});

it('counts in memory, still throttling, while Redis cannot be reached', async () => {
  // Port 1: nothing listens, so every call fails fast.
  const store = new RedisThrottleStore(requestPathRedis('redis://127.0.0.1:1', 'unreachable:'), new MemoryThrottleStore());
  try {
    const keys = throttleKeys('user-offline', '192.0.2.1');
    for (let i = 0; i < 3; i++) admitted(await store.admit(keys, T0, policy));
    expect(await store.admit(keys, T0, policy)).toEqual({ admitted: false, waitMs: 10 * SECOND });
  } finally {
    await store.close();
  }
});
