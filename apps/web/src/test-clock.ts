import { afterEach, beforeEach, vi } from 'vitest';

// TSUNAGU_TEST_NOW (an ISO instant) starts the page's clock there for every web unit test, as it
// does the api's Clock in the jest suites, so no screen test depends on the day it runs on.
// Only Date is faked, and it runs on at the real pace; a test that fakes timers itself still may.
// It is installed before the test file is imported, so dates a file computes at load agree too.
const start = process.env.TSUNAGU_TEST_NOW;

if (start) {
  const shift = () => vi.useFakeTimers({ now: new Date(start), toFake: ['Date'], shouldAdvanceTime: true });
  shift();
  beforeEach(shift);
  afterEach(() => {
    vi.useRealTimers();
  });
}
