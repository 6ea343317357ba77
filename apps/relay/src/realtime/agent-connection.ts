/**
 * One agent socket. The upgrade already checked the session cookie and the Origin; every frame
 * is scoped to the agent's workspace, so an id from another workspace is simply `not_found`.
 */
import { getConversationSummary, listConversations, listMessages, type Db } from '@parley/db';
import {
  CLOSE_INCOMPATIBLE,
  HEARTBEAT_MS,
  LIMITS,
  MIN_PROTOCOL_VERSION,
  PROTOCOL_VERSION,
  type AgentProfile,
  type ConsoleToRelay,
  type ConversationSummary,
} from '@parley/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import type { MessageService } from '../chat/message-service';
import { ParleyError } from '../parley-error';
import type { BusEvent } from './bus-events';
import { isWorkFrame, type RoutingService } from '../routing/routing-service';
import { watchSessionExpiry } from '../auth/session-expiry';
import { channels } from './channels';
import { Connection } from './connection';
import { agentRead, marksForAgent } from './read-receipts';
import type { FrameLimits } from './frame-limits';
import type { FrameParser } from './frame-parser';
import type { Hub } from './hub';

export interface AgentConnectionDeps {
  db: Db;
  hub: Hub;
  messages: MessageService;
  log: FastifyBaseLogger;
  parser: FrameParser<ConsoleToRelay>;
  limits: FrameLimits;
  routing: RoutingService;
  onClosed(connection: Connection<ConsoleToRelay>): void;
}

export interface AgentSession {
  sessionId: string;
  /** When the session ends; the socket is closed then (auth/session-expiry.ts). */
  expiresAt: string;
  agent: AgentProfile;
}

type Frame<T extends ConsoleToRelay['type']> = Extract<ConsoleToRelay, { type: T }>;

/** How many inbox rows an agent socket refreshes after a bus outage. */
const INBOX_CATCH_UP = 50;

export class AgentConnection extends Connection<ConsoleToRelay> {
  private readonly watched = new Set<string>();
  private readonly stopExpiry: () => void;

  constructor(
    socket: WebSocket,
    readonly session: AgentSession,
    private readonly deps: AgentConnectionDeps,
  ) {
    super(socket, { parser: deps.parser, limits: deps.limits, ip: null, log: deps.log });
    // The cookie was checked at the upgrade only: an expired session closes the socket (4401), typed.
    this.stopExpiry = watchSessionExpiry(session.expiresAt, () => this.fail('unauthorized', 'the session expired; sign in again'));
  }

  private get workspaceId(): string {
    return this.session.agent.workspaceId;
  }

  protected async onHello(frame: Frame<'hello'>): Promise<void> {
    if (frame.protocolVersion < MIN_PROTOCOL_VERSION || frame.protocolVersion > PROTOCOL_VERSION) {
      this.send({
        type: 'incompatible',
        protocolVersion: PROTOCOL_VERSION,
        minProtocolVersion: MIN_PROTOCOL_VERSION,
        message: `This relay speaks protocol ${MIN_PROTOCOL_VERSION}..${PROTOCOL_VERSION}; reload the console.`,
      });
      this.close(CLOSE_INCOMPATIBLE, 'incompatible');
      return;
    }
    const { hub } = this.deps;
    await Promise.all([
      hub.join(channels.inbox(this.workspaceId), this),
      hub.join(channels.agent(this.workspaceId, this.session.agent.id), this),
    ]);
    this.ready = true;
    this.send({ type: 'welcome', protocolVersion: PROTOCOL_VERSION, agent: this.session.agent, heartbeatMs: HEARTBEAT_MS });
    this.send({ type: 'presence.synced', agents: await this.deps.routing.agentConnected({ id: this.id, agent: this.session.agent }) });
    for (const [conversationId, afterSeq] of Object.entries(frame.resume ?? {})) {
      const conversation = await getConversationSummary(this.deps.db, this.workspaceId, conversationId);
      if (!conversation) {
        this.sendError('not_found', 'cannot resume a conversation outside this workspace', conversationId);
        continue;
      }
      await this.watch(conversation, afterSeq);
    }
  }

  protected async onFrame(frame: ConsoleToRelay): Promise<void> {
    const { agent } = this.session;
    if (isWorkFrame(frame)) return this.deps.routing.handle(agent, frame);
    switch (frame.type) {
      case 'message.send': {
        const ack = await this.deps.messages.sendFromAgent(
          { workspaceId: this.workspaceId, agentId: agent.id, name: agent.name },
          frame,
        );
        this.send(ack);
        return;
      }
      case 'note.send': {
        // Stored in the same timeline, announced to agent sockets only (message-service.ts).
        const ack = await this.deps.messages.sendFromAgent(
          { workspaceId: this.workspaceId, agentId: agent.id, name: agent.name },
          frame,
          'note',
        );
        this.send(ack);
        return;
      }
      case 'conversation.watch':
        await this.watch(await this.requireConversation(frame.conversationId), frame.afterSeq);
        return;
      case 'read':
        await agentRead(this.deps, this.workspaceId, frame, this.id);
        return;
      case 'conversation.unwatch':
        this.watched.delete(frame.conversationId);
        this.deps.hub.leave(channels.conversation(this.workspaceId, frame.conversationId), this);
        return;
      case 'resume':
        await this.sync(await this.requireConversation(frame.conversationId), frame.afterSeq);
        return;
      case 'typing.start':
      case 'typing.stop': {
        const conversation = await this.requireConversation(frame.conversationId);
        const typing = {
          kind: 'frame' as const,
          origin: this.id,
          frame: {
            type: 'typing.changed' as const,
            conversationId: conversation.id,
            author: { kind: 'agent' as const, name: agent.name },
            isTyping: frame.type === 'typing.start',
          },
        };
        // Typing is ephemeral: if the bus is down, this node's sockets got it and that is enough.
        await Promise.all([
          this.deps.hub.publish(channels.visitor(this.workspaceId, conversation.visitor.id), typing),
          this.deps.hub.publish(channels.conversation(this.workspaceId, conversation.id), typing),
        ]).catch(() => {});
        return;
      }
      default:
        throw new ParleyError('unknown_frame', undefined, frame.type);
    }
  }

  async catchUp(): Promise<void> {
    if (!this.ready) return;
    const recent = await listConversations(this.deps.db, this.workspaceId, { status: 'all', limit: INBOX_CATCH_UP });
    for (const conversation of recent) this.send({ type: 'conversation.updated', conversation });
    for (const conversationId of this.watched) {
      const conversation = await getConversationSummary(this.deps.db, this.workspaceId, conversationId);
      if (conversation) await this.sync(conversation, this.deliveredSeq.get(conversationId) ?? 0);
    }
  }

  protected override onControl(event: BusEvent): void {
    if (event.kind !== 'sessions.ended') return;
    const mine = this.session.sessionId;
    const ended = event.sessionId ? event.sessionId === mine : event.keepSessionId !== mine;
    if (ended) this.fail('session_ended');
  }

  protected onClosed(): void {
    this.stopExpiry();
    this.deps.routing.agentDisconnected(this.id);
    this.deps.onClosed(this);
  }

  private async requireConversation(conversationId: string): Promise<ConversationSummary> {
    const conversation = await getConversationSummary(this.deps.db, this.workspaceId, conversationId);
    if (!conversation) throw new ParleyError('not_found', 'no such conversation in this workspace');
    return conversation;
  }

  private async watch(conversation: ConversationSummary, afterSeq: number): Promise<void> {
    this.watched.add(conversation.id);
    // Join first, then read: a message in between arrives twice at worst, never zero times.
    await this.deps.hub.join(channels.conversation(this.workspaceId, conversation.id), this);
    await this.sync(conversation, afterSeq);
    for (const mark of await marksForAgent(this.deps.db, this.workspaceId, conversation.id)) this.send(mark);
  }

  private async sync(conversation: ConversationSummary, afterSeq: number): Promise<void> {
    const { messages, complete } = await listMessages(this.deps.db, this.workspaceId, conversation.id, {
      afterSeq,
      limit: LIMITS.maxSyncMessages,
    });
    this.send({ type: 'conversation.synced', conversation, messages, complete });
  }
}
