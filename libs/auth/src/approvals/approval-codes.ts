/**
 * Why an account waits for a supervisor's approval, with the Japanese labels supervisors and
 * admins read. Plain TypeScript with no imports: the web app reads it too.
 */
export enum ApprovalReason {
  Created = 'created',
  Password = 'password',
  MfaReset = 'mfa-reset',
  Role = 'role',
  Unit = 'unit',
  Department = 'department',
  Reactivated = 'reactivated',
}

export const APPROVAL_REASON_LABELS: Record<ApprovalReason, string> = {
  [ApprovalReason.Created]: 'アカウントの新規作成',
  [ApprovalReason.Password]: 'パスワードの再設定',
  [ApprovalReason.MfaReset]: '二要素認証のリセット',
  [ApprovalReason.Role]: '権限の変更',
  [ApprovalReason.Unit]: '係の変更',
  [ApprovalReason.Department]: '部署の変更',
  [ApprovalReason.Reactivated]: '利用の再開',
};

/** Where an account stands: usable, waiting for a supervisor, or approved and waiting for its person's first sign-in. */
export enum ApprovalState {
  Approved = 'approved',
  Pending = 'pending',
  AwaitingActivation = 'awaiting-activation',
}

export const APPROVAL_STATE_LABELS: Record<ApprovalState, string> = {
  [ApprovalState.Approved]: '利用可',
  [ApprovalState.Pending]: '査察指導員の承認待ち',
  [ApprovalState.AwaitingActivation]: '利用開始コードの入力待ち',
};

/** The reason codes of `approval_pending_reason`, in order; unknown codes are left out. */
export function parseReasons(value: string | null | undefined): ApprovalReason[] {
  if (!value) return [];
  const known = new Set<string>(Object.values(ApprovalReason));
  return value.split(',').filter((r): r is ApprovalReason => known.has(r));
}

/** The reasons after adding `more`, each once, in the order they happened. */
export function withReasons(current: string | null | undefined, more: readonly ApprovalReason[]): string {
  return [...new Set([...parseReasons(current), ...more])].join(',');
}
