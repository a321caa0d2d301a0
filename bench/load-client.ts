// A load generator in its own process, so the client's CPU does not come out of the server's.
// Usage: node load-client.js '<json ClientOptions>'; prints one JSON LoadResult line.
import { ClientOptions, closedLoop, fixedRate } from './load';

async function main(): Promise<void> {
  const o = JSON.parse(process.argv[2]) as ClientOptions;
  const send = async (n: number) => {
    const res = await fetch(o.urls[n % o.urls.length], {
      method: o.method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${o.token}` },
      body: o.method === 'POST' ? JSON.stringify(o.body ?? { slot: n }) : undefined,
    });
    await res.arrayBuffer();
    if (res.status !== o.expectStatus) throw new Error(`HTTP ${res.status}`);
  };
  const result = o.rate ? await fixedRate(o.rate, o.seconds, send) : await closedLoop(o.concurrency ?? 8, o.seconds, send);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

void main();
