/** Frames on the visitor socket (`WS_PATHS.widget`): the widget, or any integrator's client. */
import { Type, type Static } from '@sinclair/typebox';
import { LIMITS } from './light';
import { ErrorFrame } from './errors';
import {
  AfterSeq,
  ClientId,
  IsoDateTime,
  Message,
  MessageBody,
  Seq,
  SitePublic,
  TypingAuthor,
  Uuid,
  VisitorConversation,
} from './models';
import { QueueUpdated } from './work';
import { TOOLS_WIDGET_TO_RELAY } from './tools';
import { AVAILABILITY_RELAY_TO_WIDGET, AVAILABILITY_WIDGET_TO_RELAY } from './availability';
import { EMAIL_RELAY_TO_WIDGET, EMAIL_WIDGET_TO_RELAY } from './email';
import { RATING_RELAY_TO_WIDGET, RATING_WIDGET_TO_RELAY } from './rating';
import { ConversationRead, WidgetRead } from './read-receipts';
import { PrechatSubmit, SiteUpdated } from './site-settings';
import { IDENTITY_RELAY_TO_WIDGET, IDENTITY_WIDGET_TO_RELAY } from './identity';

/** conversationId -> the last seq the client holds. */
export const ResumeMap = Type.Record(Uuid, AfterSeq, { maxProperties: LIMITS.maxResumeEntries, additionalProperties: false });
export type ResumeMap = Static<typeof ResumeMap>;

export const WidgetHello = Type.Object({
  type: Type.Literal('hello'),
  protocolVersion: Type.Integer({ minimum: 1 }),
  /** The visitor token from a previous welcome; omit for a new visitor. */
  token: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
  resume: Type.Optional(ResumeMap),
});
export const WidgetMessageSend = Type.Object({
  type: Type.Literal('message.send'),
  /** Omit to start a new conversation with this message. */
  conversationId: Type.Optional(Uuid),
  clientId: ClientId,
  body: MessageBody,
  /** With no conversationId: the team to route it to, one of `welcome.site.teams`; otherwise the default team. */
  teamId: Type.Optional(Uuid),
});
export const TypingStart = Type.Object({ type: Type.Literal('typing.start'), conversationId: Uuid });
export const TypingStop = Type.Object({ type: Type.Literal('typing.stop'), conversationId: Uuid });
export const Resume = Type.Object({ type: Type.Literal('resume'), conversationId: Uuid, afterSeq: AfterSeq });
export const Ping = Type.Object({ type: Type.Literal('ping'), ts: Type.Optional(Type.Number()) });

export const WidgetToRelay = Type.Union([
  WidgetHello,
  WidgetMessageSend,
  TypingStart,
  TypingStop,
  Resume,
  Ping,
  ...TOOLS_WIDGET_TO_RELAY,
  ...AVAILABILITY_WIDGET_TO_RELAY,
  ...EMAIL_WIDGET_TO_RELAY,
  ...RATING_WIDGET_TO_RELAY,
  PrechatSubmit,
  WidgetRead,
  ...IDENTITY_WIDGET_TO_RELAY,
]);
export type WidgetToRelay = Static<typeof WidgetToRelay>;

export const WidgetWelcome = Type.Object({
  type: Type.Literal('welcome'),
  protocolVersion: Type.Integer(),
  visitorId: Uuid,
  /** Store it (the widget: localStorage, namespaced by site key) and send it in every later hello. */
  token: Type.String(),
  site: SitePublic,
  heartbeatMs: Type.Integer(),
});
export const Incompatible = Type.Object({
  type: Type.Literal('incompatible'),
  protocolVersion: Type.Integer({ description: "The relay's version" }),
  minProtocolVersion: Type.Integer(),
  message: Type.String(),
});
export const MessageAck = Type.Object({
  type: Type.Literal('message.ack'),
  clientId: ClientId,
  conversationId: Uuid,
  id: Uuid,
  seq: Seq,
  createdAt: IsoDateTime,
});
export const MessageCreated = Type.Object({ type: Type.Literal('message.created'), message: Message });
/**
 * Messages after a seq, from Postgres: the answer to hello's resume map, to `resume`, and (console)
 * to `conversation.watch`. `complete: false` means there are more: the client sends `resume` from
 * the last seq it now has to get the next page.
 */
export const WidgetConversationSynced = Type.Object({
  type: Type.Literal('conversation.synced'),
  conversation: VisitorConversation,
  messages: Type.Array(Message),
  complete: Type.Boolean(),
});
export const TypingChanged = Type.Object({
  type: Type.Literal('typing.changed'),
  conversationId: Uuid,
  author: TypingAuthor,
  isTyping: Type.Boolean(),
});
export const Pong = Type.Object({ type: Type.Literal('pong'), ts: Type.Optional(Type.Number()) });

export const RelayToWidget = Type.Union([
  WidgetWelcome,
  Incompatible,
  MessageAck,
  MessageCreated,
  WidgetConversationSynced,
  TypingChanged,
  Pong,
  ErrorFrame,
  QueueUpdated,
  ...AVAILABILITY_RELAY_TO_WIDGET,
  ...EMAIL_RELAY_TO_WIDGET,
  ...RATING_RELAY_TO_WIDGET,
  SiteUpdated,
  ConversationRead,
  ...IDENTITY_RELAY_TO_WIDGET,
]);
export type RelayToWidget = Static<typeof RelayToWidget>;

