/** Frames on the agent socket (`WS_PATHS.console`), opened with the session cookie. */
import { Type, type Static } from '@sinclair/typebox';
import { ErrorFrame } from './errors';
import { AfterSeq, AgentProfile, ClientId, ConversationSummary, Message, MessageBody, Uuid } from './models';
import {
  Incompatible,
  MessageAck,
  MessageCreated,
  Ping,
  Pong,
  Resume,
  ResumeMap,
  TypingChanged,
  TypingStart,
  TypingStop,
} from './widget-frames';
import { WORK_CONSOLE_TO_RELAY, WORK_RELAY_TO_CONSOLE } from './work';
import { TOOLS_CONSOLE_TO_RELAY, TOOLS_RELAY_TO_CONSOLE } from './tools';
import { RATING_RELAY_TO_CONSOLE } from './rating';
import { ConsoleRead, ConversationRead } from './read-receipts';

export const ConsoleHello = Type.Object({
  type: Type.Literal('hello'),
  protocolVersion: Type.Integer({ minimum: 1 }),
  /** Conversations the console was watching, with the last seq it holds: watched again and caught up. */
  resume: Type.Optional(ResumeMap),
});
export const ConsoleMessageSend = Type.Object({
  type: Type.Literal('message.send'),
  conversationId: Uuid,
  clientId: ClientId,
  body: MessageBody,
});
/** Start receiving a conversation's messages and typing live; answered by conversation.synced after afterSeq. */
export const ConversationWatch = Type.Object({
  type: Type.Literal('conversation.watch'),
  conversationId: Uuid,
  afterSeq: AfterSeq,
});
export const ConversationUnwatch = Type.Object({ type: Type.Literal('conversation.unwatch'), conversationId: Uuid });

export const ConsoleToRelay = Type.Union([
  ConsoleHello,
  ConsoleMessageSend,
  TypingStart,
  TypingStop,
  ConversationWatch,
  ConversationUnwatch,
  Resume,
  Ping,
  ...WORK_CONSOLE_TO_RELAY,
  ...TOOLS_CONSOLE_TO_RELAY,
  ConsoleRead,
]);
export type ConsoleToRelay = Static<typeof ConsoleToRelay>;

export const ConsoleWelcome = Type.Object({
  type: Type.Literal('welcome'),
  protocolVersion: Type.Integer(),
  agent: AgentProfile,
  heartbeatMs: Type.Integer(),
});
export const ConsoleConversationSynced = Type.Object({
  type: Type.Literal('conversation.synced'),
  conversation: ConversationSummary,
  messages: Type.Array(Message),
  complete: Type.Boolean(),
});
/** Any change to a conversation of the agent's workspace: new, new message, status. Drives the live inbox. */
export const ConversationUpdated = Type.Object({
  type: Type.Literal('conversation.updated'),
  conversation: ConversationSummary,
});

export const RelayToConsole = Type.Union([
  ConsoleWelcome,
  Incompatible,
  MessageAck,
  MessageCreated,
  ConsoleConversationSynced,
  ConversationUpdated,
  TypingChanged,
  Pong,
  ErrorFrame,
  ...WORK_RELAY_TO_CONSOLE,
  ...TOOLS_RELAY_TO_CONSOLE,
  ...RATING_RELAY_TO_CONSOLE,
  ConversationRead,
]);
export type RelayToConsole = Static<typeof RelayToConsole>;

