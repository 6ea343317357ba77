/**
 * A visitor's page view: stored (with the time zone and User-Agent that came with it), then
 * pushed to the agents watching any of that visitor's conversations that are not closed.
 */
import { listActiveConversationIds, recordPageView, type Db } from '@parley/db';
import type { PageViewFrame } from '@parley/protocol';
import { channels } from '../realtime/channels';
import type { Hub } from '../realtime/hub';

export interface PageViewScope {
  workspaceId: string;
  visitorId: string;
  /** The User-Agent header of the socket's upgrade request. */
  userAgent: string | undefined;
}

/** The User-Agent is the visitor's to set; keep only a sane amount of it. */
const MAX_USER_AGENT_LENGTH = 512;

export async function recordAndAnnouncePageView(deps: { db: Db; hub: Hub }, scope: PageViewScope, frame: PageViewFrame): Promise<void> {
  const page = await recordPageView(deps.db, scope.workspaceId, scope.visitorId, {
    url: frame.url,
    title: frame.title,
    referrer: frame.referrer,
    ...(frame.timeZone === undefined ? {} : { timeZone: frame.timeZone }),
    ...(scope.userAgent === undefined ? {} : { userAgent: scope.userAgent.slice(0, MAX_USER_AGENT_LENGTH) }),
  });
  if (!page) return;
  const conversationIds = await listActiveConversationIds(deps.db, scope.workspaceId, scope.visitorId);
  const frameOut = { type: 'page.viewed', visitorId: scope.visitorId, page } as const;
  // Live context is a convenience: stored already, so a lost publish costs only the live update.
  await Promise.all(
    conversationIds.map((id) => deps.hub.publish(channels.conversation(scope.workspaceId, id), { kind: 'frame', frame: frameOut })),
  ).catch(() => {});
}
