import { Actor, Role, ROLES } from '@tsunagu/common';
import { Permission as P } from './permissions';
import { ROLE_HOMES } from './role-homes';

const COUNSELOR: P[] = [
  P.MasterDataRead,
  P.CaseRead,
  P.CaseWrite,
  P.CaseBreakGlass,
  P.CaseAssignee,
  P.PlacementRequest,
  P.ReferralDraft,
  P.LineReply,
];

/**
 * The whole role → permission map (DESIGN.md, "People and what they may do"). Record-level
 * scope (own unit, restricted cases, referral addressee) is decided from these permissions and
 * the role's home (role-homes.ts) by the record-scope services (libs/cases CaseAccessService,
 * libs/referrals, libs/facilities); no code outside this library compares roles.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly P[]>> = {
  [Role.Counselor]: [...COUNSELOR, P.CaseTakeOnOpen],
  [Role.Supervisor]: [...COUNSELOR, P.CaseReadRestricted, P.PlacementCapacityOverride, P.PlacementCancelAny, P.FacilitySecretReadAny, P.LineReplyOutsideHours, P.CaseVisibilityManage, P.ClientProtectionLift, P.BreakGlassReview, P.PlacementApprove, P.ReferralApprove, P.AuditReadUnit, P.AuditVerify, P.StatisticsRead, P.AlertsReview, P.RetentionManage, P.ClientDisclosureExport, P.AccountApprove],
  [Role.Statistician]: [P.StatisticsRun, P.StatisticsRead, P.StatisticsRelease],
  [Role.Liaison]: [P.ReferralInbox],
  [Role.Admin]: [P.UserManage, P.MasterDataManage, P.MasterDataRead, P.AuditReadSecurity, P.AuditVerify, P.QueueRead],
};

export function hasPermission(role: Role, permission: P): boolean {
  return ROLE_PERMISSIONS[role]?.includes(permission) ?? false;
}

/** The roles holding `permission`, e.g. for SQL over accounts (`role = ANY($1)`). */
export function rolesWith(permission: P): Role[] {
  return ROLES.filter((role) => hasPermission(role, permission));
}

/** Whether the actor reads cases of her unit: a unit role that may read cases, placed in a unit. */
export function readsUnitCases(actor: Pick<Actor, 'role' | 'unitId'>): boolean {
  return ROLE_HOMES[actor.role] === 'unit' && hasPermission(actor.role, P.CaseRead) && actor.unitId !== null;
}

/** Roles that must pass a second factor at login. */
export const MFA_REQUIRED_ROLES: readonly Role[] = [Role.Supervisor, Role.Admin];

/** The permissions that open a person's records: a case, her client record, or a referral about her. */
const PERSONAL_RECORD_PERMISSIONS: readonly P[] = [P.CaseRead, P.ReferralInbox, P.ClientDisclosureExport];

/**
 * Whether accounts of this role read personal records, and so wait for a supervisor's approval
 * after an admin changes who can sign in as them (libs/auth approvals).
 */
export function readsPersonalRecords(role: Role): boolean {
  return PERSONAL_RECORD_PERMISSIONS.some((p) => hasPermission(role, p));
}
