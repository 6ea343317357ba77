import { describe, expect, it } from 'vitest';
import { createReplyToken, verifyReplyToken, type ReplyGrant } from './reply-token';

const secret = 'a-secret-of-at-least-thirty-two-characters!';
const grant: ReplyGrant = {
  workspaceId: '11111111-1111-4111-8111-111111111111',
  siteId: '22222222-2222-4222-8222-222222222222',
  visitorId: '33333333-3333-4333-8333-333333333333',
  conversationId: '44444444-4444-4444-8444-444444444444',
  expiresAt: 2_000_000,
};

describe('reply tokens', () => {
  it('round-trips the grant before it expires', () => {
    expect(verifyReplyToken(secret, createReplyToken(secret, grant), 1_999_999)).toEqual(grant);
  });

  it('refuses it from its expiry on', () => {
    expect(verifyReplyToken(secret, createReplyToken(secret, grant), 2_000_000)).toBe('expired');
  });

  it('refuses another secret, an edited payload and junk', () => {
    const token = createReplyToken(secret, grant);
    expect(verifyReplyToken(`${secret}x`, token, 0)).toBe('invalid');
    const [prefix, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ w: grant.workspaceId, s: grant.siteId, v: grant.visitorId, c: grant.siteId, x: 9e15 })).toString('base64url');
    expect(verifyReplyToken(secret, `${prefix}.${forged}.${signature}`, 0)).toBe('invalid');
    expect(verifyReplyToken(secret, 'e1.abc', 0)).toBe('invalid');
    expect(verifyReplyToken(secret, `${token}.extra`, 0)).toBe('invalid');
  });
});
