import type { User } from './types';

/**
 * The api has no list of 係 (units) yet: the one seeded by the migrations (SecurityCore) is named
 * here, and any other unit a user already belongs to is offered by its id's first characters.
 */
const SEEDED_UNITS: ReadonlyArray<readonly [string, string]> = [['6d1f3c2a-0b7e-4c59-9a51-3f0e8a7b1c01', '相談係']];

export function unitOptions(users: readonly User[]): Array<readonly [string, string]> {
  const options = new Map<string, string>(SEEDED_UNITS);
  for (const u of users) if (u.unitId && !options.has(u.unitId)) options.set(u.unitId, unitName(u.unitId));
  return [...options];
}

export function unitName(id: string): string {
  return SEEDED_UNITS.find(([unitId]) => unitId === id)?.[1] ?? `係（${id.slice(0, 8)}）`;
}
