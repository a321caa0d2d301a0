/**
 * Fixed code lists, with their Japanese labels: stable English codes are stored and counted,
 * labels are shown. Lists that cities may extend (programs, 主訴) are tables instead.
 */
export enum Channel {
  Phone = 'phone',
  Visit = 'visit',
  Line = 'line',
  Email = 'email',
  Online = 'online',
  Outreach = 'outreach',
}

export const CHANNEL_LABELS: Record<Channel, string> = {
  [Channel.Phone]: '電話',
  [Channel.Visit]: '来所',
  [Channel.Line]: 'LINE',
  [Channel.Email]: 'メール',
  [Channel.Online]: 'オンライン',
  [Channel.Outreach]: '訪問・同行',
};

export enum Gender {
  Female = 'female',
  Male = 'male',
  Other = 'other',
  Unknown = 'unknown',
}

export const GENDER_LABELS: Record<Gender, string> = {
  [Gender.Female]: '女性',
  [Gender.Male]: '男性',
  [Gender.Other]: 'その他',
  [Gender.Unknown]: '不明',
};

/** Age bands of the statistics; kept in clear beside the encrypted birth date. */
export enum AgeBand {
  Under20 = 'under-20',
  Twenties = '20s',
  Thirties = '30s',
  Forties = '40s',
  Fifties = '50s',
  Sixties = '60s',
  SeventyPlus = '70-plus',
  Unknown = 'unknown',
}

export const AGE_BAND_LABELS: Record<AgeBand, string> = {
  [AgeBand.Under20]: '〜19歳',
  [AgeBand.Twenties]: '20歳代',
  [AgeBand.Thirties]: '30歳代',
  [AgeBand.Forties]: '40歳代',
  [AgeBand.Fifties]: '50歳代',
  [AgeBand.Sixties]: '60歳代',
  [AgeBand.SeventyPlus]: '70歳以上',
  [AgeBand.Unknown]: '不明',
};

/** The age band of someone born on `birthDate` (YYYY-MM-DD) on day `on`. */
export function ageBandOf(birthDate: string | null | undefined, on: string): AgeBand {
  if (!birthDate) return AgeBand.Unknown;
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  const age = y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
  if (age < 0) return AgeBand.Unknown;
  if (age < 20) return AgeBand.Under20;
  if (age >= 70) return AgeBand.SeventyPlus;
  return [AgeBand.Twenties, AgeBand.Thirties, AgeBand.Forties, AgeBand.Fifties, AgeBand.Sixties][Math.floor(age / 10) - 2];
}

/** How a program's consultations are counted in the report. */
export enum CountingUnit {
  /** One consultation (電話・来所…) is one 件. */
  Contact = 'contact',
  /** One conversation session is one 件 (LINE). */
  Session = 'session',
}

export const COUNTING_UNIT_LABELS: Record<CountingUnit, string> = {
  [CountingUnit.Contact]: '相談1回',
  [CountingUnit.Session]: '会話1回',
};
