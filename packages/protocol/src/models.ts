/** The nouns every frame and REST body is made of. One definition each; everybody imports these. */
import { Type, type Static, type TLiteral, type TSchema, type TUnion } from '@sinclair/typebox';
import { LIMITS } from './light';
import { WidgetSettings } from './site-widget-settings';

/** A union of string literals, typed as such (TypeBox's Union of Literals). */
export function StringEnum<const T extends readonly string[]>(values: T) {
  return Type.Union(values.map((value) => Type.Literal(value))) as unknown as TUnion<TLiteral<T[number]>[]>;
}

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** UUIDs by pattern, not `format`, so every validator (Ajv, TypeCompiler) agrees without a format registry. */
export const Uuid = Type.String({
  pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
  description: 'UUID',
});
/** A client-chosen idempotency key for a message: resending with the same one never stores twice. */
export const ClientId = Type.String({
  minLength: 1,
  maxLength: LIMITS.maxClientIdLength,
  pattern: '^[A-Za-z0-9_-]+$',
});
export const IsoDateTime = Type.String({ description: 'ISO 8601 timestamp, UTC', minLength: 20, maxLength: 40 });
export const Seq = Type.Integer({ minimum: 1, description: 'Position of a message in its conversation, from 1, without gaps' });
export const AfterSeq = Type.Integer({ minimum: 0, description: 'The last seq the client has; 0 for none' });
/** A message body: text, never HTML; at least one non-space character. */
export const MessageBody = Type.String({ minLength: 1, maxLength: LIMITS.maxBodyLength, pattern: '\\S' });

export const AUTHOR_KINDS = ['visitor', 'agent', 'system'] as const;
export const AuthorKind = StringEnum(AUTHOR_KINDS);
export type AuthorKind = Static<typeof AuthorKind>;

export const Author = Type.Object({
  kind: AuthorKind,
  id: Nullable(Uuid),
  name: Nullable(Type.String()),
});
export type Author = Static<typeof Author>;

/** `note`: an agent's internal note, shown to agents only and never sent to the visitor. */
export const MESSAGE_KINDS = ['text', 'event', 'note'] as const;
export const MessageKind = StringEnum(MESSAGE_KINDS);
export type MessageKind = Static<typeof MessageKind>;

/** A file carried by a message: what the message shows. The bytes are fetched from the relay (docs/protocol.md 6.3, attachments). */
export const Attachment = Type.Object({
  id: Uuid,
  /** The uploader's file name, cleaned of paths and control characters. Show it as text. */
  name: Type.String(),
  /** The MIME type the relay sniffed from the content. */
  type: Type.String(),
  /** Bytes. */
  size: Type.Integer({ minimum: 0 }),
});
export type Attachment = Static<typeof Attachment>;

export const Message = Type.Object({
  id: Uuid,
  conversationId: Uuid,
  seq: Seq,
  clientId: Nullable(ClientId),
  author: Author,
  kind: MessageKind,
  body: Type.String(),
  createdAt: IsoDateTime,
  /** Present when the message carries a file; its body is then the file's name. */
  attachment: Type.Optional(Attachment),
});
export type Message = Static<typeof Message>;

/** `snoozed`: set aside by an agent until a time or the visitor's next message; then open again. */
export const CONVERSATION_STATUSES = ['open', 'snoozed', 'closed'] as const;
export const ConversationStatus = StringEnum(CONVERSATION_STATUSES);
export type ConversationStatus = Static<typeof ConversationStatus>;

export const VisitorSummary = Type.Object({
  id: Uuid,
  name: Nullable(Type.String()),
  email: Nullable(Type.String()),
});
export type VisitorSummary = Static<typeof VisitorSummary>;

export const MessagePreview = Type.Object({
  authorKind: AuthorKind,
  body: Type.String({ description: 'The first 140 characters of the body' }),
  createdAt: IsoDateTime,
});
export type MessagePreview = Static<typeof MessagePreview>;

/** A conversation as an agent's inbox shows it. */
export const ConversationSummary = Type.Object({
  id: Uuid,
  siteId: Uuid,
  visitor: VisitorSummary,
  status: ConversationStatus,
  assigneeId: Nullable(Uuid),
  lastSeq: AfterSeq,
  lastMessage: Nullable(MessagePreview),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  /** The team that routes it (work.ts); null only for conversations older than teams. */
  teamId: Nullable(Uuid),
  /** Since when it waits in its team's queue for an agent (open, unassigned); null otherwise. */
  queuedAt: Nullable(IsoDateTime),
  /** The visitor's oldest message no agent has answered yet; null when nobody is waiting on an agent. */
  waitingSince: Nullable(IsoDateTime),
  /** Set while status is 'snoozed' with a wake-up time; null for "until the visitor replies". */
  snoozedUntil: Nullable(IsoDateTime),
  assignedAt: Nullable(IsoDateTime),
  firstResponseAt: Nullable(IsoDateTime),
  closedAt: Nullable(IsoDateTime),
});
export type ConversationSummary = Static<typeof ConversationSummary>;

/** A conversation as its visitor sees it: nothing about agents' internals. */
export const VisitorConversation = Type.Object({
  id: Uuid,
  status: ConversationStatus,
  lastSeq: AfterSeq,
  createdAt: IsoDateTime,
});
export type VisitorConversation = Static<typeof VisitorConversation>;

/** `supervisor`: sees and reassigns every conversation of the workspace, like an admin, without administering it. */
export const AGENT_ROLES = ['admin', 'supervisor', 'agent'] as const;
export const AgentRole = StringEnum(AGENT_ROLES);
export type AgentRole = Static<typeof AgentRole>;

export const AgentProfile = Type.Object({
  id: Uuid,
  workspaceId: Uuid,
  email: Type.String(),
  name: Type.String(),
  role: AgentRole,
});
export type AgentProfile = Static<typeof AgentProfile>;

/** What the widget may know about its site. Never the secret, never the allowed origins. */
export const SitePublic = Type.Object({
  name: Type.String(),
  greeting: Type.String(),
  color: Type.String({ pattern: '^#[0-9a-fA-F]{6}$' }),
  /** Teams the visitor may pick when starting a conversation (message.send's teamId); absent or empty: none. */
  teams: Type.Optional(Type.Array(Type.Object({ id: Uuid, name: Type.String() }))),
  /** Launcher placement, label, pre-chat form and language (site-widget-settings.ts); absent: the defaults. */
  widget: Type.Optional(WidgetSettings),
});
export type SitePublic = Static<typeof SitePublic>;

/** Who is typing, as the other side sees it. */
export const TypingAuthor = Type.Object({ kind: AuthorKind, name: Nullable(Type.String()) });
export type TypingAuthor = Static<typeof TypingAuthor>;
