import { activationCodeMatches, hashActivationCode, newActivationCode, normalizeActivationCode } from './activation-code';

describe('activation codes', () => {
  it('are three groups of four Crockford base32 characters, and differ each time', () => {
    const codes = new Set(Array.from({ length: 200 }, () => newActivationCode()));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(/^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{4}(-[0-9ABCDEFGHJKMNPQRSTVWXYZ]{4}){2}$/);
  });

  it('match however the person types them: case, spaces, hyphens, O for 0 and I or L for 1', () => {
    const stored = hashActivationCode('7KQ2-M01D-4TRB');
    expect(activationCodeMatches(stored, '7kq2 mO1d 4trb')).toBe(true);
    expect(activationCodeMatches(stored, '7KQ2M0ID4TRB')).toBe(true);
    expect(activationCodeMatches(stored, '7kq2-m0ld-4trb')).toBe(true);
    expect(normalizeActivationCode(' ab-cd ')).toBe('ABCD');
  });

  it('refuse any other code, and an empty one', () => {
    const stored = hashActivationCode('7KQ2-M01D-4TRB');
    expect(activationCodeMatches(stored, '7KQ2-M01D-4TRC')).toBe(false);
    expect(activationCodeMatches(stored, '')).toBe(false);
    expect(activationCodeMatches('not-hex', '7KQ2-M01D-4TRB')).toBe(false);
  });

  it('are never stored as themselves', () => {
    const code = newActivationCode();
    expect(hashActivationCode(code)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashActivationCode(code)).not.toContain(normalizeActivationCode(code));
  });
});
