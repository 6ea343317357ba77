/**
 * One visitor socket. The upgrade already checked the site key and the Origin; here the hello
 * proves (or creates) the visitor, and every later frame acts only on that visitor's conversations.
 */
import {
  createVisitor,
  getVisitor,
  getVisitorConversation,
  listVisitorConversations,
  listVisitorMessages,
  markFromOfflineForm,
  setVisitorEmail,
  type Db,
  type SiteRecord,
} from '@parley/db';
import {
  HEARTBEAT_MS,
  LIMITS,
  MIN_PROTOCOL_VERSION,
  PROTOCOL_VERSION,
  CLOSE_INCOMPATIBLE,
  type VisitorConversation,
  type WidgetToRelay,
} from '@parley/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import { createVisitorToken, verifyVisitorToken } from '../auth/visitor-token';
import type { MessageService } from '../chat/message-service';
import { ParleyError } from '../parley-error';
import { recordAndAnnouncePageView } from '../tools/page-views';
import { submitRating } from '../rating/rating-service';
import { identify, setAttributes } from '../identity/visitor-identity';
import type { RoutingService } from '../routing/routing-service';
import type { AvailabilityService } from '../availability/availability-service';
import type { EmailService } from '../email/email-service';
import { requirePrechat, savePrechat } from '../site-settings/prechat';
import { widgetSiteOf } from '../site-settings/site-config';
import { channels } from './channels';
import { Connection } from './connection';
import { markForVisitor, visitorRead } from './read-receipts';
import type { FrameLimits } from './frame-limits';
import type { FrameParser } from './frame-parser';
import type { Hub } from './hub';

export interface VisitorConnectionDeps {
  db: Db;
  hub: Hub;
  messages: MessageService;
  secret: string;
  log: FastifyBaseLogger;
  parser: FrameParser<WidgetToRelay>;
  limits: FrameLimits;
  routing: RoutingService;
  availability: AvailabilityService;
  /** Null without SMTP_URL. */
  email: EmailService | null;
  onClosed(connection: Connection<WidgetToRelay>): void;
}

/** What one visitor socket's upgrade said about its peer. */
export interface VisitorPeer {
  /** The visitor's IP, for the per-IP flood budget. */
  ip: string;
  /** The upgrade's User-Agent header, for the visitor context agents see. */
  userAgent?: string | undefined;
}

type Frame<T extends WidgetToRelay['type']> = Extract<WidgetToRelay, { type: T }>;

/** How many of a visitor's conversations a hello brings back. */
const CONVERSATIONS_ON_HELLO = 20;

export class VisitorConnection extends Connection<WidgetToRelay> {
  private visitor: { id: string; name: string | null } | null = null;
  private unwatchAvailability: (() => void) | null = null;

  constructor(
    socket: WebSocket,
    private readonly site: SiteRecord,
    private readonly deps: VisitorConnectionDeps,
    private readonly peer: VisitorPeer,
  ) {
    super(socket, { parser: deps.parser, limits: deps.limits, ip: peer.ip, log: deps.log });
  }

  protected async onHello(frame: Frame<'hello'>): Promise<void> {
    if (frame.protocolVersion < MIN_PROTOCOL_VERSION || frame.protocolVersion > PROTOCOL_VERSION) {
      this.send({
        type: 'incompatible',
        protocolVersion: PROTOCOL_VERSION,
        minProtocolVersion: MIN_PROTOCOL_VERSION,
        message: `This relay speaks protocol ${MIN_PROTOCOL_VERSION}..${PROTOCOL_VERSION}; reload the page for a current widget.`,
      });
      this.close(CLOSE_INCOMPATIBLE, 'incompatible');
      return;
    }
    const { db, secret } = this.deps;
    const { workspaceId, id: siteId } = this.site;
    const visitor = frame.token ? await this.verifiedVisitor(frame.token) : await createVisitor(db, workspaceId, siteId);
    if (!visitor) throw new ParleyError('unknown_site', 'the site was removed');
    this.visitor = { id: visitor.id, name: visitor.name };
    // Join before reading history: a message committed in between arrives twice at worst
    // (the client drops it by seq), never zero times.
    await this.deps.hub.join(channels.visitor(workspaceId, visitor.id), this);
    await this.deps.hub.join(channels.site(workspaceId, siteId), this);
    this.ready = true;
    this.send({
      type: 'welcome',
      protocolVersion: PROTOCOL_VERSION,
      visitorId: visitor.id,
      token: createVisitorToken(secret, siteId, visitor.id),
      site: await widgetSiteOf(this.deps.db, this.site),
      heartbeatMs: HEARTBEAT_MS,
    });
    // Whether anyone will answer now (business hours, agents online), and live changes of it.
    this.unwatchAvailability = await this.deps.availability.watch(workspaceId, siteId, { visitorId: visitor.id, send: (changed) => this.send(changed) });
    if (!this.isOpen) {
      // The socket went while we looked: its close already ran without a watch to end.
      this.unwatchAvailability();
      this.unwatchAvailability = null;
    }
    // A visitor created by this hello has no conversations yet: nothing to catch up or to queue.
    if (!frame.token) return;
    await this.syncAll(frame.resume ?? {});
    // A visitor who reconnects while waiting learns their place in line again.
    for (const position of await this.deps.routing.queue.positionsFor(workspaceId, visitor.id)) this.send(position);
  }

  private async verifiedVisitor(token: string) {
    const { workspaceId, id: siteId } = this.site;
    const visitorId = verifyVisitorToken(this.deps.secret, siteId, token);
    const visitor = visitorId ? await getVisitor(this.deps.db, workspaceId, visitorId) : null;
    if (!visitor || visitor.siteId !== siteId) throw new ParleyError('unauthorized', 'visitor token not valid for this site');
    return visitor;
  }

  protected async onFrame(frame: WidgetToRelay): Promise<void> {
    const visitor = this.visitor!;
    switch (frame.type) {
      case 'message.send': {
        if (!frame.conversationId) await requirePrechat(this.deps.db, this.scope(), frame.clientId);
        const ack = await this.deps.messages.sendFromVisitor(
          { workspaceId: this.site.workspaceId, siteId: this.site.id, visitorId: visitor.id, name: visitor.name },
          frame,
        );
        this.send(ack);
        return;
      }
      case 'typing.start':
      case 'typing.stop': {
        await this.requireConversation(frame.conversationId);
        // Typing is ephemeral: if the bus is down, this node's sockets got it and that is enough.
        await this.deps.hub.publish(channels.conversation(this.site.workspaceId, frame.conversationId), {
          kind: 'frame',
          origin: this.id,
          frame: {
            type: 'typing.changed',
            conversationId: frame.conversationId,
            author: { kind: 'visitor', name: visitor.name },
            isTyping: frame.type === 'typing.start',
          },
        }).catch(() => {});
        return;
      }
      case 'resume': {
        const conversation = await this.requireConversation(frame.conversationId);
        await this.sync(conversation, frame.afterSeq);
        return;
      }
      case 'offline.message': {
        const { workspaceId, id: siteId } = this.site;
        // The address first: the first agent reply may come before this frame's ack is read.
        await setVisitorEmail(this.deps.db, workspaceId, visitor.id, frame.email);
        const ack = await this.deps.messages.sendFromVisitor(
          { workspaceId, siteId, visitorId: visitor.id, name: visitor.name },
          { clientId: frame.clientId, body: frame.body, ...(frame.conversationId ? { conversationId: frame.conversationId } : {}) },
        );
        await markFromOfflineForm(this.deps.db, workspaceId, ack.conversationId);
        this.send(ack);
        return;
      }
      case 'transcript.email': {
        if (!this.deps.email) throw new ParleyError('email_unavailable', undefined, frame.type);
        await this.deps.email.sendTranscript({ workspaceId: this.site.workspaceId, siteId: this.site.id, visitorId: visitor.id }, frame.conversationId, frame.email);
        this.send({ type: 'transcript.emailed', conversationId: frame.conversationId });
        return;
      }
      case 'read':
        await visitorRead(this.deps, { workspaceId: this.site.workspaceId, visitorId: visitor.id }, frame);
        return;
      case 'page.view':
        await recordAndAnnouncePageView(
          this.deps,
          { workspaceId: this.site.workspaceId, visitorId: visitor.id, userAgent: this.peer.userAgent },
          frame,
        );
        return;
      case 'rating.submit':
        this.send(await submitRating(this.deps, { workspaceId: this.site.workspaceId, visitorId: visitor.id, socketId: this.id }, frame));
        return;
      case 'prechat.submit':
        visitor.name = await savePrechat(this.deps.db, this.scope(), frame);
        return;
      case 'visitor.identify':
        await this.identify(frame);
        return;
      case 'visitor.attributes.set':
        await setAttributes(this.deps, this.site, visitor.id, frame);
        return;
      default:
        throw new ParleyError('unknown_frame', undefined, frame.type);
    }
  }

  private scope() {
    return { workspaceId: this.site.workspaceId, siteId: this.site.id, visitorId: this.visitor!.id };
  }

  /** From here on the socket acts for the identified visitor: their channel, their conversations. */
  private async identify(frame: Frame<'visitor.identify'>): Promise<void> {
    const { workspaceId } = this.site;
    const previous = this.visitor!;
    const identified = await identify(this.deps, this.site, previous.id, frame);
    if (identified.visitorId !== previous.id) {
      await this.deps.hub.join(channels.visitor(workspaceId, identified.visitorId), this);
      this.deps.hub.leave(channels.visitor(workspaceId, previous.id), this);
    }
    this.visitor = { id: identified.visitorId, name: identified.name };
    this.send(identified);
    await this.syncAll(Object.fromEntries(this.deliveredSeq));
  }

  async catchUp(): Promise<void> {
    if (this.ready) await this.syncAll(Object.fromEntries(this.deliveredSeq));
  }

  protected onClosed(): void {
    this.unwatchAvailability?.();
    this.unwatchAvailability = null;
    this.deps.onClosed(this);
  }

  private async requireConversation(conversationId: string): Promise<VisitorConversation> {
    const conversation = await getVisitorConversation(this.deps.db, this.site.workspaceId, this.visitor!.id, conversationId);
    if (!conversation) throw new ParleyError('not_found', 'no such conversation for this visitor');
    return conversation;
  }

  /** Sends every recent conversation with what the client lacks after the seqs it said it has. */
  private async syncAll(resume: Record<string, number>): Promise<void> {
    const conversations = await listVisitorConversations(this.deps.db, this.site.workspaceId, this.visitor!.id, CONVERSATIONS_ON_HELLO);
    for (const conversation of conversations) {
      await this.sync(conversation, resume[conversation.id] ?? 0);
    }
  }

  private async sync(conversation: VisitorConversation, afterSeq: number): Promise<void> {
    // The visitor's view: no notes, seqs in the visitor's numbering (docs/protocol.md 3.8).
    const { messages, complete } = await listVisitorMessages(this.deps.db, this.site.workspaceId, conversation.id, {
      afterSeq,
      limit: LIMITS.maxSyncMessages,
    });
    this.send({ type: 'conversation.synced', conversation, messages, complete });
    // The agents' read mark, so a reloaded page shows "Seen" again; only once the history is complete.
    const mark = complete && conversation.lastSeq > 0 ? await markForVisitor(this.deps.db, this.site.workspaceId, conversation.id) : null;
    if (mark) this.send(mark);
  }
}
