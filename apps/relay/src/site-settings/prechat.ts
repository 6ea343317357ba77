/**
 * The widget's pre-chat form on the relay: store what the visitor gave, and refuse to start a
 * conversation while a field the site requires is missing. The widget checks the same before it
 * sends; this is the check a hand-written client cannot skip.
 */
import { getSite, getVisitor, setVisitorDetails, type Db } from '@parley/db';
import type { PrechatSubmit } from '@parley/protocol';
import { ParleyError } from '../parley-error';

interface VisitorScope {
  workspaceId: string;
  siteId: string;
  visitorId: string;
}

/** Stores the form's fields on the visitor; returns the visitor's name as it now is. */
export async function savePrechat(db: Db, scope: VisitorScope, frame: PrechatSubmit): Promise<string | null> {
  const visitor = await setVisitorDetails(db, scope.workspaceId, scope.visitorId, { name: frame.name, email: frame.email });
  if (!visitor) throw new ParleyError('unauthorized', 'the visitor no longer exists');
  return visitor.name;
}

/**
 * Throws `validation_failed` (ref: the message's clientId) when the site, as it is now (an
 * admin may have changed it since this socket opened), requires a field this visitor has not given.
 */
export async function requirePrechat(db: Db, scope: VisitorScope, clientId: string): Promise<void> {
  const site = await getSite(db, scope.workspaceId, scope.siteId);
  if (!site) throw new ParleyError('unknown_site', 'the site was removed');
  const { name, email } = site.widget.prechat;
  if (name !== 'required' && email !== 'required') return;
  const visitor = await getVisitor(db, scope.workspaceId, scope.visitorId);
  const missing = [name === 'required' && !visitor?.name ? 'name' : null, email === 'required' && !visitor?.email ? 'email' : null].filter(Boolean);
  if (missing.length > 0) {
    throw new ParleyError('validation_failed', `the site asks for ${missing.join(' and ')} before the first message: send prechat.submit first`, clientId);
  }
}
