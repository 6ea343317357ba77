/**
 * What the visitor socket does with `visitor.identify` and `visitor.attributes.set`: verify, then
 * store. The socket itself switches channels and syncs (visitor-connection.ts).
 */
import { identifyVisitor, setVisitorAttributes, type Db, type SiteRecord } from '@parley/db';
import { IDENTITY_LIMITS, type VisitorAttributesSet, type VisitorIdentified, type VisitorIdentify } from '@parley/protocol';
import type { FastifyBaseLogger } from 'fastify';
import { createVisitorToken } from '../auth/visitor-token';
import { ParleyError } from '../parley-error';
import { verifyIdentity } from './verify-identity';

export interface IdentityDeps {
  db: Db;
  /** The relay's secret for visitor tokens (not the site's identity secret). */
  secret: string;
  log: FastifyBaseLogger;
}

/** Verifies the identify and returns the frame to answer with; throws `identity_rejected` when forged or expired. */
export async function identify(deps: IdentityDeps, site: SiteRecord, currentVisitorId: string, frame: VisitorIdentify): Promise<VisitorIdentified> {
  const { type: _type, ...proof } = frame;
  if (proof.token === undefined && (proof.userId === undefined || proof.userHash === undefined)) {
    throw new ParleyError('invalid_frame', 'send either token, or userId with userHash', 'visitor.identify');
  }
  const verified = await verifyIdentity(site.secret, proof);
  if (!verified.ok) {
    deps.log.info({ siteId: site.id, reason: verified.reason }, 'identify refused');
    throw new ParleyError('identity_rejected', verified.reason.replace('_', ' '), 'visitor.identify');
  }
  const { userId, name, email } = verified.identity;
  const visitor = await identifyVisitor(deps.db, {
    workspaceId: site.workspaceId,
    siteId: site.id,
    currentVisitorId,
    externalId: userId,
    name,
    email,
  });
  return {
    type: 'visitor.identified',
    visitorId: visitor.id,
    token: createVisitorToken(deps.secret, site.id, visitor.id),
    userId: visitor.externalId,
    name: visitor.name,
    email: visitor.email,
  };
}

export async function setAttributes(deps: IdentityDeps, site: SiteRecord, visitorId: string, frame: VisitorAttributesSet): Promise<void> {
  const stored = await setVisitorAttributes(deps.db, site.workspaceId, visitorId, frame.attributes, IDENTITY_LIMITS.maxAttributes);
  if (stored === 'too_many') {
    throw new ParleyError('invalid_frame', `a visitor has at most ${IDENTITY_LIMITS.maxAttributes} attributes; remove some with null`, 'visitor.attributes.set');
  }
}
