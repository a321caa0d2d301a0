// A load generator in its own process, so the client's CPU does not come out of the server's.
// Usage: node load-client.js <json options>; prints one JSON LoadResult line.
import { closedLoop } from './load';

interface ClientOptions {
  url: string;
  token: string;
  concurrency: number;
  seconds: number;
  /** Body per client index; {"slot": i} when omitted. */
  expectStatus: number;
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2]) as ClientOptions;
  const result = await closedLoop(options.concurrency, options.seconds, async (client) => {
    const res = await fetch(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
      body: JSON.stringify({ slot: client }),
    });
    await res.arrayBuffer();
    if (res.status !== options.expectStatus) throw new Error(`HTTP ${res.status}`);
  });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

void main();
