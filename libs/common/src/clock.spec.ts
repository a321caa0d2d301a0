import { testClockOffsetMs } from './clock';

describe('the test clock shift (TSUNAGU_TEST_NOW)', () => {
  const real = Date.parse('2026-12-07T10:00:00Z');

  it('starts a test process at the given instant', () => {
    const offset = testClockOffsetMs({ NODE_ENV: 'test', TSUNAGU_TEST_NOW: '2027-03-31T14:59:00Z' }, real);
    expect(new Date(real + offset).toISOString()).toBe('2027-03-31T14:59:00.000Z');
  });

  it('is ignored outside NODE_ENV=test and when unset', () => {
    expect(testClockOffsetMs({ NODE_ENV: 'production', TSUNAGU_TEST_NOW: '2027-03-31T14:59:00Z' }, real)).toBe(0);
    expect(testClockOffsetMs({ NODE_ENV: 'development', TSUNAGU_TEST_NOW: '2027-03-31T14:59:00Z' }, real)).toBe(0);
    expect(testClockOffsetMs({ NODE_ENV: 'test' }, real)).toBe(0);
  });

  it('refuses anything but an ISO instant', () => {
    expect(() => testClockOffsetMs({ NODE_ENV: 'test', TSUNAGU_TEST_NOW: 'next tuesday' }, real)).toThrow('TSUNAGU_TEST_NOW');
    expect(() => testClockOffsetMs({ NODE_ENV: 'test', TSUNAGU_TEST_NOW: '2027-02-30T00:00:00Z' }, real)).toThrow('TSUNAGU_TEST_NOW');
    expect(() => testClockOffsetMs({ NODE_ENV: 'test', TSUNAGU_TEST_NOW: '2027-04-01T00:00:00+09:00' }, real)).toThrow('UTC');
    expect(testClockOffsetMs({ NODE_ENV: 'test', TSUNAGU_TEST_NOW: '2028-02-29T03:00:00Z' }, real)).toBe(Date.parse('2028-02-29T03:00:00Z') - real);
  });
});
