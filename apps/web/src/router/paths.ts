/** Every screen's address. Links are built with pathTo(PATHS.x, {id}); screens read their params. */
export const PATHS = {
  home: '/',
  clients: '/clients',
  client: '/clients/:id',
  case: '/cases/:id',
  newContact: '/cases/:id/contacts/new',
  newRiskAssessment: '/cases/:id/risk-assessments/new',
  newPlacement: '/cases/:id/placements/new',
  newReferral: '/cases/:id/referrals/new',
  caseAudit: '/cases/:id/audit',
  line: '/line',
  lineConversation: '/line/:id',
  approvals: '/approvals',
  unitCases: '/unit-cases',
  audit: '/audit',
  alerts: '/alerts',
  inbox: '/inbox',
  inboxItem: '/inbox/:id',
  statistics: '/statistics',
  statisticsMonthly: '/statistics/monthly',
  adminUsers: '/admin/users',
  adminDepartments: '/admin/departments',
  adminFacilities: '/admin/facilities',
  adminPrograms: '/admin/programs',
  adminClosureDays: '/admin/closure-days',
} as const;

export type PathName = keyof typeof PATHS;
