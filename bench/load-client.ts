// A load generator in its own process, so the client's CPU does not come out of the server's.
// Usage: node load-client.js '<json ClientOptions>'; prints one JSON LoadResult line.
// node:http with a keep-alive agent rather than fetch: it costs the shared CPUs less per request.
import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';
import { ClientOptions, closedLoop, fixedRate } from './load';

async function main(): Promise<void> {
  const o = JSON.parse(process.argv[2]) as ClientOptions;
  const agent = new Agent({ keepAlive: true, maxSockets: o.concurrency ?? 256 });
  const urls = o.urls.map((u) => new URL(u));
  const send = (n: number) =>
    new Promise<void>((ok, fail) => {
      const url = urls[n % urls.length];
      const body = o.method === 'POST' ? Buffer.from(JSON.stringify(o.lineSecret ? lineEvent(n) : (o.body ?? { slot: n }))) : undefined;
      const signature = o.lineSecret && body ? { 'x-line-signature': createHmac('sha256', o.lineSecret).update(body).digest('base64') } : {};
      const req = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method: o.method,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${o.token}`, ...signature, ...(body ? { 'content-length': body.length } : {}) },
        },
        (res) => {
          res.resume();
          res.once('end', () => (res.statusCode === o.expectStatus ? ok() : fail(new Error(`HTTP ${res.statusCode}`))));
        },
      );
      req.once('error', fail);
      req.end(body);
    });
  const result = o.rate ? await fixedRate(o.rate, o.seconds, send) : await closedLoop(o.concurrency ?? 8, o.seconds, send);
  agent.destroy();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** A synthetic LINE text-message event with an id of its own (users spread over 100 synthetic ids). */
function lineEvent(n: number) {
  const user = `U${(n % 100).toString(16).padStart(32, '0')}`;
  return {
    destination: `U${'0'.repeat(32)}`,
    events: [
      {
        type: 'message',
        mode: 'active',
        timestamp: Date.now(),
        source: { type: 'user', userId: user },
        webhookEventId: `bench-${process.pid}-${n}`,
        deliveryContext: { isRedelivery: false },
        replyToken: 'bench',
        message: { id: String(n), type: 'text', quoteToken: 'q', text: '架空のベンチマーク用メッセージ' },
      },
    ],
  };
}

void main();
