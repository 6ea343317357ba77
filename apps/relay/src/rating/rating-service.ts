/**
 * The visitor's rating at close: stored on the conversation (db/ratings.ts), echoed to the
 * visitor's other tabs, and shown to agents as `rating.recorded` plus a line in the transcript.
 */
import { rateConversation, type Db } from '@parley/db';
import { RATING_LIMITS, type RatingRecorded, type RatingSubmit } from '@parley/protocol';
import type { MessageService } from '../chat/message-service';
import { ParleyError } from '../parley-error';
import { channels } from '../realtime/channels';
import type { Hub } from '../realtime/hub';

export interface RatingDeps {
  db: Db;
  hub: Hub;
  messages: MessageService;
}

export interface RatingScope {
  workspaceId: string;
  visitorId: string;
  /** The socket that sent the rating: it gets the answer directly, not again from the bus. */
  socketId: string;
}

/** What agents read in the transcript; the visitor sees it too, so it quotes only their own words. */
export function ratingEventBody(score: RatingSubmit['score'], comment: string | null): string {
  const verdict = score === 'good' ? 'good 👍' : 'bad 👎';
  return comment ? `The visitor rated this conversation ${verdict}: “${comment}”` : `The visitor rated this conversation ${verdict}.`;
}

/** Stores the rating and returns the frame for the sender; errors are typed (`not_found`, `conflict`). */
export async function submitRating(deps: RatingDeps, scope: RatingScope, frame: RatingSubmit): Promise<RatingRecorded> {
  const comment = frame.comment?.trim() || null;
  const result = await rateConversation(deps.db, {
    workspaceId: scope.workspaceId,
    visitorId: scope.visitorId,
    conversationId: frame.conversationId,
    score: frame.score,
    comment,
    changeWindowMs: RATING_LIMITS.changeWindowMs,
  });
  if (!result.ok) {
    const detail = result.error === 'conflict' ? 'only a closed conversation can be rated, within 24 hours of its close' : 'no such conversation for this visitor';
    throw new ParleyError(result.error, detail, frame.conversationId);
  }
  const recorded: RatingRecorded = { type: 'rating.recorded', conversationId: frame.conversationId, rating: result.rating };
  // Stored already: a lost publish only means other tabs and agents see it on their next load.
  await Promise.all([
    deps.hub.publish(channels.visitor(scope.workspaceId, scope.visitorId), { kind: 'frame', frame: recorded, origin: scope.socketId }),
    deps.hub.publish(channels.conversation(scope.workspaceId, frame.conversationId), { kind: 'frame', frame: recorded }),
  ]).catch(() => {});
  await deps.messages.postEvent(scope.workspaceId, frame.conversationId, ratingEventBody(frame.score, comment));
  return recorded;
}

/** Tells the visitor's widget that an agent closed their conversation, so it asks for a rating. */
export async function requestRating(hub: Hub, workspaceId: string, visitorId: string, conversationId: string): Promise<void> {
  await hub
    .publish(channels.visitor(workspaceId, visitorId), { kind: 'frame', frame: { type: 'rating.requested', conversationId } })
    .catch(() => {});
}
