import { createHmac, randomUUID } from 'node:crypto';

// LINE webhook deliveries in their real shape (webhook.CallbackRequest), synthetic: no real
// account or person. One place for the event, the body and LINE's signature over it.

/** LINE's x-line-signature: base64 HMAC-SHA256 of the raw body under the channel secret. */
export const lineSignature = (body: string, secret: string): string => createHmac('sha256', secret).update(Buffer.from(body, 'utf8')).digest('base64');

/** One webhook event from `userId` at `timestamp` (ms), with a fresh webhookEventId. */
export function lineEvent(type: string, userId: string, timestamp: number, extra: Record<string, unknown> = {}, redelivery = false) {
  return {
    type,
    mode: 'active',
    timestamp,
    source: { type: 'user', userId },
    webhookEventId: `01J${randomUUID().replace(/-/g, '').slice(0, 23).toUpperCase()}`,
    deliveryContext: { isRedelivery: redelivery },
    ...extra,
  };
}

/** A text message event; the message id is its timestamp. */
export const lineText = (userId: string, timestamp: number, text: string) =>
  lineEvent('message', userId, timestamp, { replyToken: 'synthetic-reply-token', message: { id: String(timestamp), type: 'text', quoteToken: 'q', text } });

/** The request body LINE sends for `events`. */
export const lineBody = (...events: unknown[]): string => JSON.stringify({ destination: `U${'0'.repeat(32)}`, events });
