import { Role, ROLES } from '@tsunagu/common';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Permission } from './permissions';
import { ROLE_HOMES } from './role-homes';
import { hasPermission, readsPersonalRecords, readsUnitCases, rolesWith, ROLE_PERMISSIONS } from './role-permissions';

const ROOT = join(__dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.(spec|test)\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('roles, permissions and homes', () => {
  it('give every role a home and a permission list', () => {
    for (const role of ROLES) {
      expect(['unit', 'department', 'none']).toContain(ROLE_HOMES[role]);
      expect(Array.isArray(ROLE_PERMISSIONS[role])).toBe(true);
    }
  });

  it('name who holds the record-level powers', () => {
    expect(rolesWith(Permission.CaseReadRestricted)).toEqual([Role.Supervisor]);
    expect(rolesWith(Permission.CaseAssignee)).toEqual([Role.Counselor, Role.Supervisor]);
    expect(rolesWith(Permission.CaseTakeOnOpen)).toEqual([Role.Counselor]);
    expect(rolesWith(Permission.AccountApprove)).toEqual([Role.Supervisor]);
    for (const power of [Permission.PlacementCapacityOverride, Permission.PlacementCancelAny, Permission.FacilitySecretReadAny, Permission.LineReplyOutsideHours]) {
      expect(rolesWith(power)).toEqual([Role.Supervisor]);
    }
    expect(hasPermission(Role.Admin, Permission.AuditReadSecurity)).toBe(true);
    expect(hasPermission(Role.Supervisor, Permission.AuditReadSecurity)).toBe(false);
  });

  it('read unit cases only from a unit role placed in a unit, and personal records only in the roles that open them', () => {
    expect(readsUnitCases({ role: Role.Counselor, unitId: 'u1' })).toBe(true);
    expect(readsUnitCases({ role: Role.Counselor, unitId: null })).toBe(false);
    expect(readsUnitCases({ role: Role.Liaison, unitId: 'u1' })).toBe(false);
    expect(readsUnitCases({ role: Role.Admin, unitId: 'u1' })).toBe(false);
    expect(ROLES.filter(readsPersonalRecords)).toEqual([Role.Counselor, Role.Supervisor, Role.Liaison]);
  });

  it('are the only place that compares roles: code elsewhere asks for a permission or a home', () => {
    const allowed = new Set(['libs/access/src/role-permissions.ts', 'libs/access/src/role-homes.ts', 'libs/common/src/actor.ts']);
    const comparisons = [...sources(join(ROOT, 'libs')), ...sources(join(ROOT, 'apps'))]
      .filter((file) => !allowed.has(relative(ROOT, file)))
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .map((line, i) => ({ line, at: `${relative(ROOT, file)}:${i + 1}` }))
          .filter(({ line }) => /\brole\s*[!=]==\s*(Role\.|'(counselor|supervisor|statistician|liaison|admin)')|(Role\.\w+|'(counselor|supervisor|statistician|liaison|admin)')\s*[!=]==\s*\w*\.?role\b/.test(line))
          .map(({ at }) => at),
      );
    expect(comparisons).toEqual([]);
  });
});
