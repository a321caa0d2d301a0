import type { Schemas } from '../api/client';
import type { Reply } from '../test-support';

// Shared data of the casework screens' component tests: clients, cases, disclosure, the counselor's home (fictional people only).
export const COUNSELOR_PERMISSIONS = ['master.read', 'case.read', 'case.write', 'case.break-glass', 'placement.request', 'referral.draft', 'line.reply'];

export function meWith(permissions: string[] = COUNSELOR_PERMISSIONS): Schemas['MeResponseDto'] {
  return {
    id: 'u-me', loginId: 'c1', displayName: '架空 相談員', role: 'counselor', permissions, unitId: 'unit-1', departmentId: null, active: true,
    mfaEnabled: false,
    approvalState: 'approved',
    approvalReasons: [], mfaEnrolmentRequired: false, idleTimeoutSeconds: 900, sessionExpiresAt: '2030-01-01T00:00:00Z',
  };
}

export const PROGRAMS = [{ code: 'josei-soudan', name: '女性相談室', active: true }];
export const CONCERNS = [
  { code: 'husband-violence', name: '夫等からの暴力', groupName: '夫等', active: true },
  { code: 'divorce', name: '離婚問題', groupName: '夫等', active: true },
];

export function caseDto(over: Partial<Schemas['CaseDto']> = {}): Schemas['CaseDto'] {
  return {
    id: 'case-1', caseNumber: '2025-0001', clientId: 'client-1', programCode: 'josei-soudan', unitId: 'unit-1', assignedCounselorId: 'u-me', status: 'open',
    closeReason: null, mainConcerns: ['husband-violence'], restricted: false, openedOn: '2025-11-20', closedOn: null, version: 1, ...over,
  };
}

export function clientDto(over: Partial<Schemas['ClientDto']> = {}): Schemas['ClientDto'] {
  return {
    id: 'client-1', name: '架空 花子', kana: 'カクウハナコ', gender: 'female', ageBand: '30s', addressProtected: true, birthDate: '1990-04-01',
    phone: '090-0000-1234', address: '架空市秘匿町9-9-9', addressWithheld: false, notes: null, version: 1, ...over,
  };
}

/** A client as GET /clients/:id/summary returns her: name and flag, no phone or address. */
export function clientSummary(over: Partial<Schemas['ClientSummaryDto']> = {}): Schemas['ClientSummaryDto'] {
  return { id: 'client-1', name: '架空 花子', kana: 'カクウハナコ', gender: 'female', ageBand: '30s', addressProtected: true, ...over };
}

/** The colleagues of the signed-in counselor's unit (GET /staff). */
export const STAFF: Schemas['StaffMemberDto'][] = [
  { id: 'u-me', displayName: '架空 相談員', role: 'counselor', active: true },
  { id: 'u-other', displayName: '架空 同僚', role: 'counselor', active: true },
];

/** The reads of a client's record or summary among the requests (not her children or consents). */
export function clientReads(requests: ReadonlyArray<{ method: string; url: URL }>): string[] {
  return requests.filter((r) => r.method === 'GET' && /^\/api\/v1\/clients\/[^/]+(\/summary)?$/.test(r.url.pathname)).map((r) => `${r.url.pathname}${r.url.search}`);
}

/** Answers the code lists every screen loads; `null` for any other request. */
export function codeLists(url: URL): Reply | null {
  if (url.pathname === '/api/v1/programs') return { status: 200, body: PROGRAMS };
  if (url.pathname === '/api/v1/concerns') return { status: 200, body: CONCERNS };
  return null;
}
