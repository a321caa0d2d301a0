import { Logger } from '@nestjs/common';
import { ConnectionOptions } from 'bullmq';
import { Redis } from 'ioredis';

/** ioredis options from a redis:// or rediss:// URL (BullMQ takes options, not a URL). */
export function redisConnection(url: string): ConnectionOptions {
  const u = new URL(url);
  const db = u.pathname && u.pathname !== '/' ? Number(u.pathname.slice(1)) : 0;
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: Number.isInteger(db) ? db : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    // Workers block on Redis; BullMQ requires unlimited retries per request for them.
    maxRetriesPerRequest: null,
  };
}

/** How long a call on the request path may wait on Redis before the caller falls back. */
const REQUEST_PATH_TIMEOUT_MS = 250;

/**
 * A client for counters on the request path (rate limits, sign-in throttling): it fails fast
 * instead of queueing while Redis is away, so the caller can fall back to its own memory.
 */
export function requestPathRedis(url: string, keyPrefix: string): Redis {
  const redis = new Redis(url, { keyPrefix, enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: REQUEST_PATH_TIMEOUT_MS });
  // ioredis reconnects by itself; each caller reports a failed call and falls back.
  redis.on('error', () => undefined);
  return redis;
}

/**
 * The one warning of a Redis outage on the request path: logged at the first failed call, and
 * again only after a call has succeeded since (no line per request while Redis is away).
 */
export class RedisOutageLog {
  private warned = false;

  constructor(
    private readonly logger: Logger,
    private readonly message: string,
  ) {}

  failed(error: unknown): void {
    if (this.warned) return;
    this.warned = true;
    this.logger.warn({ errorType: (error as Error)?.name }, this.message);
  }

  recovered(): void {
    this.warned = false;
  }
}
