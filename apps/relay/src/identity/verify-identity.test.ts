import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { userHash, verifyIdentity } from './verify-identity';

const secret = 'a'.repeat(64);
const key = new TextEncoder().encode(secret);
const now = new Date('2026-01-01T00:00:00Z');
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

function sign(claims: Record<string, unknown>, opts: { secret?: Uint8Array; alg?: string; exp?: number | null } = {}) {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: opts.alg ?? 'HS256' }).setIssuedAt(seconds(now));
  if (opts.exp !== null) jwt.setExpirationTime(opts.exp ?? seconds(now) + 600);
  return jwt.sign(opts.secret ?? key);
}

describe('verifyIdentity with a JWT', () => {
  it('accepts a token signed with the site secret and returns its claims', async () => {
    const token = await sign({ sub: 'user-42', name: 'Ada', email: 'ada@example.com' });
    expect(await verifyIdentity(secret, { token }, now)).toEqual({
      ok: true,
      identity: { userId: 'user-42', name: 'Ada', email: 'ada@example.com' },
    });
  });

  it('refuses a token signed with another secret', async () => {
    const token = await sign({ sub: 'user-42' }, { secret: new TextEncoder().encode('b'.repeat(64)) });
    expect(await verifyIdentity(secret, { token }, now)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses a token whose claims were edited after signing', async () => {
    const token = await sign({ sub: 'user-42' });
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'admin', exp: seconds(now) + 600 })).toString('base64url');
    expect(await verifyIdentity(secret, { token: `${header}.${forged}.${signature}` }, now)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses an expired token', async () => {
    const token = await sign({ sub: 'user-42' }, { exp: seconds(now) - 120 });
    expect(await verifyIdentity(secret, { token }, now)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a token without exp or without sub', async () => {
    expect(await verifyIdentity(secret, { token: await sign({ sub: 'user-42' }, { exp: null }) }, now)).toMatchObject({ ok: false });
    expect(await verifyIdentity(secret, { token: await sign({ name: 'Ada' }) }, now)).toMatchObject({ ok: false });
  });

  it('refuses an unsigned (alg none) token and another HMAC algorithm', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ sub: 'user-42', exp: seconds(now) + 600 })).toString('base64url');
    expect(await verifyIdentity(secret, { token: `${header}.${payload}.` }, now)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(await verifyIdentity(secret, { token: await sign({ sub: 'user-42' }, { alg: 'HS512' }) }, now)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses a name claim that is not a string', async () => {
    expect(await verifyIdentity(secret, { token: await sign({ sub: 'user-42', name: { first: 'Ada' } }) }, now)).toEqual({ ok: false, reason: 'bad_claims' });
  });

  it('refuses garbage', async () => {
    expect(await verifyIdentity(secret, { token: 'not-a-jwt' }, now)).toEqual({ ok: false, reason: 'bad_signature' });
  });
});

describe('verifyIdentity with a user hash', () => {
  it('accepts the hex HMAC-SHA256 of the user id, in either case', async () => {
    const hash = userHash(secret, 'user-42');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await verifyIdentity(secret, { userId: 'user-42', userHash: hash, name: 'Ada' })).toEqual({ ok: true, identity: { userId: 'user-42', name: 'Ada' } });
    expect(await verifyIdentity(secret, { userId: 'user-42', userHash: hash.toUpperCase() })).toMatchObject({ ok: true });
  });

  it('refuses a hash of another user id or made with another secret', async () => {
    expect(await verifyIdentity(secret, { userId: 'user-43', userHash: userHash(secret, 'user-42') })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(await verifyIdentity(secret, { userId: 'user-42', userHash: userHash('other', 'user-42') })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses a user id without a hash', async () => {
    expect(await verifyIdentity(secret, { userId: 'user-42' })).toEqual({ ok: false, reason: 'incomplete' });
  });
});
