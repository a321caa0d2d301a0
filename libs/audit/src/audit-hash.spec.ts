import fc from 'fast-check';
import { canonicalEvent, chainHash, GENESIS_HASH, HashableEvent } from './audit-hash';

const event = (over: Partial<HashableEvent> = {}): HashableEvent => ({
  id: '1',
  xactId: '100',
  occurredAt: new Date('2025-12-01T00:00:00.000Z'),
  category: 'security',
  action: 'auth.login',
  outcome: 'allowed',
  actorId: '3f2b8c1e-9d4a-4e6b-8f0c-1a2b3c4d5e6f',
  actorRole: 'counselor',
  actorUnitId: null,
  resourceType: 'session',
  resourceId: 'abc',
  caseId: null,
  reason: null,
  detailCode: null,
  requestId: 'req-1',
  ip: '127.0.0.1',
  ...over,
});

const FIELDS: Array<keyof HashableEvent> = [
  'id', 'xactId', 'category', 'action', 'outcome', 'actorId', 'actorRole', 'actorUnitId',
  'resourceType', 'resourceId', 'caseId', 'reason', 'detailCode', 'requestId', 'ip',
];

describe('audit hash chain', () => {
  it('is deterministic', () => {
    expect(chainHash('1', GENESIS_HASH, event())).toBe(chainHash('1', GENESIS_HASH, event()));
    expect(chainHash('1', GENESIS_HASH, event())).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes when any field, the time, the position or the previous hash changes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIELDS), fc.string({ minLength: 1, maxLength: 20 }), (field, value) => {
        const base = event();
        fc.pre(base[field] !== value);
        const changed = { ...base, [field]: value };
        expect(chainHash('7', GENESIS_HASH, changed)).not.toBe(chainHash('7', GENESIS_HASH, base));
      }),
    );
    const base = chainHash('7', GENESIS_HASH, event());
    expect(chainHash('7', GENESIS_HASH, event({ occurredAt: new Date('2025-12-01T00:00:00.001Z') }))).not.toBe(base);
    expect(chainHash('8', GENESIS_HASH, event())).not.toBe(base);
    expect(chainHash('7', 'f'.repeat(64), event())).not.toBe(base);
  });

  it('keeps null apart from the string "null" and fields apart from their neighbours', () => {
    expect(canonicalEvent(event({ reason: null }))).not.toBe(canonicalEvent(event({ reason: 'null' })));
    expect(canonicalEvent(event({ resourceType: 'a', resourceId: 'bc' }))).not.toBe(canonicalEvent(event({ resourceType: 'ab', resourceId: 'c' })));
  });
});
