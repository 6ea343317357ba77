/**
 * Sending a message, for visitors and agents alike: store it (one transaction, idempotent on
 * clientId), answer the sender only after the commit, then ring the bus so every node delivers it.
 */
import {
  asSeenByVisitor,
  createMessageWriter,
  getVisitorConversation,
  resolveConversationTeam,
  startConversation,
  type Db,
  type MessageWriter,
} from '@parley/db';
import type { Attachment, Author, ConversationSummary, Message, MessageKind, RelayToConsole, RelayToWidget } from '@parley/protocol';
import type { FastifyBaseLogger } from 'fastify';
import { ParleyError } from '../parley-error';
import { channels } from '../realtime/channels';
import type { Hub } from '../realtime/hub';

export interface SendInput {
  conversationId?: string;
  clientId: string;
  body: string;
  /** A new conversation's team, if the visitor picked one (routing). */
  teamId?: string;
  /** The stored file the message carries (attachments/); body is then its name. */
  attachment?: Attachment;
}

export interface VisitorSender {
  workspaceId: string;
  siteId: string;
  visitorId: string;
  name: string | null;
}

export interface AgentSender {
  workspaceId: string;
  agentId: string;
  name: string;
}

export type MessageAck = Extract<RelayToWidget, { type: 'message.ack' }>;

export class MessageService {
  /** Group commit: messages arriving together share one transaction (see message-writer.ts). */
  private readonly writer: MessageWriter;

  constructor(
    private readonly db: Db,
    private readonly hub: Hub,
    private readonly log: FastifyBaseLogger,
    options: { concurrency: number },
  ) {
    this.writer = createMessageWriter(db, { concurrency: options.concurrency });
  }

  /** Told of every conversation a message changed, after the commit: routing queues and assigns from it. */
  onConversationChanged: ((workspaceId: string, conversation: ConversationSummary) => void) | null = null;
  /** Told of every agent reply the visitor sees (not notes), after the commit: email follow-up. */
  onAgentReply: ((workspaceId: string, conversation: ConversationSummary, message: Message) => void) | null = null;

  /** Resolves once every accepted message is committed (and answered). */
  drain(): Promise<void> {
    return this.writer.drain();
  }

  async sendFromVisitor(sender: VisitorSender, input: SendInput): Promise<MessageAck> {
    const author: Author = { kind: 'visitor', id: sender.visitorId, name: sender.name };
    let result = input.conversationId
      ? await this.writer.append(
          { workspaceId: sender.workspaceId, visitorId: sender.visitorId },
          { conversationId: input.conversationId, clientId: input.clientId, author, body: input.body, ...withAttachment(input) },
        )
      : null;
    // No conversationId, or one closed longer ago than the reopen window: this message starts a
    // new conversation (docs/protocol.md 3.9). An unknown id stays not_found.
    const startsNew = !input.conversationId || (!result && (await isVisitorsConversation(this.db, sender, input.conversationId)));
    if (startsNew) {
      const teamId = input.teamId ? await resolveConversationTeam(this.db, sender.workspaceId, sender.siteId, input.teamId) : undefined;
      result = await startConversation(this.db, sender.workspaceId, {
        ...(teamId ? { teamId } : {}),
        siteId: sender.siteId,
        visitorId: sender.visitorId,
        clientId: input.clientId,
        author,
        body: input.body,
        ...withAttachment(input),
      });
    }
    if (!result) throw new ParleyError('not_found', 'no such conversation for this visitor', input.clientId);
    this.announce(sender.workspaceId, result.conversation, result.message, result.visitorSeq);
    // The visitor's ack speaks the visitor's numbering, like every frame on its socket.
    return ackFor(input.clientId, asSeenByVisitor(result.message, result.visitorSeq) ?? result.message);
  }

  /** A reply, or with kind 'note' an internal note: stored and announced to agents only. */
  async sendFromAgent(
    sender: AgentSender,
    input: SendInput & { conversationId: string },
    kind: Extract<MessageKind, 'text' | 'note'> = 'text',
  ): Promise<MessageAck> {
    const author: Author = { kind: 'agent', id: sender.agentId, name: sender.name };
    const result = await this.writer.append(
      { workspaceId: sender.workspaceId },
      { conversationId: input.conversationId, clientId: input.clientId, author, kind, body: input.body, ...withAttachment(input) },
    );
    if (!result) throw new ParleyError('not_found', 'no such conversation in this workspace', input.clientId);
    this.announce(sender.workspaceId, result.conversation, result.message, result.visitorSeq);
    if (kind === 'text') this.onAgentReply?.(sender.workspaceId, result.conversation, result.message);
    return ackFor(input.clientId, result.message);
  }

  /**
   * Publishes after the commit. Failures are logged, not thrown: the message is stored and acked,
   * and every client catches up from Postgres (gap, reconnect, or the bus-recovered replay).
   * A resend publishes again on purpose: if the first publish was lost, this one repairs it, and
   * clients drop the duplicate by seq.
   */
  /**
   * A system `event` message in the transcript (a transfer, a close): the visitor sees it too,
   * so it says in plain words what happened and nothing agents-only. `about` names the agent an
   * event is about (the joined event, JOINED_EVENT_PREFIX), so clients can word it themselves.
   */
  async postEvent(
    workspaceId: string,
    conversationId: string,
    body: string,
    about: { clientId: string; agentId: string; name: string } | null = null,
  ): Promise<void> {
    const author: Author = { kind: 'system', id: about?.agentId ?? null, name: about?.name ?? null };
    const result = await this.writer.append({ workspaceId }, { conversationId, clientId: about?.clientId ?? null, author, kind: 'event', body });
    if (result) this.announce(workspaceId, result.conversation, result.message, result.visitorSeq);
  }

  private announce(workspaceId: string, conversation: ConversationSummary, message: Message, visitorSeq: number | null): void {
    this.onConversationChanged?.(workspaceId, conversation);
    const created = { type: 'message.created', message } as const;
    const updated: RelayToConsole = { type: 'conversation.updated', conversation };
    // A note (no visitorSeq) never goes to the visitor channel; everything else goes there in the
    // visitor's numbering (docs/protocol.md 3.8).
    const seenByVisitor = asSeenByVisitor(message, visitorSeq);
    // The sender's own sockets get message.created too: that is how its other tabs learn of it.
    const publishes = [
      ...(seenByVisitor
        ? [this.hub.publish(channels.visitor(workspaceId, conversation.visitor.id), { kind: 'frame', frame: { type: 'message.created', message: seenByVisitor } })]
        : []),
      this.hub.publish(channels.conversation(workspaceId, conversation.id), { kind: 'frame', frame: created }),
      this.hub.publish(channels.inbox(workspaceId), { kind: 'frame', frame: updated }),
    ];
    Promise.all(publishes).catch((error) =>
      this.log.warn({ err: error, conversationId: conversation.id, seq: message.seq }, 'bus publish failed; clients will catch up'),
    );
  }
}

function withAttachment(input: SendInput): { attachment?: Attachment } {
  return input.attachment ? { attachment: input.attachment } : {};
}

function ackFor(clientId: string, message: Message): MessageAck {
  return {
    type: 'message.ack',
    clientId,
    conversationId: message.conversationId,
    id: message.id,
    seq: message.seq,
    createdAt: message.createdAt,
  };
}

async function isVisitorsConversation(db: Db, sender: VisitorSender, conversationId: string): Promise<boolean> {
  return (await getVisitorConversation(db, sender.workspaceId, sender.visitorId, conversationId)) !== null;
}
