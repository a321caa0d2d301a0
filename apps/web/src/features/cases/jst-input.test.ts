import { describe, expect, it } from 'vitest';
import { elapsedMinutes, instantOfJstInput, jstInputValue } from './jst-input';

describe('JST datetime-local conversion', () => {
  it('reads a JST wall-clock time as the UTC instant, across the date line', () => {
    expect(instantOfJstInput('2026-04-01T00:30')).toBe('2026-03-31T15:30:00.000Z');
    expect(instantOfJstInput('2026-04-01T09:00')).toBe('2026-04-01T00:00:00.000Z');
    expect(instantOfJstInput('2025-12-31T23:59:30')).toBe('2025-12-31T14:59:30.000Z');
  });

  it('writes a UTC instant as JST wall-clock time for the input', () => {
    expect(jstInputValue(new Date('2026-03-31T15:30:00.000Z'))).toBe('2026-04-01T00:30');
    expect(jstInputValue(new Date('2026-04-01T14:59:59.999Z'))).toBe('2026-04-01T23:59');
  });

  it('round-trips', () => {
    const value = '2026-02-28T18:05';
    expect(jstInputValue(new Date(instantOfJstInput(value)!))).toBe(value);
  });

  it('refuses what is not a real time', () => {
    expect(instantOfJstInput('')).toBeNull();
    expect(instantOfJstInput('2026-02-30T10:00')).toBeNull();
    expect(instantOfJstInput('2026-04-01T24:00')).toBeNull();
    expect(instantOfJstInput('2026-04-01 10:00')).toBeNull();
  });

  it('counts whole elapsed minutes', () => {
    expect(elapsedMinutes(new Date('2026-04-01T00:00:00Z'), new Date('2026-04-01T00:12:59Z'))).toBe(12);
    expect(elapsedMinutes(new Date('2026-04-01T00:10:00Z'), new Date('2026-04-01T00:00:00Z'))).toBe(0);
  });
});
