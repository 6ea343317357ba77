/**
 * Agents at work: presence, capacity, teams, routing, the queue, and what an agent does with a
 * conversation (claim, transfer, unassign, close, reopen, snooze). Frames are added to the
 * direction unions in widget-frames.ts / console-frames.ts; REST bodies are used by the routes.
 *
 * Agent -> relay (commands; success shows as `conversation.updated`, failure as `error` whose
 * `ref` is the frame type):
 *   presence.set {status}                     the agent's chosen status (online / away / offline)
 *   presence.activity {}                      the person is at the keyboard (throttle: once a minute)
 *   conversation.claim {conversationId}       take a queued (unassigned) conversation
 *   conversation.transfer {conversationId, agentId? | teamId?, note?}
 *                                             to an agent (reassign) or to a team's queue
 *   conversation.unassign {conversationId}    back to the team's routing
 *   conversation.close / conversation.reopen {conversationId}
 *   conversation.snooze {conversationId, until}  until a time, or (until: null) the visitor replies
 *   capacity.set {agentId?, capacity}         own capacity; admins/supervisors: anyone's
 * Relay -> agent:
 *   presence.synced {agents}                  after welcome: every agent of the workspace with status and load
 *   presence.changed {agent}                  one agent's status, capacity or load changed
 *   conversation.assigned {conversation, reason, byAgentId, note}   to the agent who got it
 *   conversation.unassigned {conversationId, reason, byAgentId}     to the agent who lost it
 *                                             (reason 'no_response': the team's reassignment rule)
 * Relay -> visitor:
 *   queue.updated {conversationId, position, estimatedWaitSeconds}
 *                                             position null: no longer waiting in the queue
 * Visitor -> relay: `message.send` may carry `teamId` (one of SitePublic.teams) when it starts a conversation.
 */
import { Type, type Static } from '@sinclair/typebox';
import { ConversationSummary, IsoDateTime, Nullable, StringEnum, Uuid } from './models';

/** What the agent chose. `offline` while signed in means "appear offline": nothing is routed to them. */
export const AGENT_STATUSES = ['online', 'away', 'offline'] as const;
export const AgentStatus = StringEnum(AGENT_STATUSES);
export type AgentStatus = Static<typeof AgentStatus>;

export const Capacity = Type.Integer({ minimum: 0, maximum: 100, description: 'Most open conversations assigned at once' });

/** One agent as the team sees them live. */
export const AgentPresence = Type.Object({
  agentId: Uuid,
  name: Type.String(),
  /** Effective status: offline without a console open, away after idling or by choice. */
  status: AgentStatus,
  capacity: Capacity,
  /** Open conversations assigned to them now (the capacity meter: load / capacity). */
  load: Type.Integer({ minimum: 0 }),
  teamIds: Type.Array(Uuid),
});
export type AgentPresence = Static<typeof AgentPresence>;

export const Team = Type.Object({
  id: Uuid,
  name: Type.String(),
  /** Work that names no team goes to the workspace's default team. */
  isDefault: Type.Boolean(),
  /** Off: nothing is assigned automatically; agents claim from the queue. */
  autoAssign: Type.Boolean(),
  /** Service level: the first reply should come within this many seconds (null: no target). */
  firstResponseTargetSeconds: Nullable(Type.Integer({ minimum: 1 })),
  /** An assigned conversation whose visitor waits this long unanswered goes back to routing (null: never). */
  reassignAfterSeconds: Nullable(Type.Integer({ minimum: 1 })),
  memberIds: Type.Array(Uuid),
});
export type Team = Static<typeof Team>;

export const ASSIGN_REASONS = ['auto', 'claim', 'transfer'] as const;
export const AssignReason = StringEnum(ASSIGN_REASONS);
export type AssignReason = Static<typeof AssignReason>;

export const UNASSIGN_REASONS = ['transfer', 'unassign', 'no_response', 'closed'] as const;
export const UnassignReason = StringEnum(UNASSIGN_REASONS);
export type UnassignReason = Static<typeof UnassignReason>;

/** Optional words for the agent who receives a transfer; never shown to the visitor. */
export const TransferNote = Type.String({ minLength: 1, maxLength: 2000 });

// Agent -> relay

export const PresenceSet = Type.Object({ type: Type.Literal('presence.set'), status: AgentStatus });
export const PresenceActivity = Type.Object({ type: Type.Literal('presence.activity') });
export const ConversationClaim = Type.Object({ type: Type.Literal('conversation.claim'), conversationId: Uuid });
/** Exactly one of agentId (reassign to that agent) or teamId (into that team's queue). */
export const ConversationTransfer = Type.Object({
  type: Type.Literal('conversation.transfer'),
  conversationId: Uuid,
  agentId: Type.Optional(Uuid),
  teamId: Type.Optional(Uuid),
  note: Type.Optional(TransferNote),
});
export const ConversationUnassign = Type.Object({ type: Type.Literal('conversation.unassign'), conversationId: Uuid });
export const ConversationClose = Type.Object({ type: Type.Literal('conversation.close'), conversationId: Uuid });
export const ConversationReopen = Type.Object({ type: Type.Literal('conversation.reopen'), conversationId: Uuid });
/** `until: null` snoozes until the visitor writes; a time wakes it then (or earlier, if the visitor writes). */
export const ConversationSnooze = Type.Object({
  type: Type.Literal('conversation.snooze'),
  conversationId: Uuid,
  until: Nullable(IsoDateTime),
});
/** Omit agentId for oneself; another agent's needs the admin or supervisor role. */
export const CapacitySet = Type.Object({ type: Type.Literal('capacity.set'), agentId: Type.Optional(Uuid), capacity: Capacity });

export const WORK_CONSOLE_TO_RELAY = [
  PresenceSet,
  PresenceActivity,
  ConversationClaim,
  ConversationTransfer,
  ConversationUnassign,
  ConversationClose,
  ConversationReopen,
  ConversationSnooze,
  CapacitySet,
] as const;

// Relay -> agent

export const PresenceSynced = Type.Object({ type: Type.Literal('presence.synced'), agents: Type.Array(AgentPresence) });
export const PresenceChanged = Type.Object({ type: Type.Literal('presence.changed'), agent: AgentPresence });
export const ConversationAssigned = Type.Object({
  type: Type.Literal('conversation.assigned'),
  conversation: ConversationSummary,
  reason: AssignReason,
  /** Who transferred it; null for automatic routing and claims. */
  byAgentId: Nullable(Uuid),
  note: Nullable(TransferNote),
});
export const ConversationUnassigned = Type.Object({
  type: Type.Literal('conversation.unassigned'),
  conversationId: Uuid,
  reason: UnassignReason,
  byAgentId: Nullable(Uuid),
});

export const WORK_RELAY_TO_CONSOLE = [PresenceSynced, PresenceChanged, ConversationAssigned, ConversationUnassigned] as const;

// Relay -> visitor

export const QueueUpdated = Type.Object({
  type: Type.Literal('queue.updated'),
  conversationId: Uuid,
  /** 1 = next to be answered; null = no longer waiting (an agent has it, or it closed). */
  position: Nullable(Type.Integer({ minimum: 1 })),
  /** From the team's recent pick-up times; null when there is no honest estimate (no history). */
  estimatedWaitSeconds: Nullable(Type.Integer({ minimum: 0 })),
});
export type QueueUpdated = Static<typeof QueueUpdated>;

// REST

export const TeamListReply = Type.Object({ teams: Type.Array(Team) });
export type TeamListReply = Static<typeof TeamListReply>;

export const TeamParams = Type.Object({ teamId: Uuid });
export type TeamParams = Static<typeof TeamParams>;

/**
 * A positive whole number or null, as one JSON-Schema type list rather than a union: the relay's
 * Ajv coerces types, and in a union it would turn 0 into null (switching the rule off) instead
 * of refusing it.
 */
const PositiveSecondsOrNull = Type.Unsafe<number | null>({ type: ['integer', 'null'], minimum: 1 });

export const TeamCreateBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  autoAssign: Type.Optional(Type.Boolean()),
  firstResponseTargetSeconds: Type.Optional(PositiveSecondsOrNull),
  reassignAfterSeconds: Type.Optional(PositiveSecondsOrNull),
  memberIds: Type.Optional(Type.Array(Uuid, { maxItems: 1000 })),
});
export type TeamCreateBody = Static<typeof TeamCreateBody>;

/** Every field optional: only what is given changes. `memberIds` replaces the member list. */
export const TeamUpdateBody = Type.Partial(TeamCreateBody);
export type TeamUpdateBody = Static<typeof TeamUpdateBody>;

export const TeamReply = Type.Object({ team: Team });
export type TeamReply = Static<typeof TeamReply>;

export const PresenceReply = Type.Object({ agents: Type.Array(AgentPresence) });
export type PresenceReply = Static<typeof PresenceReply>;

/** Which teams visitors of a site may pick in the widget (empty: nobody picks, the default team gets it). */
export const SiteTeamsBody = Type.Object({ teamIds: Type.Array(Uuid, { maxItems: 50 }) });
export type SiteTeamsBody = Static<typeof SiteTeamsBody>;
export const SiteParams = Type.Object({ siteId: Uuid });
export type SiteParams = Static<typeof SiteParams>;
