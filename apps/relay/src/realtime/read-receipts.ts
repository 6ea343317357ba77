/**
 * The `read` frame on both sockets: store the mark (db/read-receipts.ts), and when it moved
 * forward tell the other side: agents watching the conversation get `conversation.read` in seq,
 * the visitor's tabs get the agents' mark in their own numbering (docs/protocol.md 3.10).
 */
import { markAgentRead, markVisitorRead, readMarks, type Db, type ReadResult } from '@parley/db';
import type { ConversationRead, ReadState } from '@parley/protocol';
import type { FastifyBaseLogger } from 'fastify';
import { ParleyError } from '../parley-error';
import { channels } from './channels';
import type { Hub } from './hub';

export interface ReadDeps {
  db: Db;
  hub: Hub;
  log: FastifyBaseLogger;
}

function stored(result: ReadResult, conversationId: string): Extract<ReadResult, { ok: true }> {
  if (result.ok) return result;
  if (result.error === 'not_found') throw new ParleyError('not_found', 'no such conversation', conversationId);
  throw new ParleyError('invalid_frame', 'seq is past the conversation’s last message', conversationId);
}

/** Receipts are a courtesy: a lost publish is repaired by the next mark or the next watch. */
function announce(deps: ReadDeps, channel: string, frame: ConversationRead, origin?: string): Promise<void> {
  return deps.hub
    .publish(channel, { kind: 'frame', frame, ...(origin ? { origin } : {}) })
    .catch((error) => deps.log.debug({ err: error }, 'conversation.read publish failed'));
}

export async function visitorRead(
  deps: ReadDeps,
  who: { workspaceId: string; visitorId: string },
  frame: { conversationId: string; seq: number; state?: ReadState },
): Promise<void> {
  const state = frame.state ?? 'seen';
  const result = stored(await markVisitorRead(deps.db, who.workspaceId, who.visitorId, frame.conversationId, frame.seq, state), frame.conversationId);
  if (!result.advanced) return;
  await announce(deps, channels.conversation(who.workspaceId, frame.conversationId), {
    type: 'conversation.read',
    conversationId: frame.conversationId,
    side: 'visitor',
    state,
    seq: result.seq,
  });
}

/** `origin`: the reading socket, which needs no echo of its own mark. */
export async function agentRead(deps: ReadDeps, workspaceId: string, frame: { conversationId: string; seq: number }, origin: string): Promise<void> {
  const result = stored(await markAgentRead(deps.db, workspaceId, frame.conversationId, frame.seq), frame.conversationId);
  if (!result.advanced) return;
  const mark = { type: 'conversation.read', conversationId: frame.conversationId, side: 'agent', state: 'seen' } as const;
  await Promise.all([
    announce(deps, channels.conversation(workspaceId, frame.conversationId), { ...mark, seq: result.seq }, origin),
    result.visitorSeq > 0 ? announce(deps, channels.visitor(workspaceId, result.visitorId), { ...mark, seq: result.visitorSeq }) : null,
  ]);
}

/** The marks so far, for an agent who starts watching: the visitor's (delivered, seen) and the agents'. */
export async function marksForAgent(db: Db, workspaceId: string, conversationId: string): Promise<ConversationRead[]> {
  const marks = await readMarks(db, workspaceId, conversationId);
  if (!marks) return [];
  const frame = (side: ConversationRead['side'], state: ReadState, seq: number): ConversationRead => ({ type: 'conversation.read', conversationId, side, state, seq });
  return [
    frame('visitor', 'delivered', marks.visitorDeliveredSeq),
    frame('visitor', 'seen', marks.visitorReadSeq),
    frame('agent', 'seen', marks.agentReadSeq),
  ].filter((entry) => entry.seq > 0);
}

/** The agents' mark in the visitor's numbering, after a sync of the visitor's conversation; null when none. */
export async function markForVisitor(db: Db, workspaceId: string, conversationId: string): Promise<ConversationRead | null> {
  const marks = await readMarks(db, workspaceId, conversationId);
  if (!marks || marks.agentReadVisitorSeq === 0) return null;
  return { type: 'conversation.read', conversationId, side: 'agent', state: 'seen', seq: marks.agentReadVisitorSeq };
}
