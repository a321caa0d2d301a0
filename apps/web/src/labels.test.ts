import { describe, expect, it } from 'vitest';
import type { Schemas } from './api/client';
import * as L from './labels';

// The typecheck (npm run typecheck) fails here when the api gains a code the libs have no label for.
const covered: {
  channel: Record<Schemas['ContactDto']['channel'], string>;
  relation: Record<NonNullable<Schemas['DvDto']['relation']>, string>;
  level: Record<Schemas['RiskAssessmentDto']['level'], string>;
  placementKind: Record<Schemas['PlacementDto']['kind'], string>;
  placementStatus: Record<Schemas['PlacementDto']['status'], string>;
  referralStatus: Record<Schemas['InboxDetailDto']['status'], string>;
  purpose: Record<Schemas['CreateReferralDto']['purpose'], string>;
  consent: Record<Schemas['ConsentDto']['method'], string>;
  facilityKind: Record<Schemas['CreateFacilityDto']['kind'], string>;
  closeReason: Record<Schemas['CloseCaseDto']['reason'], string>;
  orderKind: Record<Schemas['CreateProtectionOrderDto']['kind'], string>;
  orderStatus: Record<Schemas['CreateProtectionOrderDto']['status'], string>;
  caseStatus: Record<Schemas['CaseDto']['status'], string>;
  taskKind: Record<Schemas['TaskDto']['kind'], string>;
  taskStage: Record<Schemas['TaskDto']['stage'], string>;
  measureStatus: Record<Schemas['SupportMeasureDto']['status'], string>;
  measureEnd: Record<NonNullable<Schemas['SupportMeasureDto']['endReason']>, string>;
  role: Record<Schemas['MeResponseDto']['role'], string>;
} = {
  channel: L.CHANNEL_LABELS,
  relation: L.DV_RELATION_LABELS,
  level: L.RISK_LEVEL_LABELS,
  placementKind: L.PLACEMENT_KIND_LABELS,
  placementStatus: L.PLACEMENT_STATUS_LABELS,
  referralStatus: L.REFERRAL_STATUS_LABELS,
  purpose: L.REFERRAL_PURPOSE_LABELS,
  consent: L.CONSENT_METHOD_LABELS,
  facilityKind: L.FACILITY_KIND_LABELS,
  closeReason: L.CLOSE_REASON_LABELS,
  orderKind: L.PROTECTION_ORDER_LABELS,
  orderStatus: L.PROTECTION_ORDER_STATUS_LABELS,
  caseStatus: L.CASE_STATUS_LABELS,
  taskKind: L.TASK_KIND_LABELS,
  taskStage: L.TASK_STAGE_LABELS,
  measureStatus: L.SUPPORT_MEASURE_STATUS_LABELS,
  measureEnd: L.SUPPORT_MEASURE_END_LABELS,
  role: L.ROLE_LABELS,
};

describe('labels', () => {
  it('are the libs’ Japanese labels of the api codes', () => {
    expect(covered.channel.phone).toBe('電話');
    expect(covered.relation['former-spouse']).toBe('元配偶者');
    expect(covered.level.severe).toBe('最高');
    expect(covered.caseStatus.closed).toBe('終結');
    expect(covered.taskKind['support-measure-renewal']).toBe('支援措置の更新');
    expect(L.AUDIT_OUTCOME_LABELS.denied).toBe('拒否');
    expect(L.label(L.AUDIT_ACTION_LABELS, 'client.search')).toBe('相談者の検索');
    expect(L.CHAIN_PROBLEM_LABELS['bad-link']).toContain('ハッシュ');
  });

  it('show a missing value as — and an unknown code as itself', () => {
    expect(L.label(L.CHANNEL_LABELS, null)).toBe('—');
    expect(L.label(L.CHANNEL_LABELS, 'carrier-pigeon')).toBe('carrier-pigeon');
  });
});
