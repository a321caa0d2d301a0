// Plain TypeScript: the web app reads ROLE_HOMES from here (its one import has no imports).
import { Role } from '../../common/src/actor';

/** Where an account of a role belongs: a 係 (unit), a 部署 (department), or neither. */
export type RoleHome = 'unit' | 'department' | 'none';

/**
 * Each role's home, in one typed map beside ROLE_PERMISSIONS: a new role fails to compile until
 * it has one. A unit's staff read their unit's cases; a department's liaison staff read the
 * referrals addressed to it.
 */
export const ROLE_HOMES: Readonly<Record<Role, RoleHome>> = {
  [Role.Counselor]: 'unit',
  [Role.Supervisor]: 'unit',
  [Role.Statistician]: 'none',
  [Role.Liaison]: 'department',
  [Role.Admin]: 'none',
};
