import { describe, expect, it } from 'vitest';
import { matchPath, pathTo } from './router';

describe('matchPath', () => {
  it('reads params and ignores a trailing slash', () => {
    expect(matchPath('/cases/:id/contacts/new', '/cases/abc/contacts/new/')).toEqual({ id: 'abc' });
    expect(matchPath('/', '/')).toEqual({});
  });

  it('does not match a different shape or literal', () => {
    expect(matchPath('/cases/:id', '/cases/abc/contacts')).toBeNull();
    expect(matchPath('/cases/:id', '/clients/abc')).toBeNull();
    expect(matchPath('/cases/:id', '/cases/%E0%A4%A')).toBeNull();
  });

  it('round-trips encoded params', () => {
    const path = pathTo('/line/:id', { id: 'a b/c' });
    expect(path).toBe('/line/a%20b%2Fc');
    expect(matchPath('/line/:id', path)).toEqual({ id: 'a b/c' });
  });
});
