import type { ApiResult } from '../../api/hooks';
import type { Schemas } from '../../api/client';
import type { ServiceHoursRule } from './service-hours-text';

// The api's answers these screens read. Users and facilities are typed in schema.d.ts; the
// departments, programs and closure days controllers declare no response type there yet, so their
// shapes are written here from libs/codes (DepartmentDto, ProgramDto, ClosureDayDto).

export type User = Schemas['UserResponseDto'];
export type Role = User['role'];
export type FacilityKind = Schemas['FacilityDto']['kind'];
export type Channel = NonNullable<Schemas['UpdateProgramDto']['channels']>[number];

export interface Department {
  id: string;
  code: string;
  name: string;
  active: boolean;
}

export interface Program {
  code: string;
  name: string;
  channels: Channel[];
  countingUnit: 'contact' | 'session';
  active: boolean;
  serviceHours: ServiceHoursRule[] | null;
}

export interface ClosureDay {
  id: string;
  /** One date, YYYY-MM-DD; or */
  onDate: string | null;
  /** MM-DD, every year. */
  monthDay: string | null;
  label: string;
}

/**
 * A facility as these screens keep it: the list's fields only. Address and phone are write-only
 * for the admin, so even if an answer carried them they are dropped here and never reach the screen.
 */
export interface Facility {
  id: string;
  kind: FacilityKind;
  name: string;
  operator: string | null;
  capacity: number;
  capacityUnit: 'persons' | 'households';
  inCity: boolean;
  status: 'operating' | 'suspended';
  suspendedSince: string | null;
  version: number;
}

export function toFacility(f: Schemas['FacilityDto']): Facility {
  const { id, kind, name, operator, capacity, capacityUnit, inCity, status, suspendedSince, version } = f;
  return { id, kind, name, operator, capacity, capacityUnit, inCity, status, suspendedSince, version };
}

/** An openapi-fetch call whose success body the schema leaves untyped, read as `T`. */
export async function typed<T>(call: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<ApiResult<T>> {
  const { data, error, response } = await call;
  return { data: data as T | undefined, error, response };
}
