import { Injectable } from '@nestjs/common';

/**
 * `TSUNAGU_TEST_NOW` (an ISO 8601 instant) starts the clock of a test process at that instant,
 * from which it runs on at the real pace. It is honoured only when NODE_ENV=test: the tests run
 * at fiscal-year boundaries, New Year and leap days to prove that none depends on the date it
 * runs on. The offset is taken once per module load, so the application's clock and the test's
 * own idea of "now" (`clockNow()`) agree within a test file.
 */
export function testClockOffsetMs(env: NodeJS.ProcessEnv = process.env, realNow: number = Date.now()): number {
  const start = env.TSUNAGU_TEST_NOW;
  if (!start || env.NODE_ENV !== 'test') return 0;
  const at = Date.parse(start);
  // UTC only, and a day that exists (Date.parse takes 2027-02-30 as 2 March).
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/.test(start) || Number.isNaN(at) || new Date(at).toISOString().slice(0, 10) !== start.slice(0, 10)) {
    throw new Error(`TSUNAGU_TEST_NOW must be a UTC instant in ISO 8601, e.g. 2027-03-31T14:59:00Z (got ${start})`);
  }
  return at - realNow;
}

const offsetMs = testClockOffsetMs();

/** Now, as the application's clock tells it when nothing has moved it: real time, or the test's shifted start. */
export function clockNow(): Date {
  return new Date(Date.now() + offsetMs);
}

/**
 * The time as the application sees it. Rules that depend on the date or on elapsed time (idle
 * sessions, lockouts, deadlines, fiscal years, retention) ask the clock, never `new Date()` or
 * the database's `now()`, so tests can move it instead of sleeping.
 */
@Injectable()
export class Clock {
  now(): Date {
    return clockNow();
  }
}
