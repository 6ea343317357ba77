import {
  createClientId,
  createRealtimeClient,
  localStorageOutbox,
  memoryOutbox,
  type ConnectionState,
  type PendingMessage,
  type RealtimeClient,
  type WebSocketFactory,
  type WidgetSide,
} from '@parley/client';
import type { Availability, LauncherConfig, Message, QueueUpdated, RatingScore, SitePublic, TypingAuthor, VisitorConversation } from '@parley/protocol';
import { PROTOCOL_VERSION, WS_PATHS } from '@parley/protocol/light';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { FileTransfer } from './file-transfer';
import { PageTracker } from './page-tracker';
import type { PrechatDetails } from './prechat-fields';
import type { RatingState } from './rating-view';
import { buildTranscript, type TranscriptEntry } from './transcript';
import { TypingSignal } from './typing-signal';
import { countUnread } from './unread';
import type { Attributes, IdentifyProof } from './widget-api';
import { forgetVisitor, openStorage, readItem, storageKey, writeItem, type VisitorStorageItem } from './visitor-storage';

export interface ConnectionOptions {
  siteKey: string;
  relayOrigin: string;
  /** Defaults to the browser's WebSocket (tests pass a scripted one). */
  createSocket?: WebSocketFactory;
  /** Defaults to the page's localStorage when it is usable. */
  storage?: Storage;
  /** A message arrived live (not from a sync): the page's `Parley('on', 'message')`. */
  onLiveMessage?: (message: Message) => void;
}

/**
 * An agent's typing.changed is normally followed by a stop; if that is lost (the agent's tab
 * died), the line goes away on its own after this long without a new signal.
 */
export const AGENT_TYPING_TTL_MS = 6000;

/** The relay's WebSocket URL for a visitor of this site: wss when the relay is served over https. */
export function widgetSocketUrl(relayOrigin: string, siteKey: string): string {
  const url = new URL(WS_PATHS.widget, relayOrigin);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('siteKey', siteKey);
  return url.toString();
}

/**
 * The widget's live link to the relay, bound to its element's life: connects when the element is
 * connected, closes when it is removed. It owns the visitor's stored token, outbox, conversation
 * and read position, and exposes what the element renders.
 */
export class ConnectionController implements ReactiveController {
  /** The site as the relay's welcome described it; null until then. */
  site: SitePublic | null = null;
  /** The bubble's settings from the last `site.updated`, for the element to hand to the launcher. */
  launcher: LauncherConfig | null = null;
  state: ConnectionState = 'idle';
  /** The conversation on screen: the visitor's most recent one, or null before their first message. */
  conversationId: string | null = null;
  entries: TranscriptEntry[] = [];
  /** Who is typing on the agents' side, while they are. */
  typing: TypingAuthor | null = null;
  unread = 0;
  /** The visitor's place in the queue for the conversation on screen, while they wait for an agent. */
  get queue(): QueueUpdated | null {
    return this.queueFrame?.conversationId === this.conversationId ? this.queueFrame : null;
  }
  /** Whether anyone answers now (business hours, agents online); null until the relay says. */
  availability: Availability | null = null;
  /** The address the visitor gave in the offline form, kept for their next message and the transcript. */
  email = '';
  /** The conversation whose transcript the relay mailed last. */
  mailed: string | null = null;
  /** A problem the visitor cannot fix by waiting (the relay refused this page or this version), as a catalog key. */
  problem: 'unavailable' | 'reloadToContinue' | null = null;

  private client: RealtimeClient<WidgetSide> | null = null;
  private storage: Storage | undefined;
  private siteKey = '';
  private visitorId: string | null = null;
  private visible = false;
  private pending: readonly PendingMessage[] = [];
  private readonly messages = new Map<string, Message>();
  private queueFrame: QueueUpdated | null = null;
  private readonly conversations = new Map<string, { createdAt: string; status: VisitorConversation['status'] }>();
  /** Bodies of messages we sent, so an ack can show the message as sent before its echo arrives. */
  private readonly sentBodies = new Map<string, string>();
  private readonly visitorTyping = new TypingSignal((typing) => this.sendTyping(typing));
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private reauthenticate = false;
  private unsubscribe: (() => void)[] = [];
  private pages: PageTracker | null = null;
  /** Uploads and downloads of files (null until connected). */
  files: FileTransfer | null = null;
  /** Why the relay refused the visitor's last file (its words), until the next one goes through; null when it did not. */
  fileError: string | null = null;
  /** The last conversation this visitor rated (kept across pages), so the prompt is not shown twice. */
  private ratedId: string | null = null;
  /** Read receipts: the last mark we sent, and how far agents have read (conversation id -> seq). */
  private told = '';
  readonly agentRead = new Map<string | null, number>();
  private readonly onPageVisibility = () => this.refresh();
  /** An identify and attributes from the page, sent once the socket is open. */
  private identity: IdentifyProof | null = null;
  /** Tabs of this visitor: the socket holder tells the others its unread count. */
  private tabs: BroadcastChannel | null = null;
  private leadership: AbortController | null = null;
  private attributes: Attributes = {};

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: () => ConnectionOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    const { siteKey, relayOrigin, createSocket, storage } = this.options();
    if (!siteKey || !relayOrigin || this.client) return;
    this.siteKey = siteKey;
    this.storage = storage ?? openStorage();
    this.conversationId = readItem(this.storage, this.key('conversation'));
    this.ratedId = readItem(this.storage, this.key('rated'));

    const client = createRealtimeClient<WidgetSide>({
      url: widgetSocketUrl(relayOrigin, siteKey),
      hello: (resume) => {
        const token = readItem(this.storage, this.key('token'));
        return { type: 'hello', protocolVersion: PROTOCOL_VERSION, ...(token ? { token } : {}), resume };
      },
      outbox: this.storage ? localStorageOutbox(this.storage, this.key('outbox')) : memoryOutbox(),
      ...(createSocket ? { createSocket } : {}),
    });
    this.client = client;
    this.files = new FileTransfer(relayOrigin, siteKey, () => readItem(this.storage, this.key('token')), () => this.host.requestUpdate());
    this.pages = new PageTracker((frame) => client.send(frame));
    this.pending = client.pending();
    this.unsubscribe = [
      client.on('welcome', (welcome) => {
        this.site = welcome.site;
        this.visitorId = welcome.visitorId;
        this.problem = null;
        writeItem(this.storage, this.key('token'), welcome.token);
        // The visitor context agents see: the page this visitor is on (page-tracker.ts).
        this.pages?.flush();
        this.flushIdentity();
        this.refresh();
      }),
      // An admin changed the site in the console: the element re-renders and re-places itself.
      client.on('site.updated', ({ site, launcher }) => {
        this.site = site;
        this.launcher = launcher;
        this.host.requestUpdate();
      }),
      client.on('visitor.identified', ({ visitorId, token }) => {
        // Another visitor row (the user already had one, or another user signed in on this
        // device): reconnect as it, so the screen shows exactly that visitor's conversations.
        if (visitorId !== this.visitorId) queueMicrotask(() => this.restart(token));
        else writeItem(this.storage, this.key('token'), token);
      }),
      client.on('message.created', ({ message }) => this.options().onLiveMessage?.(message)),
      client.on('conversation.synced', ({ conversation }) => {
        this.conversations.set(conversation.id, { createdAt: conversation.createdAt, status: conversation.status });
        this.refresh();
      }),
      client.on('message.ack', (ack) => {
        const body = this.sentBodies.get(ack.clientId);
        if (body === undefined || this.messages.has(messageKey(ack.conversationId, ack.seq))) return;
        this.remember({
          id: ack.id,
          conversationId: ack.conversationId,
          seq: ack.seq,
          clientId: ack.clientId,
          author: { kind: 'visitor', id: this.visitorId, name: null },
          kind: 'text',
          body,
          createdAt: ack.createdAt,
        });
        this.refresh();
      }),
      client.on('typing.changed', (frame) => {
        if (frame.author.kind === 'visitor') return;
        this.setAgentTyping(frame.conversationId, frame.isTyping ? frame.author : null);
      }),
      client.on('availability.changed', (frame) => {
        this.availability = frame;
        this.host.requestUpdate();
      }),
      client.on('transcript.emailed', (frame) => {
        this.mailed = frame.conversationId;
        this.host.requestUpdate();
      }),
      client.on('rating.requested', ({ conversationId }) => {
        const conversation = this.conversations.get(conversationId);
        if (conversation) conversation.status = 'closed';
        this.host.requestUpdate();
      }),
      client.on('rating.recorded', ({ conversationId }) => {
        writeItem(this.storage, this.key('rated'), (this.ratedId = conversationId));
        this.host.requestUpdate();
      }),
      client.on('conversation.read', (frame) => {
        this.agentRead.set(frame.conversationId, frame.seq);
        this.host.requestUpdate();
      }),
      client.on('queue.updated', (frame) => {
        this.queueFrame = frame.position === null ? null : frame;
        this.host.requestUpdate();
      }),
      client.onMessage((message) => {
        this.remember(message);
        // An agent answering ends the wait, even if the relay's null position is still on its way.
        if (message.author.kind === 'agent' && this.queueFrame?.conversationId === message.conversationId) this.queueFrame = null;
        if (message.author.kind !== 'visitor') this.setAgentTyping(message.conversationId, null);
        this.refresh();
      }),
      client.onPending((pending) => {
        this.pending = pending;
        for (const item of pending) this.sentBodies.set(item.clientId, item.body);
        this.refresh();
      }),
      client.onState((state) => {
        this.state = state;
        if (state === 'closed') {
          if (this.reauthenticate) {
            this.reauthenticate = false;
            // Once the relay has closed the refused socket: the next hello goes out without a token.
            queueMicrotask(() => this.client?.connect());
          } else {
            // The client gives up only when retrying cannot help (wrong origin or key, old version).
            this.problem ??= 'unavailable';
          }
        }
        this.host.requestUpdate();
      }),
      client.onError((error) => {
        if (error.code === 'unauthorized' && readItem(this.storage, this.key('token'))) {
          // A stale or forged token: forget it and come back as a new anonymous visitor.
          writeItem(this.storage, this.key('token'), null);
          this.reauthenticate = true;
          return;
        }
        // For the site owner's console: the registry's message says what to fix.
        console.warn(`Parley: ${error.message}`);
        if (error.code === 'incompatible') this.problem = 'reloadToContinue';
      }),
    ];
    document.addEventListener('visibilitychange', this.onPageVisibility);
    this.tabs = 'BroadcastChannel' in globalThis ? new BroadcastChannel(this.key('tabs')) : null;
    if (this.tabs) this.tabs.onmessage = ({ data }) => {
      if (this.client?.state !== 'idle') return this.refresh();
      this.setUnread(data as number);
      this.host.requestUpdate();
    };
    addEventListener('storage', this.onStorage);
    this.refresh();
    this.claimSocket();
  }

  /**
   * One socket per browser while the chat is closed: a tab connects when it holds the visitor's
   * Web Lock (held until the tab goes; the next tab waiting gets it) or when its panel is opened.
   * Tabs without the socket show the unread count the holder broadcasts.
   */
  private claimSocket(): void {
    const locks = globalThis.navigator?.locks;
    if (!locks || this.visible) return this.client?.connect();
    const leadership = (this.leadership = new AbortController());
    locks
      .request(this.key('tabs'), { signal: leadership.signal }, () => {
        this.client?.connect();
        return new Promise((release) => leadership.signal.addEventListener('abort', release));
      })
      .catch(() => undefined);
  }

  hostDisconnected(): void {
    this.leadership?.abort();
    this.tabs?.close();
    removeEventListener('storage', this.onStorage);
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
    document.removeEventListener('visibilitychange', this.onPageVisibility);
    this.visitorTyping.dispose();
    this.pages?.dispose();
    this.pages = null;
    this.files = null;
    clearTimeout(this.typingTimer);
    this.client?.close();
    this.client = null;
  }

  /** Tells the relay who the visitor is (now, or once the socket is open); a refusal is warned about in onError. */
  identify(proof: IdentifyProof): void {
    this.identity = proof;
    this.flushIdentity();
  }

  setAttributes(attributes: Attributes): void {
    Object.assign(this.attributes, attributes);
    this.flushIdentity();
  }

  /** Forgets the visitor on this device and connects again as a new anonymous one. */
  shutdown(): void {
    this.identity = null;
    this.attributes = {};
    this.restart(null);
  }

  private flushIdentity(): void {
    const client = this.client;
    if (this.identity && client?.send({ type: 'visitor.identify', ...this.identity })) this.identity = null;
    if (Object.keys(this.attributes).length > 0 && client?.send({ type: 'visitor.attributes.set', attributes: this.attributes })) {
      this.attributes = {};
    }
  }

  private restart(token: string | null): void {
    const wasConnected = this.client !== null;
    this.hostDisconnected();
    forgetVisitor(this.storage, this.siteKey);
    if (token) writeItem(this.storage, this.key('token'), token);
    this.messages.clear();
    this.conversations.clear();
    this.sentBodies.clear();
    this.agentRead.clear();
    this.told = '';
    this.ratedId = null;
    this.fileError = null;
    this.conversationId = null;
    this.queueFrame = null;
    this.typing = null;
    this.pending = [];
    this.refresh();
    if (wasConnected) this.hostConnected();
  }

  /**
   * Sends a message into the conversation on screen, or starts one when there is none open.
   * With pre-chat details, they go first on the open socket (the relay handles a socket's frames
   * in order); false, and nothing sent, while the socket is not open to take them.
   */
  send(body: string, details?: PrechatDetails): boolean {
    if (!this.client || (details && !this.client.send({ type: 'prechat.submit', ...details }))) return false;
    this.visitorTyping.stop();
    const conversationId = this.openConversationId();
    const sent = this.client.sendMessage(conversationId ? { conversationId, body } : { body });
    this.sentBodies.set(sent.clientId, body);
    return true;
  }

  /**
   * Sends a message with the address to answer by email (the offline form). Not through the
   * outbox: the form shows only while connected, and the ack shows it sent like any message.
   * False when the socket is not open: the visitor's words stay in the composer.
   */
  sendOffline(email: string, body: string): boolean {
    const conversationId = this.openConversationId();
    const clientId = createClientId();
    this.email = email;
    this.sentBodies.set(clientId, body);
    return !!this.client?.send({ type: 'offline.message', clientId, email, body, ...(conversationId ? { conversationId } : {}) });
  }

  emailTranscript(email: string): void {
    this.email = email;
    if (this.conversationId) this.client?.send({ type: 'transcript.email', conversationId: this.conversationId, email });
  }

  /** The rating prompt for the conversation on screen: asked once it is closed, thanked once rated. */
  get rating(): RatingState {
    const id = this.conversationId;
    return !id ? null : id === this.ratedId ? 'done' : this.conversations.get(id)?.status === 'closed' ? 'ask' : null;
  }

  rate(score: RatingScore, comment: string): void {
    if (this.conversationId) this.client?.send({ type: 'rating.submit', conversationId: this.conversationId, score, comment });
  }

  /** Sends files the visitor picked, dropped or pasted, like a message. */
  async upload(files: Iterable<File>): Promise<void> {
    for (const file of files) {
      this.fileError = (await this.files?.upload(file, this.openConversationId() ?? null)) ?? null;
      this.host.requestUpdate();
    }
  }

  /** Sends a failed message again, as a new message (the relay refused the old one for good). */
  retry(clientId: string): void {
    const failed = this.pending.find((item) => item.clientId === clientId);
    if (!failed) return;
    this.discard(clientId);
    this.send(failed.body);
  }

  /** The conversation on screen unless it is closed (then the next message starts a new one). */
  private openConversationId(): string | undefined {
    const active = this.conversationId ? this.conversations.get(this.conversationId) : undefined;
    return this.conversationId && active?.status !== 'closed' ? this.conversationId : undefined;
  }

  discard(clientId: string): void {
    this.client?.discard(clientId);
  }

  /** The visitor typed in the composer. */
  typed(): void {
    this.visitorTyping.input();
  }

  /** Whether the visitor can see the chat; while they can, everything on screen counts as read. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible) this.client?.connect();
    this.refresh();
  }

  private setUnread(unread: number): void {
    if (unread !== this.unread) {
      this.unread = unread;
      this.tabs?.postMessage(unread);
    }
  }

  private key(item: VisitorStorageItem): string {
    return storageKey(this.siteKey, item);
  }

  private remember(message: Message): void {
    this.messages.set(messageKey(message.conversationId, message.seq), message);
    if (message.clientId) this.sentBodies.delete(message.clientId);
    // A message in a conversation we have not seen synced: one just started (here or in another tab).
    if (!this.conversations.has(message.conversationId)) {
      this.conversations.set(message.conversationId, { createdAt: message.createdAt, status: 'open' });
    }
  }

  /** Recomputes what is on screen and asks the element to render it. */
  private refresh(): void {
    const newest = this.newestConversation();
    if (newest && newest !== this.conversationId) {
      this.conversationId = newest;
      writeItem(this.storage, this.key('conversation'), newest);
    }
    const messages = this.messages.values();
    this.entries = buildTranscript({ delivered: messages, pending: this.pending, conversationId: this.conversationId });
    const lastSeq = this.conversationId && this.client ? this.client.lastSeq(this.conversationId) : 0;
    if (this.visible && this.conversationId && lastSeq > 0) this.writeSeen(this.conversationId, lastSeq);
    if (this.conversationId && lastSeq > 0) this.tellRead(this.conversationId, lastSeq);
    if (this.client?.state !== 'idle') this.setUnread(this.visible ? 0 : countUnread(this.messages.values(), this.conversationId, this.seenSeq()));
    this.host.requestUpdate();
  }

  private newestConversation(): string | null {
    let newest: string | null = null;
    let newestAt = '';
    for (const [id, { createdAt }] of this.conversations) {
      if (createdAt > newestAt) [newest, newestAt] = [id, createdAt];
    }
    return newest;
  }

  private seenSeq(): number {
    try {
      const seen = JSON.parse(readItem(this.storage, this.key('seen')) ?? 'null') as { conversationId?: unknown; seq?: unknown } | null;
      return seen?.conversationId === this.conversationId && typeof seen?.seq === 'number' ? seen.seq : 0;
    } catch {
      return 0;
    }
  }

  /** Read receipt: the panel open on a visible page has shown it (seen); otherwise the widget only has it. */
  private tellRead(conversationId: string, seq: number): void {
    const state = this.visible && !document.hidden ? 'seen' : 'delivered';
    const mark = conversationId + seq + state;
    if (mark !== this.told && this.client?.send({ type: 'read', conversationId, seq, state })) this.told = mark;
  }

  private writeSeen(conversationId: string, seq: number): void {
    const seen = JSON.stringify({ conversationId, seq });
    if (readItem(this.storage, this.key('seen')) === seen) return;
    writeItem(this.storage, this.key('seen'), seen);
  }

  /** Another tab of this visitor read the conversation: count the unread again. */
  private readonly onStorage = (event: StorageEvent): void => {
    if (event.key === this.key('seen')) this.refresh();
  };

  private sendTyping(typing: boolean): void {
    if (!this.client || !this.conversationId) return;
    this.client.send({ type: typing ? 'typing.start' : 'typing.stop', conversationId: this.conversationId });
  }

  private setAgentTyping(conversationId: string, author: TypingAuthor | null): void {
    if (conversationId !== this.conversationId) return;
    clearTimeout(this.typingTimer);
    this.typing = author;
    if (author) this.typingTimer = setTimeout(() => this.setAgentTyping(conversationId, null), AGENT_TYPING_TTL_MS);
    this.host.requestUpdate();
  }
}

function messageKey(conversationId: string, seq: number): string {
  return `${conversationId}:${seq}`;
}
