// A <input type="datetime-local"> holds a wall-clock time with no zone. Counselors write Japan
// time, whatever the computer's zone, so the conversion is done here by hand rather than by Date.

const JST_OFFSET_MS = 9 * 3_600_000;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** An instant as the value of a datetime-local input in JST: 2026-04-01T00:30. */
export function jstInputValue(instant: Date): string {
  return new Date(instant.getTime() + JST_OFFSET_MS).toISOString().slice(0, 16);
}

/** A datetime-local value read as JST, as an ISO instant in UTC; null when it is not a real time. */
export function instantOfJstInput(value: string): string | null {
  const match = LOCAL.exec(value.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(utc);
  // Date.UTC rolls 2026-02-30 over to March: refuse dates that are not on the calendar.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return null;
  return new Date(utc - JST_OFFSET_MS).toISOString();
}

/** Whole minutes from `since` to `now`, never negative. */
export function elapsedMinutes(since: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000));
}
