/**
 * Visitor tokens: stateless, `v1.<visitorId>.<signature>` where the signature is an HMAC-SHA256
 * over the site and visitor ids. A token opens one visitor's conversations on one site, nothing
 * else: replayed on another site it fails verification.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const PREFIX = 'v1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function sign(secret: string, siteId: string, visitorId: string): string {
  return createHmac('sha256', secret).update(`${PREFIX}.${siteId}.${visitorId}`).digest('base64url');
}

export function createVisitorToken(secret: string, siteId: string, visitorId: string): string {
  return `${PREFIX}.${visitorId}.${sign(secret, siteId, visitorId)}`;
}

/** The visitor id the token was issued for on this site, or null when it is malformed or forged. */
export function verifyVisitorToken(secret: string, siteId: string, token: string): string | null {
  const [prefix, visitorId, signature, ...rest] = token.split('.');
  if (prefix !== PREFIX || !visitorId || !signature || rest.length > 0 || !UUID.test(visitorId)) return null;
  const expected = Buffer.from(sign(secret, siteId, visitorId));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? visitorId : null;
}
