/**
 * Case and provision code lists with their Japanese labels. Plain TypeScript with no imports:
 * the web app reads the same labels (apps/web/src/labels.ts).
 */
export enum CaseStatus {
  Open = 'open',
  Closed = 'closed',
}

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  [CaseStatus.Open]: '対応中',
  [CaseStatus.Closed]: '終結',
};

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

/** What a counselor's reminder (task) is about. */
export enum TaskKind {
  SupportMeasureRenewal = 'support-measure-renewal',
  /** A referral the department has not answered by its due date. */
  ReferralOverdue = 'referral-overdue',
  /** A client whose every case is past its retention period: a supervisor confirms destruction. */
  RetentionDue = 'retention-due',
}

export const TASK_KIND_LABELS: Record<TaskKind, string> = {
  [TaskKind.SupportMeasureRenewal]: '支援措置の更新',
  [TaskKind.ReferralOverdue]: '庁内連携の回答期限超過',
  [TaskKind.RetentionDue]: '保存期間の満了（消去の確認）',
};

/** How near its due date a reminder was made. */
export enum TaskStage {
  MonthBefore = 'month-before',
  WeekBefore = 'week-before',
  Overdue = 'overdue',
  /** The date has come (a retention period has ended). */
  Due = 'due',
}

export const TASK_STAGE_LABELS: Record<TaskStage, string> = {
  [TaskStage.MonthBefore]: '1か月前',
  [TaskStage.WeekBefore]: '1週間前',
  [TaskStage.Overdue]: '期限超過',
  [TaskStage.Due]: '満了',
};

/** A DV等支援措置 term: in force, or ended. */
export enum SupportMeasureStatus {
  Active = 'active',
  Ended = 'ended',
}

export const SUPPORT_MEASURE_STATUS_LABELS: Record<SupportMeasureStatus, string> = {
  [SupportMeasureStatus.Active]: '有効',
  [SupportMeasureStatus.Ended]: '終了',
};

export enum SupportMeasureEndReason {
  Expired = 'expired',
  MovedOut = 'moved-out',
  Withdrawn = 'withdrawn',
}

export const SUPPORT_MEASURE_END_LABELS: Record<SupportMeasureEndReason, string> = {
  [SupportMeasureEndReason.Expired]: '期間満了',
  [SupportMeasureEndReason.MovedOut]: '転出',
  [SupportMeasureEndReason.Withdrawn]: '申出の撤回',
};
