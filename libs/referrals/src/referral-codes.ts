/** Why a case is referred to another department (庁内連携の目的). */
export enum ReferralPurpose {
  SupportMeasureOpinion = 'support-measure-opinion',
  PublicAssistance = 'public-assistance',
  ChildAllowance = 'child-allowance',
  Housing = 'housing',
  Schooling = 'schooling',
  InsurancePension = 'insurance-pension',
  Childcare = 'childcare',
  DisabilityWelfare = 'disability-welfare',
  Other = 'other',
}

export const REFERRAL_PURPOSE_LABELS: Record<ReferralPurpose, string> = {
  [ReferralPurpose.SupportMeasureOpinion]: '支援措置意見',
  [ReferralPurpose.PublicAssistance]: '生活保護相談',
  [ReferralPurpose.ChildAllowance]: '児童扶養手当・手当',
  [ReferralPurpose.Housing]: '住宅',
  [ReferralPurpose.Schooling]: '転校・就学',
  [ReferralPurpose.InsurancePension]: '国保・年金',
  [ReferralPurpose.Childcare]: '保育',
  [ReferralPurpose.DisabilityWelfare]: '障害福祉',
  [ReferralPurpose.Other]: 'その他',
};

/**
 * The only things a referral can disclose. Anything else about her — notes, other cases,
 * consultation records — never leaves the consultation office.
 */
export enum DisclosableField {
  Name = 'name',
  Kana = 'kana',
  BirthDate = 'birthDate',
  Phone = 'phone',
  Address = 'address',
  /** The children's names and birth dates. */
  Children = 'children',
  /** A summary written for the department, on the referral itself. */
  Summary = 'summary',
}

export const DISCLOSABLE_FIELD_LABELS: Record<DisclosableField, string> = {
  [DisclosableField.Name]: '氏名',
  [DisclosableField.Kana]: 'ふりがな',
  [DisclosableField.BirthDate]: '生年月日',
  [DisclosableField.Phone]: '電話番号',
  [DisclosableField.Address]: '現住所',
  [DisclosableField.Children]: '子の氏名・生年月日',
  [DisclosableField.Summary]: '連携先向けの要約',
};

export enum ReferralStatus {
  Draft = 'draft',
  Submitted = 'submitted',
  Approved = 'approved',
  Rejected = 'rejected',
  Accepted = 'accepted',
  Declined = 'declined',
  Closed = 'closed',
  Revoked = 'revoked',
}

export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, string> = {
  [ReferralStatus.Draft]: '下書き',
  [ReferralStatus.Submitted]: '承認待ち',
  [ReferralStatus.Approved]: '承認済',
  [ReferralStatus.Rejected]: '差戻し',
  [ReferralStatus.Accepted]: '受理',
  [ReferralStatus.Declined]: '受理不可',
  [ReferralStatus.Closed]: '完了',
  [ReferralStatus.Revoked]: '取消',
};

/** Why a disclosure was withdrawn from the department. */
export type RevokeReason = 'supervisor' | 'consent-withdrawn';

export const REVOKE_REASON_LABELS: Record<RevokeReason, string> = {
  supervisor: '査察指導員による取消',
  'consent-withdrawn': '本人の同意の撤回',
};

/** Statuses in which the department holds the frozen disclosure. */
export const DISCLOSED: readonly ReferralStatus[] = [ReferralStatus.Approved, ReferralStatus.Accepted, ReferralStatus.Declined, ReferralStatus.Closed];

export enum ConsentMethod {
  Oral = 'oral',
  Written = 'written',
}

export const CONSENT_METHOD_LABELS: Record<ConsentMethod, string> = {
  [ConsentMethod.Oral]: '口頭',
  [ConsentMethod.Written]: '書面',
};
