import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@tsunagu/config';

/** A failed call to the LINE API: `retryable` for 5xx, timeouts and network errors, never for 4xx. */
export class LineApiError extends Error {
  constructor(
    readonly status: number | null,
    readonly retryable: boolean,
  ) {
    super(status === null ? 'LINE API unreachable' : `LINE API answered ${status}`);
    this.name = 'LineApiError';
  }
}

/** Whether a failed LINE call should be tried again by the queue: only what may succeed later, and not after the last try. */
export function retryLater(error: unknown, ctx: { attempt: number; maxAttempts: number }): boolean {
  const retryable = !(error instanceof LineApiError) || error.retryable;
  return retryable && ctx.attempt < ctx.maxAttempts;
}

export interface LineTextMessage {
  type: 'text';
  text: string;
}

/** The few Messaging API calls Tsunagu makes, against LINE_API_BASE_URL. Never logs what it sends. */
@Injectable()
export class LineApiClient {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /**
   * Push messages to a user. `retryKey` (X-Line-Retry-Key) makes a retried call deliver once:
   * LINE answers 409 to a key it has already accepted, which counts as delivered.
   */
  async push(accessToken: string, to: string, messages: LineTextMessage[], retryKey: string): Promise<void> {
    const status = await this.post('/v2/bot/message/push', accessToken, { to, messages }, { 'X-Line-Retry-Key': retryKey });
    if (status === 409) return;
    if (status < 200 || status >= 300) throw new LineApiError(status, status >= 500 || status === 429);
  }

  /** Marks the user's messages up to the one carrying `markAsReadToken` as read. */
  async markAsRead(accessToken: string, markAsReadToken: string): Promise<void> {
    const status = await this.post('/v2/bot/chat/markAsRead', accessToken, { markAsReadToken });
    if (status < 200 || status >= 300) throw new LineApiError(status, status >= 500 || status === 429);
  }

  /** Shows the user a loading indicator while a counselor is writing (5–60 s, in steps of 5). */
  async startLoading(accessToken: string, chatId: string, loadingSeconds: number): Promise<void> {
    const status = await this.post('/v2/bot/chat/loading/start', accessToken, { chatId, loadingSeconds });
    if (status < 200 || status >= 300) throw new LineApiError(status, status >= 500 || status === 429);
  }

  private async post(path: string, accessToken: string, body: unknown, headers: Record<string, string> = {}): Promise<number> {
    try {
      const res = await fetch(`${this.config.line.apiBaseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}`, ...headers },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.config.line.apiTimeoutMs),
      });
      await res.arrayBuffer();
      return res.status;
    } catch {
      throw new LineApiError(null, true);
    }
  }
}
