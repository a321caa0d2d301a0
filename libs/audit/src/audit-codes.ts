/**
 * Audit log code lists with their Japanese labels. Plain TypeScript with no imports: the web app
 * reads the same labels (apps/web/src/labels.ts).
 */
export enum AuditOutcome {
  Allowed = 'allowed',
  Denied = 'denied',
}

export const AUDIT_OUTCOME_LABELS: Record<AuditOutcome, string> = {
  [AuditOutcome.Allowed]: '許可',
  [AuditOutcome.Denied]: '拒否',
};

/** The first link of the hash chain that does not hold, as the verifier names it. */
export type ChainProblem = 'changed' | 'missing-event' | 'bad-link' | 'unsealed-gap';

export const CHAIN_PROBLEM_LABELS: Record<ChainProblem, string> = {
  changed: '記録の内容が変更されています',
  'missing-event': '記録が欠落しています',
  'bad-link': '前後の記録のつながり（ハッシュ）が一致しません',
  'unsealed-gap': '封印されていない記録の後に封印済みの記録があります',
};
