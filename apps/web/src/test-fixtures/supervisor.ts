/** The signed-in supervisor of the component tests. */
export const SUPERVISOR = {
  id: 'aaaaaaaa-0000-4000-8000-000000000001',
  displayName: '架空 係長',
  loginId: 'sv',
  role: 'supervisor',
  permissions: ['referral.approve', 'placement.approve', 'break-glass.review', 'case.read', 'case.read.restricted', 'audit.read.unit', 'audit.verify'],
  unitId: 'u1',
  departmentId: null,
  active: true,
  mfaEnabled: true,
  approvalState: 'approved',
  approvalReasons: [],
  mfaEnrolmentRequired: false,
  idleTimeoutSeconds: 900,
  sessionExpiresAt: '2025-11-26T12:00:00Z',
} as const;
