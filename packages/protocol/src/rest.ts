/** REST bodies and queries. Routes use these as Fastify schemas; the console types its fetches with them. */
import { Type, type Static } from '@sinclair/typebox';
import { LIMITS } from './light';
import { AfterSeq, AgentProfile, ConversationSummary, IsoDateTime, Message, StringEnum, Uuid } from './models';

export const LoginBody = Type.Object({
  email: Type.String({ minLength: 3, maxLength: 254 }),
  password: Type.String({ minLength: 1, maxLength: 1024 }),
});
export type LoginBody = Static<typeof LoginBody>;

export const AgentReply = Type.Object({ agent: AgentProfile });
export type AgentReply = Static<typeof AgentReply>;

export const PasswordChangeBody = Type.Object({
  currentPassword: Type.String({ minLength: 1, maxLength: 1024 }),
  newPassword: Type.String({ minLength: 10, maxLength: 1024 }),
});
export type PasswordChangeBody = Static<typeof PasswordChangeBody>;

export const CONVERSATION_FILTERS = ['open', 'closed', 'all'] as const;
export const ConversationListQuery = Type.Object({
  status: Type.Optional(StringEnum(CONVERSATION_FILTERS)),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  /** Page backwards: only conversations updated before this time. */
  before: Type.Optional(IsoDateTime),
});
export type ConversationListQuery = Static<typeof ConversationListQuery>;

export const ConversationListReply = Type.Object({ conversations: Type.Array(ConversationSummary) });
export type ConversationListReply = Static<typeof ConversationListReply>;

export const ConversationParams = Type.Object({ conversationId: Uuid });
export type ConversationParams = Static<typeof ConversationParams>;

export const ConversationReply = Type.Object({ conversation: ConversationSummary });
export type ConversationReply = Static<typeof ConversationReply>;

export const MessagesQuery = Type.Object({
  afterSeq: Type.Optional(AfterSeq),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.maxSyncMessages })),
});
export type MessagesQuery = Static<typeof MessagesQuery>;

export const MessagesReply = Type.Object({ messages: Type.Array(Message), complete: Type.Boolean() });
export type MessagesReply = Static<typeof MessagesReply>;

export const HealthReply = Type.Object({ status: Type.Literal('ok') });
export type HealthReply = Static<typeof HealthReply>;

export const CHECK_STATES = ['ok', 'down'] as const;
export const ReadyReply = Type.Object({
  status: StringEnum(['ready', 'degraded', 'unavailable'] as const),
  checks: Type.Object({ db: StringEnum(CHECK_STATES), bus: StringEnum(CHECK_STATES) }),
  /** True while the relay stops gracefully: it finishes what it has and takes nothing new. */
  draining: Type.Boolean(),
});
export type ReadyReply = Static<typeof ReadyReply>;
