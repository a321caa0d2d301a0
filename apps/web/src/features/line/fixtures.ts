import type { Schemas } from '../../api/client';
import type { Reply } from '../../test-support';

// Synthetic data for the LINE screens' tests: no real account or person.
export const CHANNEL_ID = '00000000-0000-4000-8000-0000000000c1';

export const CHANNELS: Schemas['LineChannelDto'][] = [
  { id: CHANNEL_ID, key: 'ashitaba', name: 'あしたば LINE相談', programCode: 'ashitaba-line', unitId: 'u1', webhookPath: '/api/v1/line/webhook/ashitaba', active: true, version: 1 },
];

export const PROGRAMS = [
  { code: 'ashitaba-line', name: 'あしたば LINE相談', channels: ['line'], countingUnit: 'session', active: true, serviceHours: [{ kind: 'weekly', weekdays: [1, 2, 3, 4, 5], start: '19:00', end: '22:00' }] },
  { code: 'dv-center', name: '配偶者暴力相談支援センター', channels: ['phone'], countingUnit: 'contact', active: true, serviceHours: null },
];

export const CLOSURES = [{ id: 'x', onDate: null, monthDay: '12-30', label: '年末年始' }];

export function conversation(overrides: Partial<Schemas['ConversationDto']> = {}): Schemas['ConversationDto'] {
  return {
    id: 'conv-1',
    channelId: CHANNEL_ID,
    programCode: 'ashitaba-line',
    status: 'open',
    startedAt: '2025-11-04T10:00:00.000Z',
    lastMessageAt: '2025-11-04T10:05:00.000Z',
    waitingSince: null,
    waitingMinutes: 0,
    caseId: null,
    messageCount: 2,
    version: 3,
    ...overrides,
  };
}

/** Answers the reference reads (channels, programs, closure days) the LINE screens make. */
export function referenceReply(method: string, url: URL): Reply | undefined {
  if (method !== 'GET') return undefined;
  if (url.pathname === '/api/v1/line/channels') return { status: 200, body: CHANNELS };
  if (url.pathname === '/api/v1/programs') return { status: 200, body: PROGRAMS };
  if (url.pathname === '/api/v1/closure-days') return { status: 200, body: CLOSURES };
  return undefined;
}
