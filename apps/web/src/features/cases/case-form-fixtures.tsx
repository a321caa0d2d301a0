import { configure, render } from '@testing-library/react';
import type { ApiClient } from '../../api/client';
import { RouterProvider } from '../../router/router';
import type { Reply } from '../../test-support';
import type { ScreenProps } from '../../ui/screen';

export { clientReads } from '../../test-fixtures/counselor';

// The forms wait on two or three reads; on a busy machine the default 1 s is too short.
configure({ asyncUtilTimeout: 5000 });

// Made-up records for the case form tests: no real person.
export const CASE_ID = '11111111-1111-4111-8111-111111111111';
export const CLIENT_ID = '22222222-2222-4222-8222-222222222222';

export const CASE = {
  id: CASE_ID,
  caseNumber: 'R7-0042',
  clientId: CLIENT_ID,
  programCode: 'josei-soudan',
  mainConcerns: ['husband-violence'],
  status: 'open',
  openedOn: '2025-10-01',
  closedOn: null,
  closeReason: null,
  assignedCounselorId: null,
  restricted: false,
  unitId: 'unit-1',
  version: 1,
};

/** The client's summary (GET /clients/:id/summary): no phone, no address. */
export const CLIENT = {
  id: CLIENT_ID,
  name: '架空 花子',
  kana: 'カクウハナコ',
  addressProtected: true,
  ageBand: '30s',
  gender: 'female',
};

export const ME = { id: 'me', loginId: 'c', displayName: '相談員', role: 'counselor', permissions: ['case.read', 'case.write'], unitId: 'unit-1', departmentId: null } as unknown as ScreenProps['me'];

/** Answers by "METHOD /path" (without /api/v1); anything else is a 404 the test would notice. */
export function routes(table: Record<string, Reply | ((body: unknown) => Reply)>) {
  return (method: string, url: URL, body: unknown): Reply => {
    const key = `${method} ${url.pathname.replace('/api/v1', '')}`;
    const answer = table[key];
    if (!answer) return { status: 404, body: { statusCode: 404, message: `no fake for ${key}` } };
    return typeof answer === 'function' ? answer(body) : answer;
  };
}

/** The two reads every case form starts with (a read of the full client record would be a 404). */
export const CASE_READS = {
  [`GET /cases/${CASE_ID}`]: { status: 200, body: CASE },
  [`GET /clients/${CLIENT_ID}/summary`]: { status: 200, body: CLIENT },
};

export function renderScreen(Screen: (props: ScreenProps) => React.ReactNode, api: ApiClient, path: string, params: Record<string, string> = { id: CASE_ID }) {
  window.history.replaceState(null, '', path);
  return render(
    <RouterProvider>
      <Screen api={api} me={ME} params={params} />
    </RouterProvider>,
  );
}

/** The api's 400 naming one field. */
export const badRequest = (field: string, message: string): Reply => ({ status: 400, body: { statusCode: 400, error: 'Bad Request', message: '入力内容に誤りがあります', fields: [{ field, message }] } });
