import { describe, expect, it } from 'vitest';
import { createVisitorToken, verifyVisitorToken } from './visitor-token';

const secret = 'a'.repeat(64);
const site = '11111111-1111-4111-8111-111111111111';
const otherSite = '22222222-2222-4222-8222-222222222222';
const visitor = '33333333-3333-4333-8333-333333333333';

describe('visitor tokens', () => {
  it('verifies a token for the site and visitor it was made for', () => {
    expect(verifyVisitorToken(secret, site, createVisitorToken(secret, site, visitor))).toBe(visitor);
  });

  it('refuses the token on another site, with another secret, or altered', () => {
    const token = createVisitorToken(secret, site, visitor);
    expect(verifyVisitorToken(secret, otherSite, token)).toBeNull();
    expect(verifyVisitorToken('b'.repeat(64), site, token)).toBeNull();
    expect(verifyVisitorToken(secret, site, token.replace(visitor, '44444444-4444-4444-8444-444444444444'))).toBeNull();
    expect(verifyVisitorToken(secret, site, `${token}x`)).toBeNull();
  });

  it.each(['', 'v1', 'v1..', 'v2.x.y', 'v1.not-a-uuid.sig', `v1.${visitor}.sig.extra`])('refuses malformed %j', (token) => {
    expect(verifyVisitorToken(secret, site, token)).toBeNull();
  });
});
