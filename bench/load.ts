/** What bench/load-client.js is asked to do. */
export interface ClientOptions {
  method: 'GET' | 'POST';
  /** Full URLs; requests go round-robin over them. */
  urls: string[];
  token: string;
  /** JSON body for POST; `{"slot": <client>}` when omitted. */
  body?: unknown;
  expectStatus: number;
  seconds: number;
  /** Closed loop with this many clients, or open loop at `rate` requests per second. */
  concurrency?: number;
  rate?: number;
  /** LINE webhook mode: each request is a new signed text-message event for this channel secret. */
  lineSecret?: string;
}

/** Latency and throughput of one load scenario. */
export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

function summarize(latencies: number[], errors: number, elapsedMs: number): LoadResult {
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] : NaN);
  const seconds = elapsedMs / 1000;
  return { requests: latencies.length, errors, seconds, perSecond: latencies.length / seconds, p50Ms: pct(50), p95Ms: pct(95), p99Ms: pct(99) };
}

/** Closed loop: `concurrency` clients each send the next request when the last one returns (maximum throughput). */
export async function closedLoop(concurrency: number, seconds: number, once: (client: number) => Promise<void>): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, client) => {
      while (performance.now() < until) {
        const t0 = performance.now();
        try {
          await once(client);
          latencies.push(performance.now() - t0);
        } catch {
          errors++;
        }
      }
    }),
  );
  return summarize(latencies, errors, performance.now() - started);
}

/**
 * Open loop at a fixed rate: requests start on schedule whether or not earlier ones have
 * returned, so a slow server shows as latency instead of hiding as a lower rate.
 */
export async function fixedRate(rate: number, seconds: number, once: (n: number) => Promise<void>): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  const total = Math.round(rate * seconds);
  for (let n = 0; n < total; n++) {
    const due = started + (n * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const t0 = performance.now();
    const p: Promise<void> = once(n)
      .then(() => void latencies.push(performance.now() - t0))
      .catch(() => void errors++)
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  return summarize(latencies, errors, performance.now() - started);
}
