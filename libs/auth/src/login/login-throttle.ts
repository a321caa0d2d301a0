import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '@tsunagu/common';
import { APP_CONFIG, AppConfig, LoginThrottleConfig } from '@tsunagu/config';
import { createHash } from 'node:crypto';
import { LoginThrottledError } from '../errors';
import { Admission, RedisThrottleStore, Settlement, THROTTLE_STORE, ThrottleKeys, ThrottleStore } from './throttle-store';

/** Which throttles this attempt's failure switched on, for the security event. */
export type EngagedThrottle = 'address' | 'account';

/** One admitted attempt; counted as a failure unless settled otherwise. */
export class ThrottleTicket {
  constructor(
    private readonly settleWith: (how: Settlement) => Promise<void>,
    /** Throttles this attempt starts, should it fail. */
    readonly engages: EngagedThrottle[],
  ) {}

  succeeded(): Promise<void> {
    return this.settleWith('succeeded');
  }

  /** The attempt was not a failure (the password was right and the code not yet asked for). */
  notAFailure(): Promise<void> {
    return this.settleWith('not-a-failure');
  }
}

/**
 * Sign-in throttling instead of locking accounts: after LOGIN_THROTTLE_ADDRESS_FAILURES failures
 * for one account from one address, that address waits for that account, the wait doubling with
 * each further failure; after LOGIN_THROTTLE_ACCOUNT_FAILURES for one account over all addresses,
 * every address waits, except the ones that signed in to it recently, which keep their own
 * budget. A stranger can slow herself and other strangers, never the owner at her usual desk.
 */
@Injectable()
export class LoginThrottle implements OnApplicationShutdown {
  private readonly policy: LoginThrottleConfig;

  constructor(
    @Inject(THROTTLE_STORE) private readonly store: ThrottleStore,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.policy = config.auth.throttle;
  }

  /** Admits an attempt at `loginId` (normalised) from `ip`, or throws LoginThrottledError. */
  async admit(loginId: string, ip: string | null): Promise<ThrottleTicket> {
    const keys = throttleKeys(loginId, ip);
    const admission = await this.store.admit(keys, this.clock.now().getTime(), this.policy);
    if (!admission.admitted) throw new LoginThrottledError(Math.max(1, Math.ceil(admission.waitMs / 1000)));
    return new ThrottleTicket((how) => this.store.settle(keys, admission, how, this.clock.now().getTime(), this.policy), this.engaged(admission));
  }

  private engaged(admission: Admission & { admitted: true }): EngagedThrottle[] {
    const engaged: EngagedThrottle[] = [];
    if (admission.pairCount === this.policy.addressFailures) engaged.push('address');
    if (admission.accountCount === this.policy.accountFailures) engaged.push('account');
    return engaged;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.store instanceof RedisThrottleStore) await this.store.close();
  }
}

/**
 * The login id is hashed so the counters hold no raw id (it is not a secret, so a plain hash
 * suffices); unknown ids are counted exactly like known ones, so throttling tells nothing.
 */
export function throttleKeys(loginId: string, ip: string | null): ThrottleKeys {
  const account = createHash('sha256').update(loginId).digest('hex').slice(0, 32);
  const address = ip ?? 'unknown';
  return { pair: `pair:${account}:${address}`, account: `account:${account}`, trusted: `trusted:${account}:${address}` };
}
