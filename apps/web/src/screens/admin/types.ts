import type { Schemas } from '../../api/client';

// The api's answers these screens read, as generated in schema.d.ts.
export type User = Schemas['UserResponseDto'];
export type Role = User['role'];
export type Unit = Schemas['UnitDto'];
export type Department = Schemas['DepartmentDto'];
export type Program = Schemas['ProgramDto'];
export type ClosureDay = Schemas['ClosureDayDto'];
export type Concern = Schemas['ConcernDto'];
/** A facility as the admin reads it: no address or phone, only whether each is on file. */
export type Facility = Schemas['FacilityDto'];
export type FacilityKind = Facility['kind'];
