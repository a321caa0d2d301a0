import type { Schemas } from './api/client';

// Keyed by the api's enums (from schema.d.ts): a new code fails the typecheck until it has a label.
export const ROLE_LABELS: Record<Schemas['MeResponseDto']['role'], string> = {
  counselor: '相談員',
  supervisor: '査察指導員',
  statistician: '統計担当',
  liaison: '庁内連携窓口',
  admin: 'システム管理者',
};

export const GENDER_LABELS: Record<Schemas['ClientSummaryDto']['gender'], string> = {
  female: '女性',
  male: '男性',
  other: 'その他',
  unknown: '不明',
};

export const AGE_BAND_LABELS: Record<Schemas['ClientSummaryDto']['ageBand'], string> = {
  'under-20': '〜19歳',
  '20s': '20歳代',
  '30s': '30歳代',
  '40s': '40歳代',
  '50s': '50歳代',
  '60s': '60歳代',
  '70-plus': '70歳以上',
  unknown: '不明',
};

export const RUN_STATUS_LABELS: Record<Schemas['RunDto']['status'], string> = {
  queued: '待機中',
  running: '実行中',
  done: '完了',
  failed: '失敗',
};
