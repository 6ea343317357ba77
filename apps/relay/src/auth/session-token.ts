/**
 * Agent session tokens. The cookie holds 32 random bytes; Postgres holds only their SHA-256, so a
 * leaked sessions table does not let anyone sign in.
 */
import { createHash, randomBytes } from 'node:crypto';

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** `__Host-` pins the cookie to this exact origin, but browsers accept it only over https. */
export function sessionCookieName(publicUrl: string): string {
  return publicUrl.startsWith('https://') ? '__Host-parley_session' : 'parley_session';
}
