/**
 * Case and provision code lists with their Japanese labels. Plain TypeScript with no imports:
 * the web app reads the same labels (apps/web/src/labels.ts).
 */
export enum CaseStatus {
  Open = 'open',
  Closed = 'closed',
}

export enum CloseReason {
  Resolved = 'resolved',
  Referred = 'referred',
  NoContact = 'no-contact',
  MovedAway = 'moved-away',
  Other = 'other',
}

export const CLOSE_REASON_LABELS: Record<CloseReason, string> = {
  [CloseReason.Resolved]: '解決・終結',
  [CloseReason.Referred]: '他機関へ引継ぎ',
  [CloseReason.NoContact]: '連絡途絶',
  [CloseReason.MovedAway]: '転出',
  [CloseReason.Other]: 'その他',
};

export enum ProvisionKind {
  SanitaryProducts = 'sanitary-products',
}

export const PROVISION_KIND_LABELS: Record<ProvisionKind, string> = {
  [ProvisionKind.SanitaryProducts]: '生理用品',
};
