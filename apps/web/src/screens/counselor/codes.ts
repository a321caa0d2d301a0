import type { ApiClient, Schemas } from '../../api/client';
import { useLoad, type ApiResult } from '../../api/hooks';

// GET /programs and /concerns have no response type in the OpenAPI document (libs/codes
// CodesController declares none), so their shape is written here, as the controller returns it.
export interface ProgramItem {
  code: string;
  name: string;
  active: boolean;
}

export interface ConcernItem {
  code: string;
  name: string;
  groupName: string;
  active: boolean;
}

export function loadPrograms(api: ApiClient): Promise<ApiResult<ProgramItem[]>> {
  return api.GET('/api/v1/programs') as Promise<ApiResult<ProgramItem[]>>;
}

export function loadConcerns(api: ApiClient): Promise<ApiResult<ConcernItem[]>> {
  return api.GET('/api/v1/concerns') as Promise<ApiResult<ConcernItem[]>>;
}

/** code → name of the programs or concerns; an unknown code (or a failed load) shows as the code. */
export function useCodeNames(api: ApiClient, kind: 'programs' | 'concerns'): (code: string) => string {
  const loaded = useLoad<Array<{ code: string; name: string }>>(() => (kind === 'programs' ? loadPrograms(api) : loadConcerns(api)), [api, kind]);
  const names = new Map((loaded.data ?? []).map((item) => [item.code, item.name]));
  return (code: string) => names.get(code) ?? code;
}

// Labels of api codes that labels.ts has no map for (keyed by the generated enums, so a new code
// fails the typecheck until it has a label).
export const CASE_STATUS_LABELS: Record<Schemas['CaseDto']['status'], string> = { open: '対応中', closed: '終結' };

export const TASK_KIND_LABELS: Record<Schemas['TaskDto']['kind'], string> = {
  'support-measure-renewal': '支援措置の更新',
  'referral-overdue': '庁内連携の回答期限超過',
};

export const TASK_STAGE_LABELS: Record<Schemas['TaskDto']['stage'], string> = {
  'month-before': '1か月前',
  'week-before': '1週間前',
  overdue: '期限超過',
};

export const SUPPORT_MEASURE_STATUS_LABELS: Record<Schemas['SupportMeasureDto']['status'], string> = { active: '有効', ended: '終了' };

export const SUPPORT_MEASURE_END_LABELS: Record<NonNullable<Schemas['SupportMeasureDto']['endReason']>, string> = {
  expired: '期間満了',
  'moved-out': '転出',
  withdrawn: '申出の撤回',
};
