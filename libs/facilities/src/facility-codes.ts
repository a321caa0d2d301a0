/** Kinds of facility the city places women in (DOMAIN.md § Facilities). */
export enum FacilityKind {
  PrivateShelter = 'private-shelter',
  ProtectionCenter = 'protection-center',
  EntrustedProvider = 'entrusted-provider',
  MotherChild = 'mother-child',
  Maternity = 'maternity',
}

export const FACILITY_KIND_LABELS: Record<FacilityKind, string> = {
  [FacilityKind.PrivateShelter]: '民間シェルター',
  [FacilityKind.ProtectionCenter]: '一時保護所',
  [FacilityKind.EntrustedProvider]: '一時保護委託先',
  [FacilityKind.MotherChild]: '母子生活支援施設',
  [FacilityKind.Maternity]: '助産施設',
};

export enum FacilityStatus {
  Operating = 'operating',
  Suspended = 'suspended',
}

export const FACILITY_STATUS_LABELS: Record<FacilityStatus, string> = {
  [FacilityStatus.Operating]: '運営中',
  [FacilityStatus.Suspended]: '休止中',
};

/** What a facility's capacity counts: 母子生活支援施設 counts households, the others persons. */
export enum CapacityUnit {
  Persons = 'persons',
  Households = 'households',
}

export function capacityUnitOf(kind: FacilityKind): CapacityUnit {
  return kind === FacilityKind.MotherChild ? CapacityUnit.Households : CapacityUnit.Persons;
}

/** What a placement is; each is counted in its own line of the program report. */
export enum PlacementKind {
  ShelterStay = 'shelter-stay',
  /** 一時保護委託 decided by the city itself (旭川市一時保護委託), not the prefecture's 一時保護. */
  EntrustedProtection = 'entrusted-protection',
  /** The prefecture's 一時保護 at its 一時保護所. */
  TemporaryProtection = 'temporary-protection',
  MotherChildAdmission = 'mother-child-admission',
  MaternityAdmission = 'maternity-admission',
}

export const PLACEMENT_KIND_LABELS: Record<PlacementKind, string> = {
  [PlacementKind.ShelterStay]: 'シェルター入所',
  [PlacementKind.EntrustedProtection]: '一時保護委託',
  [PlacementKind.TemporaryProtection]: '一時保護',
  [PlacementKind.MotherChildAdmission]: '母子生活支援施設 入所',
  [PlacementKind.MaternityAdmission]: '助産施設 入所',
};

/** The placement kinds a facility of each kind takes; the first is the default. */
export const PLACEMENT_KINDS_BY_FACILITY: Record<FacilityKind, readonly PlacementKind[]> = {
  [FacilityKind.PrivateShelter]: [PlacementKind.ShelterStay, PlacementKind.EntrustedProtection],
  [FacilityKind.ProtectionCenter]: [PlacementKind.TemporaryProtection],
  [FacilityKind.EntrustedProvider]: [PlacementKind.EntrustedProtection],
  [FacilityKind.MotherChild]: [PlacementKind.MotherChildAdmission],
  [FacilityKind.Maternity]: [PlacementKind.MaternityAdmission],
};

export enum PlacementStatus {
  Requested = 'requested',
  Approved = 'approved',
  Rejected = 'rejected',
  Active = 'active',
  Ended = 'ended',
  Cancelled = 'cancelled',
}

export const PLACEMENT_STATUS_LABELS: Record<PlacementStatus, string> = {
  [PlacementStatus.Requested]: '申請中',
  [PlacementStatus.Approved]: '承認済',
  [PlacementStatus.Rejected]: '却下',
  [PlacementStatus.Active]: '入所中',
  [PlacementStatus.Ended]: '退所',
  [PlacementStatus.Cancelled]: '取消',
};

/** Placements that hold a place: approved ones reserve it, active ones use it. */
export const HOLDING_PLACE: readonly PlacementStatus[] = [PlacementStatus.Approved, PlacementStatus.Active];

/** Where she went when the stay ended. */
export enum PlacementOutcome {
  Independent = 'independent',
  Moved = 'moved',
  Family = 'family',
  OtherFacility = 'other-facility',
  ReturnedHome = 'returned-home',
  Other = 'other',
}

export const PLACEMENT_OUTCOME_LABELS: Record<PlacementOutcome, string> = {
  [PlacementOutcome.Independent]: '自立',
  [PlacementOutcome.Moved]: '転居',
  [PlacementOutcome.Family]: '実家等',
  [PlacementOutcome.OtherFacility]: '他施設',
  [PlacementOutcome.ReturnedHome]: '帰宅',
  [PlacementOutcome.Other]: '不明・その他',
};

/** Age bands of accompanying children (同伴児). */
export enum ChildAgeBand {
  Infant = '0-2',
  Preschool = '3-5',
  Elementary = '6-11',
  JuniorHigh = '12-14',
  Older = '15-17',
  Unknown = 'unknown',
}

export const CHILD_AGE_BAND_LABELS: Record<ChildAgeBand, string> = {
  [ChildAgeBand.Infant]: '0〜2歳',
  [ChildAgeBand.Preschool]: '3〜5歳',
  [ChildAgeBand.Elementary]: '小学生',
  [ChildAgeBand.JuniorHigh]: '中学生',
  [ChildAgeBand.Older]: '15歳以上',
  [ChildAgeBand.Unknown]: '不明',
};

/** Where a 緊急移送 (要保護女子緊急移送) starts or ends: kinds of place only, never an address. */
export enum TransportPlace {
  Home = 'home',
  ConsultationOffice = 'consultation-office',
  Police = 'police',
  Hospital = 'hospital',
  ProtectionCenter = 'protection-center',
  Shelter = 'shelter',
  OtherMunicipality = 'other-municipality',
  Other = 'other',
}

export const TRANSPORT_PLACE_LABELS: Record<TransportPlace, string> = {
  [TransportPlace.Home]: '自宅',
  [TransportPlace.ConsultationOffice]: '相談室',
  [TransportPlace.Police]: '警察',
  [TransportPlace.Hospital]: '医療機関',
  [TransportPlace.ProtectionCenter]: '一時保護所',
  [TransportPlace.Shelter]: 'シェルター・委託先',
  [TransportPlace.OtherMunicipality]: '他市町村',
  [TransportPlace.Other]: 'その他',
};
