/**
 * The names of what a monthly run counts (metrics) and how it breaks them down (dimensions), as
 * stored in monthly_statistics and read by the program report, the releases and the web's
 * charts. Plain TypeScript with no imports: the web app reads it too. A name used anywhere is a
 * member here, so a rename is a compile error, not a silently empty figure.
 */
export enum Metric {
  Contacts = 'contacts',
  Clients = 'clients',
  CasesOpened = 'cases-opened',
  CasesClosed = 'cases-closed',
  LineSessions = 'line-sessions',
  LineAnswered = 'line-answered',
  LineUsers = 'line-users',
  LineFollows = 'line-follows',
  LineFollowers = 'line-followers',
  Provisions = 'provisions',
  Placements = 'placements',
  PlacementAdults = 'placement-adults',
  PlacementChildren = 'placement-children',
  FacilityAdmissions = 'facility-admissions',
  FacilityAdults = 'facility-adults',
  FacilityChildren = 'facility-children',
  FacilityNights = 'facility-nights',
  FacilityHouseholds = 'facility-households',
  FacilityExits = 'facility-exits',
  Transports = 'transports',
  Referrals = 'referrals',
  DvCases = 'dv-cases',
  ProtectionOrders = 'protection-orders',
  SupportMeasures = 'support-measures',
  SupportOpinions = 'support-opinions',
}

export enum Dimension {
  /** One row per program, key `all`. */
  Total = 'total',
  Channel = 'channel',
  Concern = 'concern',
  Dv = 'dv',
  AgeBand = 'age-band',
  Gender = 'gender',
  Kind = 'kind',
  FacilityKind = 'facility-kind',
  PlacementKind = 'placement-kind',
  /** Per facility, keyed by its name. */
  Facility = 'facility',
  Department = 'department',
  Purpose = 'purpose',
  Outcome = 'outcome',
  Relation = 'relation',
  ViolenceType = 'violence-type',
}

/** The key of a `total` row. */
export const TOTAL_KEY = 'all';
/** The keys of the `dv` dimension of contacts. */
export const DV_KEY = { dv: 'dv', other: 'other' } as const;
