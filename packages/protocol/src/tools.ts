/**
 * The agent's tools: internal notes, canned responses, transcript search and visitor context
 * (pages viewed, browser and OS, local time zone, earlier conversations, tags).
 */
import { Type, type Static } from '@sinclair/typebox';
import { VisitorAttributeMap } from './identity';
import {
  ClientId,
  ConversationStatus,
  ConversationSummary,
  IsoDateTime,
  Message,
  MessageBody,
  MessagePreview,
  Nullable,
  StringEnum,
  Uuid,
} from './models';

/* ---------- internal notes ---------- */

/**
 * An internal note in a conversation's timeline: answered by `message.ack` like `message.send`,
 * delivered as `message.created` (kind `note`) to agent sockets watching the conversation, and
 * never to the visitor (docs/protocol.md 3.8).
 */
export const NoteSend = Type.Object({
  type: Type.Literal('note.send'),
  conversationId: Uuid,
  clientId: ClientId,
  body: MessageBody,
});
export type NoteSend = Static<typeof NoteSend>;

/* ---------- canned responses ---------- */

export const CANNED_SCOPES = ['team', 'personal'] as const;
export const CannedScope = StringEnum(CANNED_SCOPES);
export type CannedScope = Static<typeof CannedScope>;

/** Lower-case letters, digits, `-` and `_`: what follows `/` in the composer. */
export const CannedShortcut = Type.String({ minLength: 1, maxLength: 32, pattern: '^[a-z0-9_-]+$' });
export const CannedTitle = Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' });

/**
 * A reply saved for reuse. The body may hold `{{visitor.name}}`, `{{visitor.email}}` and
 * `{{agent.name}}`, filled in (empty when unknown) when the agent inserts it.
 */
export const CannedResponse = Type.Object({
  id: Uuid,
  scope: CannedScope,
  shortcut: CannedShortcut,
  title: Type.String(),
  body: Type.String(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type CannedResponse = Static<typeof CannedResponse>;

export const CannedResponseCreateBody = Type.Object(
  { scope: CannedScope, shortcut: CannedShortcut, title: CannedTitle, body: MessageBody },
  { additionalProperties: false },
);
export type CannedResponseCreateBody = Static<typeof CannedResponseCreateBody>;

export const CannedResponseUpdateBody = Type.Object(
  { shortcut: Type.Optional(CannedShortcut), title: Type.Optional(CannedTitle), body: Type.Optional(MessageBody) },
  { additionalProperties: false, minProperties: 1 },
);
export type CannedResponseUpdateBody = Static<typeof CannedResponseUpdateBody>;

export const CannedResponseParams = Type.Object({ cannedResponseId: Uuid });
export type CannedResponseParams = Static<typeof CannedResponseParams>;

export const CannedResponseReply = Type.Object({ cannedResponse: CannedResponse });
export type CannedResponseReply = Static<typeof CannedResponseReply>;

export const CannedResponseListReply = Type.Object({ cannedResponses: Type.Array(CannedResponse) });
export type CannedResponseListReply = Static<typeof CannedResponseListReply>;

/* ---------- search ---------- */

export const SearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
});
export type SearchQuery = Static<typeof SearchQuery>;

/** One matching message with the conversation it belongs to. */
export const SearchHit = Type.Object({ message: Message, conversation: ConversationSummary });
export type SearchHit = Static<typeof SearchHit>;

export const SearchReply = Type.Object({ hits: Type.Array(SearchHit) });
export type SearchReply = Static<typeof SearchReply>;

/* ---------- visitor context ---------- */

export const PAGE_LIMITS = { maxUrlLength: 2048, maxTitleLength: 300, maxTimeZoneLength: 64 } as const;

/**
 * Sent by the widget when it loads and whenever the page's URL changes (history.pushState,
 * replaceState, popstate). Not answered.
 */
export const PageViewFrame = Type.Object({
  type: Type.Literal('page.view'),
  url: Type.String({ minLength: 1, maxLength: PAGE_LIMITS.maxUrlLength }),
  title: Type.String({ maxLength: PAGE_LIMITS.maxTitleLength }),
  /** `document.referrer`; empty when there is none. */
  referrer: Type.String({ maxLength: PAGE_LIMITS.maxUrlLength }),
  /** The visitor's IANA time zone, e.g. `Europe/Berlin`. */
  timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: PAGE_LIMITS.maxTimeZoneLength })),
});
export type PageViewFrame = Static<typeof PageViewFrame>;

export const PageView = Type.Object({
  url: Type.String(),
  title: Type.String(),
  referrer: Type.String(),
  viewedAt: IsoDateTime,
});
export type PageView = Static<typeof PageView>;

/** A name and version parsed from the User-Agent; null fields when the parser could not tell. */
export const SoftwareInfo = Type.Object({ name: Nullable(Type.String()), version: Nullable(Type.String()) });
export type SoftwareInfo = Static<typeof SoftwareInfo>;

export const VisitorConversationBrief = Type.Object({
  id: Uuid,
  status: ConversationStatus,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  lastMessage: Nullable(MessagePreview),
  tags: Type.Array(Type.String()),
});
export type VisitorConversationBrief = Static<typeof VisitorConversationBrief>;

/** Everything the console's visitor sidebar shows. */
export const VisitorContext = Type.Object({
  id: Uuid,
  name: Nullable(Type.String()),
  email: Nullable(Type.String()),
  /** The newest page view. */
  currentPage: Nullable(PageView),
  /** Where the current session came from: the referrer of its first page; null when none. */
  referrer: Nullable(Type.String()),
  /** Pages of the current session (a run of views less than 30 minutes apart), newest first, at most 50. */
  pages: Type.Array(PageView),
  browser: SoftwareInfo,
  os: SoftwareInfo,
  timeZone: Nullable(Type.String()),
  /** The visitor's conversations, newest first, at most 20, each with its tags. */
  conversations: Type.Array(VisitorConversationBrief),
  /** The site's user id when a signed identify proved it (docs/widget.md); null while anonymous. */
  externalId: Type.Optional(Nullable(Type.String())),
  /** Custom attributes the site's page set with `Parley('set', ...)`. */
  attributes: Type.Optional(VisitorAttributeMap),
});
export type VisitorContext = Static<typeof VisitorContext>;

export const VisitorParams = Type.Object({ visitorId: Uuid });
export type VisitorParams = Static<typeof VisitorParams>;

export const VisitorContextReply = Type.Object({ visitor: VisitorContext });
export type VisitorContextReply = Static<typeof VisitorContextReply>;

/** A page view, pushed live to the agents watching any open conversation of that visitor. */
export const PageViewed = Type.Object({ type: Type.Literal('page.viewed'), visitorId: Uuid, page: PageView });
export type PageViewed = Static<typeof PageViewed>;

/* ---------- tags ---------- */

export const Tag = Type.String({ minLength: 1, maxLength: 32, pattern: '^[^\\s,][^,]*$' });

export const TagBody = Type.Object({ tag: Tag }, { additionalProperties: false });
export type TagBody = Static<typeof TagBody>;

export const TagParams = Type.Object({ conversationId: Uuid, tag: Tag });
export type TagParams = Static<typeof TagParams>;

export const TagsReply = Type.Object({ tags: Type.Array(Type.String()) });
export type TagsReply = Static<typeof TagsReply>;

/** A conversation's tags after a change, to every agent socket watching it. */
export const TagsChanged = Type.Object({
  type: Type.Literal('tags.changed'),
  conversationId: Uuid,
  tags: Type.Array(Type.String()),
});
export type TagsChanged = Static<typeof TagsChanged>;

/** The frames of this file, for the unions in widget-frames.ts and console-frames.ts. */
export const TOOLS_WIDGET_TO_RELAY = [PageViewFrame] as const;
export const TOOLS_CONSOLE_TO_RELAY = [NoteSend] as const;
export const TOOLS_RELAY_TO_CONSOLE = [PageViewed, TagsChanged] as const;
