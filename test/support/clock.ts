import { addDays, addMonths, clockNow, jstDate } from '@tsunagu/common';

// The test's own idea of "now" is the application's clock before any advanceClock: real time,
// or the instant TSUNAGU_TEST_NOW shifted this test file to. Tests take today, this month and
// this fiscal year from here, never from `new Date()` or `Date.now()` (test/no-wall-clock.spec.ts).

export const testNow = (): Date => clockNow();

/** Today in JST (YYYY-MM-DD), `days` away. */
export const testToday = (days = 0): string => addDays(jstDate(clockNow()), days);

/** This JST month (YYYY-MM), `months` away. */
export const testMonth = (months = 0): string => addMonths(`${jstDate(clockNow()).slice(0, 7)}-01`, months).slice(0, 7);

/** An instant `ms` away from now, in ISO form. */
export const testInstant = (ms = 0): string => new Date(clockNow().getTime() + ms).toISOString();

/** The environment that starts a child process's clock where this one is now (empty on the real clock). */
export function testClockEnv(): Record<string, string> {
  return process.env.TSUNAGU_TEST_NOW ? { TSUNAGU_TEST_NOW: clockNow().toISOString() } : {};
}
