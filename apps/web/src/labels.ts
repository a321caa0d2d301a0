import type { Schemas } from './api/client';

// Japanese labels of the api's codes. The code lists with their labels live once, in the libs'
// plain-TypeScript code files (no imports there), and are read here by the screens; the api's
// reports and exports use the same files, so a screen never names a code differently.
export {
  AGE_BAND_LABELS,
  CHANNEL_LABELS,
  COUNTING_UNIT_LABELS,
  GENDER_LABELS,
} from '../../../libs/codes/src/code-lists';
export { ALERT_STATUS_LABELS } from '../../../libs/alerts/src/alert-codes';
export { APPROVAL_REASON_LABELS, APPROVAL_STATE_LABELS } from '../../../libs/auth/src/approvals/approval-codes';
export { JOB_LABELS } from '../../../libs/queue/src/jobs';
export { CONVERSATION_STATUS_LABELS, MESSAGE_KIND_LABELS } from '../../../libs/line/src/line-codes';
export {
  ACCOMPANYING_ORDERS,
  DV_RELATION_LABELS,
  PROTECTION_ORDER_LABELS,
  PROTECTION_ORDER_STATUS_LABELS,
  RISK_ITEMS,
  RISK_LEVEL_LABELS,
  riskLevelOf,
  VIOLENCE_TYPE_LABELS,
} from '../../../libs/codes/src/dv-codes';
export {
  CHILD_AGE_BAND_LABELS,
  FACILITY_KIND_LABELS,
  FACILITY_STATUS_LABELS,
  PLACEMENT_KIND_LABELS,
  PLACEMENT_KINDS_BY_FACILITY,
  PLACEMENT_OUTCOME_LABELS,
  PLACEMENT_STATUS_LABELS,
  TRANSPORT_PLACE_LABELS,
} from '../../../libs/facilities/src/facility-codes';
export {
  CONSENT_METHOD_LABELS,
  DISCLOSABLE_FIELD_LABELS,
  REFERRAL_PURPOSE_LABELS,
  REFERRAL_STATUS_LABELS,
} from '../../../libs/referrals/src/referral-codes';
export {
  CASE_STATUS_LABELS,
  CLOSE_REASON_LABELS,
  PROVISION_KIND_LABELS,
  SUPPORT_MEASURE_END_LABELS,
  SUPPORT_MEASURE_STATUS_LABELS,
  TASK_KIND_LABELS,
  TASK_STAGE_LABELS,
} from '../../../libs/cases/src/case-codes';
export { AUDIT_OUTCOME_LABELS, CHAIN_PROBLEM_LABELS } from '../../../libs/audit/src/audit-codes';
export { AUDIT_ACTION_LABELS } from '../../../libs/audit/src/audit-actions';

export { ROLE_LABELS } from '../../../libs/common/src/actor';
export { ROLE_HOMES } from '../../../libs/access/src/role-homes';
export { Permission } from '../../../libs/access/src/permissions';
export { Dimension, Metric } from '../../../libs/statistics/src/metric-names';

// Keyed by the api's enums (from schema.d.ts): a new code fails the typecheck until it has a label.
export const RUN_STATUS_LABELS: Record<Schemas['RunDto']['status'], string> = {
  queued: '待機中',
  running: '実行中',
  done: '完了',
  failed: '失敗',
};

/**
 * A label for an api code (a string from a DTO) out of a lib's label map. The maps are keyed by
 * the libs' enums, whose values are the same strings as the DTOs' unions; an unknown code shows
 * as itself rather than as nothing.
 */
export function label(labels: Readonly<Record<string, string>>, code: string | null | undefined): string {
  if (code === null || code === undefined) return '—';
  return labels[code] ?? code;
}
