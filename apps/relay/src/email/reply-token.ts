/**
 * The token in an emailed reply link: `e1.<payload>.<signature>`, the payload base64url JSON of
 * workspace, site, visitor, conversation and expiry, signed with HMAC-SHA256 under the relay's
 * secret. Stateless, so any node verifies it; it opens one conversation for replies, nothing else.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const PREFIX = 'e1';

export interface ReplyGrant {
  workspaceId: string;
  siteId: string;
  visitorId: string;
  conversationId: string;
  /** Expiry, ms since epoch. */
  expiresAt: number;
}

function sign(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(`${PREFIX}.${payload}`).digest('base64url');
}

export function createReplyToken(secret: string, grant: ReplyGrant): string {
  const payload = Buffer.from(
    JSON.stringify({ w: grant.workspaceId, s: grant.siteId, v: grant.visitorId, c: grant.conversationId, x: grant.expiresAt }),
  ).toString('base64url');
  return `${PREFIX}.${payload}.${sign(secret, payload)}`;
}

/** The grant, or a reason it is refused: forged or malformed, or expired. */
export function verifyReplyToken(secret: string, token: string, now = Date.now()): ReplyGrant | 'invalid' | 'expired' {
  const [prefix, payload, signature, ...rest] = token.split('.');
  if (prefix !== PREFIX || !payload || !signature || rest.length > 0) return 'invalid';
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
  let fields: Record<string, unknown>;
  try {
    fields = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return 'invalid';
  }
  const { w, s, v, c, x } = fields;
  if (typeof w !== 'string' || typeof s !== 'string' || typeof v !== 'string' || typeof c !== 'string' || typeof x !== 'number') return 'invalid';
  if (x <= now) return 'expired';
  return { workspaceId: w, siteId: s, visitorId: v, conversationId: c, expiresAt: x };
}
