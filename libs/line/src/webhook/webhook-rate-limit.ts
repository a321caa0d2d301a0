import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Clock, DomainError } from '@tsunagu/common';
import { APP_CONFIG, AppConfig } from '@tsunagu/config';
import type { NextFunction, Request, Response } from 'express';
import { WINDOW_COUNTER, WindowCounter } from './window-counter';

const MINUTE = 60_000;
/** A path segment that cannot be a channel key (see the channel DTO) shares one counter with the others like it. */
const CHANNEL_KEY = /^[a-z0-9-]{3,40}$/;

/**
 * Requests per minute to the LINE webhook, per client address and per channel key, answered
 * 429 beyond the configured limits. Mounted before the body is read, so a refused request
 * costs a counter and nothing else. The webhook is public: without this anyone could make
 * the api verify signatures and query channels as fast as the network allows.
 */
@Injectable()
export class LineWebhookRateLimit {
  private readonly perAddress: number;
  private readonly perChannel: number;

  constructor(
    @Inject(WINDOW_COUNTER) private readonly counter: WindowCounter,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.perAddress = config.line.webhookLimitPerAddressPerMinute;
    this.perChannel = config.line.webhookLimitPerChannelPerMinute;
  }

  /** Express middleware for /api/v1/line/webhook/:channelKey. */
  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    const segment = req.path.split('/')[1] ?? '';
    this.admit(req.ip ?? 'unknown', CHANNEL_KEY.test(segment) ? segment : '~other').then((retryAfterSeconds) => {
      if (retryAfterSeconds === null) return next();
      res.setHeader('Retry-After', String(retryAfterSeconds));
      next(new DomainError(HttpStatus.TOO_MANY_REQUESTS, 'リクエストが多すぎます。しばらく待ってから再度お試しください'));
    }, next);
  };

  /** null when the request may pass; otherwise the seconds until the current window ends. */
  async admit(address: string, channelKey: string): Promise<number | null> {
    const now = this.clock.now().getTime();
    const window = Math.floor(now / MINUTE);
    const [byAddress, byChannel] = await this.counter.increment([`rate:address:${address}:${window}`, `rate:channel:${channelKey}:${window}`], MINUTE);
    if (byAddress <= this.perAddress && byChannel <= this.perChannel) return null;
    return Math.max(1, Math.ceil(((window + 1) * MINUTE - now) / 1000));
  }
}
