/**
 * Checks a visitor's identify against the site's identity secret. Two forms:
 * - a JWT signed HS256 with the secret, carrying `sub` (the site's user id) and `exp`, optionally
 *   `name` and `email` (what Intercom and Zendesk moved to: the claims are signed and expire);
 * - `userId` + `userHash`, the hex HMAC-SHA256 of the user id with the secret, for sites migrating
 *   from Intercom-style hashes. It never expires and signs only the id, so name and email sent
 *   beside it are taken as the page says.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { IDENTITY_LIMITS, type VisitorIdentify } from '@parley/protocol';
import { errors, jwtVerify } from 'jose';

export interface VerifiedIdentity {
  userId: string;
  name?: string;
  email?: string;
}

/** Why an identify was refused, for the relay's log and the error frame's detail. */
export type IdentityRefusal = 'expired' | 'bad_signature' | 'bad_claims' | 'incomplete';

export type IdentityResult = { ok: true; identity: VerifiedIdentity } | { ok: false; reason: IdentityRefusal };

/** Tolerated clock difference between the site's server and the relay when checking `exp` and `nbf`. */
const CLOCK_TOLERANCE_SECONDS = 30;

export function userHash(secret: string, userId: string): string {
  return createHmac('sha256', secret).update(userId, 'utf8').digest('hex');
}

export async function verifyIdentity(secret: string, frame: Omit<VisitorIdentify, 'type'>, now = new Date()): Promise<IdentityResult> {
  if (frame.token !== undefined) return verifyToken(secret, frame.token, now);
  if (frame.userId !== undefined && frame.userHash !== undefined) {
    const expected = Buffer.from(userHash(secret, frame.userId), 'hex');
    const given = Buffer.from(frame.userHash, 'hex');
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad_signature' };
    return { ok: true, identity: { userId: frame.userId, ...optional('name', frame.name), ...optional('email', frame.email) } };
  }
  return { ok: false, reason: 'incomplete' };
}

async function verifyToken(secret: string, token: string, now: Date): Promise<IdentityResult> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      // Only HS256: a token naming another algorithm (none, RS256 with the secret as a key) is refused.
      algorithms: ['HS256'],
      requiredClaims: ['sub', 'exp'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      currentDate: now,
    });
    const { sub, name, email } = payload;
    if (!sub || sub.length > IDENTITY_LIMITS.maxUserIdLength) return { ok: false, reason: 'bad_claims' };
    if (!isOptionalString(name, IDENTITY_LIMITS.maxNameLength) || !isOptionalString(email, IDENTITY_LIMITS.maxEmailLength)) {
      return { ok: false, reason: 'bad_claims' };
    }
    return { ok: true, identity: { userId: sub, ...optional('name', name), ...optional('email', email) } };
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, reason: 'expired' };
    if (error instanceof errors.JWTClaimValidationFailed) return { ok: false, reason: 'bad_claims' };
    return { ok: false, reason: 'bad_signature' };
  }
}

function isOptionalString(value: unknown, maxLength: number): value is string | undefined {
  return value === undefined || (typeof value === 'string' && value.length <= maxLength);
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
