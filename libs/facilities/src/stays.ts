import { addDays, addMonths, daysBetween, fiscalYearRange } from '@tsunagu/common';

/**
 * A stay as the counts see it: admitted on `start`, left on `end` (null while she is still
 * there). Dates are JST calendar days, YYYY-MM-DD. A stay occupies the nights start … end−1:
 * the night of the day she leaves is not hers.
 */
export interface Stay {
  start: string;
  end: string | null;
  adults: number;
  children: number;
}

/** 受入日数 of one stay: nights from admission to leaving, or to `asOf` while it is open. */
export function nightsStayed(stay: Pick<Stay, 'start' | 'end'>, asOf: string): number {
  return nightsWithin(stay, stay.start, addDays(asOf, -1));
}

/** Nights of a stay that fall between `from` and `to` inclusive (e.g. one fiscal year); an open stay runs on. */
export function nightsWithin(stay: Pick<Stay, 'start' | 'end'>, from: string, to: string): number {
  const first = stay.start > from ? stay.start : from;
  const lastNight = stay.end === null ? to : addDays(stay.end, -1);
  const last = lastNight < to ? lastNight : to;
  return Math.max(0, daysBetween(first, last) + 1);
}

/** Whether the stay occupies the night of `date`. */
export function occupiesNight(stay: Pick<Stay, 'start' | 'end'>, date: string): boolean {
  return stay.start <= date && (stay.end === null || date < stay.end);
}

export interface NightlyOccupancy {
  date: string;
  adults: number;
  children: number;
  /** One per stay: a mother and her children are one household. */
  households: number;
}

/** Occupancy of each night from `from` to `to` inclusive. */
export function nightlyOccupancy(stays: readonly Stay[], from: string, to: string): NightlyOccupancy[] {
  const nights: NightlyOccupancy[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const present = stays.filter((s) => occupiesNight(s, date));
    nights.push({
      date,
      adults: present.reduce((n, s) => n + s.adults, 0),
      children: present.reduce((n, s) => n + s.children, 0),
      households: present.length,
    });
  }
  return nights;
}

/**
 * Households in residence on the 1st of each month of a fiscal year (the day 措置費 is
 * computed on); their sum is 延べ世帯数. In residence on the 1st means she stays the night of
 * the 1st: admitted on or before it and not leaving on it.
 */
export function householdsOnFirstOfMonth(stays: readonly Stay[], fiscalYear: number): { month: string; households: number }[] {
  const { from } = fiscalYearRange(fiscalYear);
  return Array.from({ length: 12 }, (_, i) => {
    const first = addMonths(from, i);
    return { month: first.slice(0, 7), households: stays.filter((s) => occupiesNight(s, first)).length };
  });
}

/** 退所世帯数: stays that ended between `from` and `to` inclusive. */
export function exitsWithin(stays: readonly Stay[], from: string, to: string): number {
  return stays.filter((s) => s.end !== null && s.end >= from && s.end <= to).length;
}

/** What the program report needs of one facility's stays in one fiscal year. */
export interface YearFigures {
  /** Stays admitted in the year (入所件数). */
  admissions: number;
  adultsAdmitted: number;
  childrenAdmitted: number;
  /** 受入日数 within the year; open stays up to the night before `today`. */
  nights: number;
  /** 延べ世帯数: households in residence on the 1st, summed over the months up to `today`. */
  householdMonths: number;
  /** 退所世帯数. */
  exits: number;
  months: { month: string; householdsOnFirst: number }[];
}

/**
 * A facility's figures for a fiscal year from its admitted stays, counted up to `today`: an
 * open stay has not lived its future nights or months yet.
 */
export function yearFigures(stays: readonly Stay[], fiscalYear: number, today: string): YearFigures {
  const { from, to } = fiscalYearRange(fiscalYear);
  const admitted = stays.filter((s) => s.start >= from && s.start <= to);
  const yesterday = addDays(today, -1);
  const lastNight = yesterday < to ? yesterday : to;
  const months = householdsOnFirstOfMonth(stays, fiscalYear).map((m) => ({
    month: m.month,
    householdsOnFirst: `${m.month}-01` <= today ? m.households : 0,
  }));
  return {
    admissions: admitted.length,
    adultsAdmitted: admitted.reduce((n, s) => n + s.adults, 0),
    childrenAdmitted: admitted.reduce((n, s) => n + s.children, 0),
    nights: lastNight < from ? 0 : stays.reduce((n, s) => n + nightsWithin(s, from, lastNight), 0),
    householdMonths: months.reduce((n, m) => n + m.householdsOnFirst, 0),
    exits: exitsWithin(stays, from, to),
    months,
  };
}
