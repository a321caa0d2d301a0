import { StaffNameMode } from './staff-names';

/**
 * Everything held about one client, decrypted, as the JSON of a disclosure export holds it: codes
 * beside their Japanese labels, dates as YYYY-MM-DD, instants as ISO 8601 (UTC). Staff appear
 * only as the export's staff-name policy prints them; no staff id, login id or internal record id
 * is in it (the client's own pseudonymous id and the case numbers are).
 */
export interface SubjectAccessRecord {
  format: 'tsunagu-disclosure/1';
  clientId: string;
  generatedAt: string;
  requestReference: string | null;
  staffNames: StaffNameMode;
  client: ClientSection;
  children: ChildRow[];
  cases: CaseRow[];
  contacts: ContactRow[];
  dvDetails: DvRow[];
  riskAssessments: RiskAssessmentRow[];
  protectionOrders: ProtectionOrderRow[];
  supportMeasures: SupportMeasureRow[];
  placements: PlacementRow[];
  transports: TransportRow[];
  referrals: ReferralRow[];
  consents: ConsentRow[];
  lineConversations: LineConversationRow[];
  lineMessages: LineMessageRow[];
  provisions: ProvisionRow[];
}

export interface ClientSection {
  name: string;
  kana: string | null;
  birthDate: string | null;
  phone: string | null;
  address: string | null;
  notes: string | null;
  gender: string;
  genderLabel: string;
  ageBand: string;
  ageBandLabel: string;
  addressProtected: boolean;
  registeredAt: string;
  registeredBy: string | null;
}

/** 同伴児 and her other children, numbered within the export. */
export interface ChildRow {
  no: number;
  name: string;
  birthDate: string | null;
}

export interface CaseRow {
  caseNumber: string;
  programCode: string;
  programName: string;
  status: string;
  statusLabel: string;
  openedOn: string;
  closedOn: string | null;
  closeReason: string | null;
  closeReasonLabel: string | null;
  mainConcerns: string[];
  mainConcernNames: string[];
  restricted: boolean;
  assignedCounselor: string | null;
}

export interface ContactRow {
  /** Null for a LINE session recorded without a case (anonymous on the program). */
  caseNumber: string | null;
  programName: string;
  startedAt: string;
  durationMinutes: number;
  channel: string;
  channelLabel: string;
  counselor: string | null;
  mainConcern: string;
  mainConcernName: string;
  otherConcerns: string[];
  otherConcernNames: string[];
  dvRelated: boolean;
  summary: string | null;
  nextAction: string | null;
  followUpOn: string | null;
}

export interface DvRow {
  caseNumber: string;
  relation: string;
  relationLabel: string;
  violenceTypes: string[];
  violenceTypeLabels: string[];
  childrenExposed: boolean;
  updatedAt: string;
}

export interface RiskAssessmentRow {
  caseNumber: string;
  assessedOn: string;
  assessor: string | null;
  items: string[];
  itemLabels: string[];
  level: string;
  levelLabel: string;
  note: string | null;
}

export interface ProtectionOrderRow {
  caseNumber: string;
  kind: string;
  kindLabel: string;
  status: string;
  statusLabel: string;
  /** An accompanying order (電話等禁止 …) of an approach ban. */
  accompanying: boolean;
  homeSolelyHers: boolean;
  filedOn: string | null;
  issuedOn: string | null;
  expiresOn: string | null;
}

export interface SupportMeasureRow {
  caseNumber: string;
  renewal: boolean;
  appliedOn: string;
  opinionGivenOn: string | null;
  receivedOn: string | null;
  acceptedOn: string | null;
  startsOn: string;
  expiresOn: string;
  status: string;
  statusLabel: string;
  endReason: string | null;
  endReasonLabel: string | null;
  endedOn: string | null;
}

/** A stay at a facility: its kind and name only, never its address or phone (the shelter's secret). */
export interface PlacementRow {
  caseNumber: string;
  kind: string;
  kindLabel: string;
  facilityKind: string;
  facilityKindLabel: string;
  facilityName: string;
  status: string;
  statusLabel: string;
  adults: number;
  children: number;
  childAgeBands: string[];
  childAgeBandLabels: string[];
  plannedStart: string;
  expectedDeliveryOn: string | null;
  reason: string;
  requestedBy: string | null;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  admittedOn: string | null;
  endedOn: string | null;
  outcome: string | null;
  outcomeLabel: string | null;
}

export interface TransportRow {
  caseNumber: string;
  transportedOn: string;
  fromPlace: string;
  fromPlaceLabel: string;
  toPlace: string;
  toPlaceLabel: string;
  escorts: number;
  recordedBy: string | null;
}

export interface ReferralRow {
  caseNumber: string;
  departmentName: string;
  purpose: string;
  purposeLabel: string;
  status: string;
  statusLabel: string;
  message: string;
  fields: string[];
  fieldLabels: string[];
  summary: string | null;
  dueOn: string;
  author: string | null;
  submittedAt: string | null;
  /** The consent (its number in this export) the submission matched. */
  consentNo: number | null;
  decidedBy: string | null;
  decidedAt: string | null;
  rejectReason: string | null;
  opinionGivenOn: string | null;
  /** What the department received, frozen at approval; null before approval and after a revocation. */
  disclosure: Record<string, unknown> | null;
  respondedBy: string | null;
  respondedAt: string | null;
  responseComment: string | null;
  revokedAt: string | null;
  revokeReason: string | null;
  revokeReasonLabel: string | null;
}

export interface ConsentRow {
  no: number;
  obtainedOn: string;
  method: string;
  methodLabel: string;
  obtainedBy: string | null;
  departmentNames: string[];
  fields: string[];
  fieldLabels: string[];
  withdrawnAt: string | null;
  withdrawnBy: string | null;
}

export interface LineConversationRow {
  no: number;
  accountName: string;
  programName: string;
  /** Her LINE user id on that account. */
  lineUserId: string;
  status: string;
  statusLabel: string;
  startedAt: string;
  lastMessageAt: string;
  closedAt: string | null;
  closeReason: string | null;
  closeReasonLabel: string | null;
  caseNumber: string | null;
}

export interface LineMessageRow {
  conversationNo: number;
  occurredAt: string;
  direction: string;
  directionLabel: string;
  kind: string;
  kindLabel: string;
  text: string | null;
  /** 本人 for her messages; the counselor (as the policy prints staff) or 自動応答 for the office's. */
  sender: string;
  delivery: string | null;
  deliveryLabel: string | null;
}

export interface ProvisionRow {
  providedOn: string;
  kind: string;
  kindLabel: string;
  quantity: number;
  programName: string;
  caseNumber: string | null;
  lineConversationNo: number | null;
  recordedBy: string | null;
}
