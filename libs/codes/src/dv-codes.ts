/** DV code lists (DOMAIN.md § DV), stable codes with Japanese labels. */
export enum DvRelation {
  Spouse = 'spouse',
  FormerSpouse = 'former-spouse',
  DeFacto = 'de-facto',
  FormerDeFacto = 'former-de-facto',
  CohabitingPartner = 'cohabiting-partner',
  FormerCohabitingPartner = 'former-cohabiting-partner',
  OtherPartner = 'other-partner',
}

export const DV_RELATION_LABELS: Record<DvRelation, string> = {
  [DvRelation.Spouse]: '配偶者',
  [DvRelation.FormerSpouse]: '元配偶者',
  [DvRelation.DeFacto]: '事実婚',
  [DvRelation.FormerDeFacto]: '元事実婚',
  [DvRelation.CohabitingPartner]: '生活の本拠を共にする交際相手',
  [DvRelation.FormerCohabitingPartner]: '元生活の本拠を共にする交際相手',
  [DvRelation.OtherPartner]: 'その他の交際相手',
};

/** Counted with overlap: one case may report several. */
export enum ViolenceType {
  Physical = 'physical',
  Psychological = 'psychological',
  Sexual = 'sexual',
  Economic = 'economic',
  Social = 'social',
  Other = 'other',
}

export const VIOLENCE_TYPE_LABELS: Record<ViolenceType, string> = {
  [ViolenceType.Physical]: '身体的',
  [ViolenceType.Psychological]: '精神的',
  [ViolenceType.Sexual]: '性的',
  [ViolenceType.Economic]: '経済的',
  [ViolenceType.Social]: '社会的',
  [ViolenceType.Other]: 'その他',
};

/** 保護命令 since 2024-04-01. */
export enum ProtectionOrderKind {
  ApproachBan = 'approach-ban',
  PhoneBan = 'phone-ban',
  ChildApproachBan = 'child-approach-ban',
  ChildPhoneBan = 'child-phone-ban',
  RelativeApproachBan = 'relative-approach-ban',
  Eviction = 'eviction',
}

export const PROTECTION_ORDER_LABELS: Record<ProtectionOrderKind, string> = {
  [ProtectionOrderKind.ApproachBan]: '接近禁止命令',
  [ProtectionOrderKind.PhoneBan]: '電話等禁止命令',
  [ProtectionOrderKind.ChildApproachBan]: '子への接近禁止命令',
  [ProtectionOrderKind.ChildPhoneBan]: '子への電話等禁止命令',
  [ProtectionOrderKind.RelativeApproachBan]: '親族等への接近禁止命令',
  [ProtectionOrderKind.Eviction]: '退去等命令',
};

/** Orders that exist only together with an approach ban, and last as long as it does. */
export const ACCOMPANYING_ORDERS: readonly ProtectionOrderKind[] = [
  ProtectionOrderKind.PhoneBan,
  ProtectionOrderKind.ChildApproachBan,
  ProtectionOrderKind.ChildPhoneBan,
  ProtectionOrderKind.RelativeApproachBan,
];

export enum ProtectionOrderStatus {
  Filed = 'filed',
  Issued = 'issued',
  Dismissed = 'dismissed',
  Withdrawn = 'withdrawn',
  Expired = 'expired',
}

export const PROTECTION_ORDER_STATUS_LABELS: Record<ProtectionOrderStatus, string> = {
  [ProtectionOrderStatus.Filed]: '申立中',
  [ProtectionOrderStatus.Issued]: '発令',
  [ProtectionOrderStatus.Dismissed]: '却下',
  [ProtectionOrderStatus.Withdrawn]: '取下げ',
  [ProtectionOrderStatus.Expired]: '期間満了',
};

/** Risk checklist items; `weight` 3 marks the signs most tied to lethal violence. */
export enum RiskItem {
  ThreatsToKill = 'threats-to-kill',
  Strangulation = 'strangulation',
  Weapon = 'weapon',
  Escalation = 'escalation',
  Pregnancy = 'pregnancy',
  Children = 'children',
  Stalking = 'stalking',
  RecentSeparation = 'recent-separation',
  Substance = 'substance',
  SuicideThreat = 'suicide-threat',
  Injury = 'injury',
}

export const RISK_ITEMS: Record<RiskItem, { label: string; weight: number }> = {
  [RiskItem.ThreatsToKill]: { label: '殺すと脅された', weight: 3 },
  [RiskItem.Strangulation]: { label: '首を絞められた', weight: 3 },
  [RiskItem.Weapon]: { label: '凶器の使用・所持', weight: 3 },
  [RiskItem.Escalation]: { label: '暴力の頻度・程度が増している', weight: 1 },
  [RiskItem.Pregnancy]: { label: '妊娠中', weight: 1 },
  [RiskItem.Children]: { label: '子どもへの暴力・面前DV', weight: 1 },
  [RiskItem.Stalking]: { label: 'つきまとい・監視', weight: 1 },
  [RiskItem.RecentSeparation]: { label: '別居・離婚を切り出した直後', weight: 1 },
  [RiskItem.Substance]: { label: '加害者の薬物・アルコール問題', weight: 1 },
  [RiskItem.SuicideThreat]: { label: '加害者が自殺をほのめかす', weight: 1 },
  [RiskItem.Injury]: { label: '受診を要するけが', weight: 1 },
};

export enum RiskLevel {
  Low = 'low',
  Medium = 'medium',
  High = 'high',
  Severe = 'severe',
}

export const RISK_LEVEL_LABELS: Record<RiskLevel, string> = {
  [RiskLevel.Low]: '低',
  [RiskLevel.Medium]: '中',
  [RiskLevel.High]: '高',
  [RiskLevel.Severe]: '最高',
};

/**
 * A screening aid, not a validated instrument: any lethal sign makes the level at least high,
 * two of them (or one with three other signs) severe. The counselor's judgement comes first.
 */
export function riskLevelOf(items: readonly RiskItem[]): RiskLevel {
  const score = [...new Set(items)].reduce((sum, item) => sum + RISK_ITEMS[item].weight, 0);
  if (score >= 6) return RiskLevel.Severe;
  if (score >= 3) return RiskLevel.High;
  if (score >= 1) return RiskLevel.Medium;
  return RiskLevel.Low;
}
