// Plain TypeScript with no imports: the web app reads Permission from here.

/**
 * Every action a route or a record-level rule can require. Roles get them in
 * role-permissions.ts, nowhere else; code asks for a permission, never for a role.
 */
export enum Permission {
  UserManage = 'user.manage',
  MasterDataManage = 'master.manage',
  MasterDataRead = 'master.read',
  AuditReadUnit = 'audit.read.unit',
  AuditReadSecurity = 'audit.read.security',
  AuditVerify = 'audit.verify',
  CaseRead = 'case.read',
  CaseWrite = 'case.write',
  CaseBreakGlass = 'case.break-glass',
  /** Being the assigned counselor of a case of one's unit (counselors, supervisors). */
  CaseAssignee = 'case.assignee',
  /** A case she opens is assigned to her unless she names someone else (counselors). */
  CaseTakeOnOpen = 'case.take-on-open',
  BreakGlassReview = 'break-glass.review',
  CaseReadRestricted = 'case.read.restricted',
  /**
   * Changing who may see a case: its `restricted` flag, the assignee of a restricted case, and
   * moving a LINE conversation out of a restricted case. Never reachable through a break-glass
   * grant, which lets its holder read and record, not widen her own access (supervisors).
   */
  CaseVisibilityManage = 'case.visibility.manage',
  /** Lifting a client's 住所秘匿 (anyone who may change her record may set it) (supervisors). */
  ClientProtectionLift = 'client.protection.lift',
  PlacementRequest = 'placement.request',
  PlacementApprove = 'placement.approve',
  /** Admitting past a facility's capacity, with a reason (supervisors). */
  PlacementCapacityOverride = 'placement.capacity-override',
  /** Withdrawing a placement someone else requested (supervisors; anyone may withdraw her own). */
  PlacementCancelAny = 'placement.cancel-any',
  /** Reading every facility's secret address; others read it only while a case of theirs holds a place there (supervisors). */
  FacilitySecretReadAny = 'facility.secret.read-any',
  ReferralDraft = 'referral.draft',
  ReferralApprove = 'referral.approve',
  ReferralInbox = 'referral.inbox',
  LineReply = 'line.reply',
  /** Sending a LINE message outside the program's service hours (supervisors). */
  LineReplyOutsideHours = 'line.reply.outside-hours',
  StatisticsRun = 'statistics.run',
  StatisticsRead = 'statistics.read',
  StatisticsRelease = 'statistics.release',
  /** Insider-misuse alerts about the staff of one's unit (GET /alerts). */
  AlertsReview = 'alerts.review',
  /** The job queue's state (GET /admin/queues): counts, failures, schedules; no payloads. */
  QueueRead = 'queue.read',
  /** Clients past retention: list and confirm destruction (supervisors). */
  RetentionManage = 'retention.manage',
  /** 本人開示: export everything held about one client of one's unit, for her own request (supervisors). */
  ClientDisclosureExport = 'client.disclosure-export',
  /**
   * Approving an account that reads personal records after an admin created it, set its password,
   * reset its MFA, moved it or reactivated it; issues the one-time activation code (supervisors).
   * So no admin alone can obtain a session that reads cases.
   */
  AccountApprove = 'account.approve',
}
