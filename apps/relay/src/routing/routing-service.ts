/**
 * Routing on one relay node: agent presence, automatic assignment, the queue, and what agents do
 * with conversations (claim, transfer, unassign, close, reopen, snooze, capacity). Every decision
 * that must happen once is a Postgres transaction in @parley/db; this node only triggers them,
 * announces their outcome on the bus, and runs a periodic sweep that any number of nodes may run
 * at once (presence expiry, snooze wake-ups, the no-response rule, queues nobody routed).
 */
import { randomUUID } from 'node:crypto';
import {
  assignQueued,
  claimConversation,
  closeConversation,
  getAgent,
  getTeam,
  listAgentRouting,
  reopenConversation,
  rerouteUnanswered,
  setAgentCapacity,
  snoozeConversation,
  teamIdsOfAgent,
  teamsWithQueue,
  transferConversation,
  unassignConversation,
  wakeSnoozed,
  type Assignment,
  type Db,
  type RoutingFailure,
  type RoutingResult,
  type TransferTarget,
} from '@parley/db';
import {
  HEARTBEAT_MS,
  JOINED_EVENT_PREFIX,
  type AgentPresence,
  type AgentProfile,
  type AgentStatus,
  type ConsoleToRelay,
  type ConversationSummary,
  type RelayToConsole,
  type UnassignReason,
} from '@parley/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { MessageService } from '../chat/message-service';
import { ParleyError } from '../parley-error';
import { channels } from '../realtime/channels';
import type { Hub } from '../realtime/hub';
import { requestRating } from '../rating/rating-service';
import { WORK_FRAME_TYPES } from '@parley/protocol';
import { planAssignments } from './assignment-policy';
import { effectiveStatus, type PresenceStore } from './presence-store';
import { QueueNotifier } from './queue-notifier';

export type WorkFrame = Extract<ConsoleToRelay, { type: (typeof WORK_FRAME_TYPES)[number] }>;

export function isWorkFrame(frame: ConsoleToRelay): frame is WorkFrame {
  return (WORK_FRAME_TYPES as readonly string[]).includes(frame.type);
}

export interface RoutingOptions {
  sweepMs: number;
  presenceGraceMs: number;
  presenceAwayMs: number;
}

/** A console socket as routing knows it. */
export interface AgentSocketRef {
  id: string;
  agent: AgentProfile;
}

/** Sockets count as alive this long after a heartbeat (the same rule the relay drops silent sockets by). */
const SOCKET_TTL_MS = HEARTBEAT_MS * 2.5;
const PRESENCE_DEBOUNCE_MS = 25;
/** After a bus outage the presence store's own connection may come back a moment later: tries and the pause between. */
const RESYNC_ATTEMPTS = 5;
const RESYNC_RETRY_MS = 1000;

/** What this node knows first-hand of an agent with a console here: enough to write their presence again. */
interface LocalPresence {
  workspaceId: string;
  agentId: string;
  activeAt: number;
  /** Their last presence.set handled here; unknown if they never chose on this node. */
  chosen: AgentStatus | null;
}

export class RoutingService {
  readonly queue: QueueNotifier;
  private readonly sockets = new Map<string, AgentSocketRef>();
  private readonly local = new Map<string, LocalPresence>();
  private readonly routing = new Map<string, Promise<void>>();
  private readonly routeAgain = new Set<string>();
  private readonly presenceDirty = new Map<string, Set<string>>();
  private presenceTimer: NodeJS.Timeout | null = null;
  private timers: NodeJS.Timeout[] = [];
  private sweeping: Promise<void> | null = null;
  private closed = false;
  /** Told after a workspace's agents changed status or load (availability re-checks the widgets). */
  onPresenceChanged: ((workspaceId: string) => void) | null = null;

  constructor(
    private readonly db: Db,
    private readonly hub: Hub,
    private readonly messages: MessageService,
    private readonly store: PresenceStore,
    private readonly options: RoutingOptions,
    private readonly log: FastifyBaseLogger,
  ) {
    this.queue = new QueueNotifier(db, hub, log);
    messages.onConversationChanged = (workspaceId, conversation) => this.conversationChanged(workspaceId, conversation);
  }

  start(): void {
    const heartbeat = setInterval(() => void this.heartbeat(), Math.min(HEARTBEAT_MS, this.options.sweepMs * 5));
    const sweep = setInterval(() => void this.sweep().catch((error) => this.log.warn({ err: error }, 'routing sweep failed')), this.options.sweepMs);
    heartbeat.unref();
    sweep.unref();
    this.timers = [heartbeat, sweep];
  }

  /** Stops the timers and waits for a sweep in progress, so nothing touches the database after. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    if (this.presenceTimer) clearTimeout(this.presenceTimer);
    this.queue.close();
    await this.sweeping;
    await Promise.allSettled([...this.routing.values()]);
  }

  // Presence

  /** A console socket said hello: the agent is present (and active). Returns the team's presence for `presence.synced`. */
  async agentConnected(socket: AgentSocketRef): Promise<AgentPresence[]> {
    const { workspaceId, id: agentId } = socket.agent;
    this.sockets.set(socket.id, socket);
    const now = Date.now();
    this.remember(workspaceId, agentId, { activeAt: now });
    try {
      await this.store.keepAlive(workspaceId, agentId, socket.id, now + SOCKET_TTL_MS);
      await this.store.activity(workspaceId, agentId, now);
      await this.refreshPresence(workspaceId, agentId);
      return await this.roster(workspaceId);
    } catch (error) {
      // Presence unreachable (Redis down): the console still works; the heartbeat and the sweep
      // bring presence back when it returns.
      this.log.warn({ err: error }, 'presence unavailable at hello');
      return (await listAgentRouting(this.db, workspaceId)).map((agent) => ({ ...agent, status: 'offline' as const }));
    }
  }

  /** The socket closed: it counts for the grace period more (a reload), then the sweep finds the agent offline. */
  agentDisconnected(socketId: string): void {
    const socket = this.sockets.get(socketId);
    if (!socket) return;
    this.sockets.delete(socketId);
    const { workspaceId, id: agentId } = socket.agent;
    if (![...this.sockets.values()].some((other) => other.agent.id === agentId)) this.local.delete(`${workspaceId}:${agentId}`);
    this.store
      .keepAlive(workspaceId, agentId, socketId, Date.now() + this.options.presenceGraceMs)
      .catch((error) => this.log.warn({ err: error }, 'presence release failed'));
  }

  async roster(workspaceId: string): Promise<AgentPresence[]> {
    const [agents, statuses] = await Promise.all([listAgentRouting(this.db, workspaceId), this.statuses(workspaceId)]);
    return agents.map((agent) => ({ ...agent, status: statuses.get(agent.agentId) ?? 'offline' }));
  }

  /** Whether any agent of the workspace is online (not away, not offline) now. */
  async anyoneOnline(workspaceId: string): Promise<boolean> {
    for (const status of (await this.statuses(workspaceId)).values()) if (status === 'online') return true;
    return false;
  }

  private async statuses(workspaceId: string): Promise<Map<string, AgentStatus>> {
    const now = Date.now();
    const records = await this.store.read(workspaceId);
    return new Map(records.map((record) => [record.agentId, effectiveStatus(record, now, this.options.presenceAwayMs)]));
  }

  /**
   * Announces agents whose status changed since it was last announced (by any node), and routes
   * for those who came online.
   */
  private async refreshPresence(workspaceId: string, onlyAgentId?: string): Promise<void> {
    const statuses = await this.statuses(workspaceId);
    for (const [agentId, status] of statuses) {
      if (onlyAgentId !== undefined && agentId !== onlyAgentId) continue;
      if (!(await this.store.swapAnnounced(workspaceId, agentId, status))) continue;
      this.markPresenceDirty(workspaceId, agentId);
      if (status === 'online') await this.routeAgentTeams(workspaceId, agentId);
    }
  }

  private remember(workspaceId: string, agentId: string, change: Partial<Pick<LocalPresence, 'activeAt' | 'chosen'>>): void {
    const key = `${workspaceId}:${agentId}`;
    const known = this.local.get(key) ?? { workspaceId, agentId, activeAt: 0, chosen: null };
    this.local.set(key, { ...known, ...change, activeAt: Math.max(known.activeAt, change.activeAt ?? 0) });
  }

  /**
   * After a bus outage (hub.onRecovered): Redis may have restarted empty, and presence.changed
   * published meanwhile was lost. Every node writes its own agents' presence again (sockets,
   * last activity, chosen status) and announces each of them, so consoles on every node show
   * the truth again; agents of nodes that are gone expire by the sweep as usual.
   */
  async resyncPresence(): Promise<void> {
    for (let attempt = 1; attempt <= RESYNC_ATTEMPTS && !this.closed; attempt++) {
      try {
        await this.rewritePresence();
        return;
      } catch (error) {
        this.log.warn({ err: error, attempt }, 'presence resync failed; trying again');
        await new Promise((resolve) => setTimeout(resolve, RESYNC_RETRY_MS).unref());
      }
    }
  }

  private async rewritePresence(): Promise<void> {
    const until = Date.now() + SOCKET_TTL_MS;
    for (const socket of this.sockets.values()) await this.store.keepAlive(socket.agent.workspaceId, socket.agent.id, socket.id, until);
    const workspaces = new Set<string>();
    for (const known of this.local.values()) {
      await this.store.activity(known.workspaceId, known.agentId, known.activeAt);
      if (known.chosen) await this.store.choose(known.workspaceId, known.agentId, known.chosen);
      workspaces.add(known.workspaceId);
    }
    for (const workspaceId of workspaces) {
      const statuses = await this.statuses(workspaceId);
      for (const known of this.local.values()) {
        if (known.workspaceId !== workspaceId) continue;
        // Announced whether or not it differs from the last announcement: that one may be what was lost.
        const status = statuses.get(known.agentId) ?? 'offline';
        await this.store.swapAnnounced(workspaceId, known.agentId, status);
        this.markPresenceDirty(workspaceId, known.agentId);
        if (status === 'online') await this.routeAgentTeams(workspaceId, known.agentId);
      }
    }
  }

  private async heartbeat(): Promise<void> {
    const until = Date.now() + SOCKET_TTL_MS;
    await Promise.all(
      [...this.sockets.values()].map((socket) =>
        this.store.keepAlive(socket.agent.workspaceId, socket.agent.id, socket.id, until).catch((error) => this.log.warn({ err: error }, 'presence heartbeat failed')),
      ),
    );
  }

  /** Load, capacity or status of an agent changed: one presence.changed soon, however many changes came together. */
  private markPresenceDirty(workspaceId: string, agentId: string): void {
    let agents = this.presenceDirty.get(workspaceId);
    if (!agents) this.presenceDirty.set(workspaceId, (agents = new Set()));
    agents.add(agentId);
    if (this.presenceTimer || this.closed) return;
    this.presenceTimer = setTimeout(() => {
      this.presenceTimer = null;
      void this.flushPresence().catch((error) => this.log.warn({ err: error }, 'presence.changed not sent'));
    }, PRESENCE_DEBOUNCE_MS);
    this.presenceTimer.unref();
  }

  private async flushPresence(): Promise<void> {
    const dirty = [...this.presenceDirty];
    this.presenceDirty.clear();
    for (const [workspaceId, agentIds] of dirty) {
      this.onPresenceChanged?.(workspaceId);
      const roster = await this.roster(workspaceId);
      for (const agent of roster) {
        if (agentIds.has(agent.agentId)) await this.publishToAgents(workspaceId, { type: 'presence.changed', agent });
      }
    }
  }

  // Routing

  /** Routes the team's queue now; runs of one team on this node are coalesced (other nodes are kept out by Postgres locks). */
  routeTeam(workspaceId: string, teamId: string): Promise<void> {
    const key = `${workspaceId}:${teamId}`;
    const running = this.routing.get(key);
    if (running) {
      this.routeAgain.add(key);
      return running;
    }
    const run = (async () => {
      do {
        this.routeAgain.delete(key);
        await this.routeOnce(workspaceId, teamId);
      } while (this.routeAgain.has(key) && !this.closed);
    })()
      .catch((error) => this.log.warn({ err: error, teamId }, 'routing failed; the sweep retries'))
      .finally(() => this.routing.delete(key));
    this.routing.set(key, run);
    return run;
  }

  private async routeOnce(workspaceId: string, teamId: string): Promise<void> {
    const statuses = await this.statuses(workspaceId);
    const online = [...statuses].flatMap(([agentId, status]) => (status === 'online' ? [agentId] : []));
    const assigned = await assignQueued(this.db, { workspaceId, teamId, onlineAgentIds: online }, planAssignments);
    for (const assignment of assigned) this.announceAssignment(workspaceId, assignment);
    // Routing runs when the queue gained someone or room appeared: either way its visitors may have moved.
    this.queue.teamChanged(workspaceId, teamId);
  }

  private async routeAgentTeams(workspaceId: string, agentId: string): Promise<void> {
    for (const teamId of await teamIdsOfAgent(this.db, workspaceId, agentId)) await this.routeTeam(workspaceId, teamId);
  }

  /**
   * After a message changed a conversation: a new one, or one the message reopened or woke, has
   * just joined its queue. Further messages in a conversation already waiting change nothing
   * for routing, so they cost nothing here.
   */
  conversationChanged(workspaceId: string, conversation: ConversationSummary): void {
    if (this.closed || conversation.status !== 'open' || conversation.assigneeId !== null || !conversation.teamId) return;
    const joinedNow = conversation.lastSeq === 1 || (conversation.queuedAt !== null && conversation.queuedAt === conversation.lastMessage?.createdAt);
    if (joinedNow) void this.routeTeam(workspaceId, conversation.teamId);
  }

  /** The periodic sweep; `now` is a parameter so tests move time instead of waiting for it. */
  sweep(now = new Date()): Promise<void> {
    if (this.sweeping) return this.sweeping;
    this.sweeping = this.sweepOnce(now).finally(() => {
      this.sweeping = null;
    });
    return this.sweeping;
  }

  private async sweepOnce(now: Date): Promise<void> {
    if (this.closed) return;
    for (const workspaceId of await this.store.workspaces()) await this.refreshPresence(workspaceId);
    for (const { workspaceId, conversation } of await wakeSnoozed(this.db, now)) {
      await this.publishUpdated(workspaceId, conversation);
    }
    for (const { workspaceId, conversation, previousAssigneeId } of await rerouteUnanswered(this.db, now)) {
      await this.publishUpdated(workspaceId, conversation);
      await this.tellUnassigned(workspaceId, previousAssigneeId, conversation.id, 'no_response', null);
    }
    for (const { workspaceId, teamId } of await teamsWithQueue(this.db)) await this.routeTeam(workspaceId, teamId);
  }

  // Agents' commands

  async handle(agent: AgentProfile, frame: WorkFrame): Promise<void> {
    const workspaceId = agent.workspaceId;
    const actor = { agentId: agent.id, actsOnAny: agent.role === 'admin' || agent.role === 'supervisor' };
    switch (frame.type) {
      case 'presence.set':
        this.remember(workspaceId, agent.id, { chosen: frame.status });
        await this.store.choose(workspaceId, agent.id, frame.status);
        await this.refreshPresence(workspaceId, agent.id);
        return;
      case 'presence.activity':
        this.remember(workspaceId, agent.id, { activeAt: Date.now() });
        await this.store.activity(workspaceId, agent.id, Date.now());
        await this.refreshPresence(workspaceId, agent.id);
        return;
      case 'conversation.claim': {
        const assignment = unwrap(await claimConversation(this.db, { workspaceId, agentId: agent.id, conversationId: frame.conversationId }), frame.type);
        this.announceAssignment(workspaceId, assignment);
        if (assignment.conversation.teamId) this.queue.teamChanged(workspaceId, assignment.conversation.teamId);
        return;
      }
      case 'conversation.transfer':
        await this.transfer(agent, actor, frame);
        return;
      case 'conversation.unassign': {
        const { conversation, previousAssigneeId } = unwrap(
          await unassignConversation(this.db, { workspaceId, conversationId: frame.conversationId, actor }),
          frame.type,
        );
        await this.publishUpdated(workspaceId, conversation);
        await this.tellUnassigned(workspaceId, previousAssigneeId, conversation.id, 'unassign', agent.id);
        if (conversation.teamId) await this.routeTeam(workspaceId, conversation.teamId);
        return;
      }
      case 'conversation.close': {
        const conversation = unwrap(await closeConversation(this.db, { workspaceId, conversationId: frame.conversationId, actor }), frame.type);
        await this.publishUpdated(workspaceId, conversation);
        await this.messages.postEvent(workspaceId, conversation.id, `${agent.name} closed the conversation.`);
        await requestRating(this.hub, workspaceId, conversation.visitor.id, conversation.id);
        if (conversation.teamId) this.queue.teamChanged(workspaceId, conversation.teamId);
        if (conversation.assigneeId) {
          this.markPresenceDirty(workspaceId, conversation.assigneeId);
          // Room freed: the next in line gets it now.
          await this.routeAgentTeams(workspaceId, conversation.assigneeId);
        }
        return;
      }
      case 'conversation.reopen': {
        const { conversation, assignedToActor } = unwrap(
          await reopenConversation(this.db, { workspaceId, conversationId: frame.conversationId, agentId: agent.id }),
          frame.type,
        );
        await this.messages.postEvent(workspaceId, conversation.id, `${agent.name} reopened the conversation.`);
        if (assignedToActor) {
          // The transcript already says who reopened it: no "joined" event on top.
          this.announceAssignment(
            workspaceId,
            { conversation, agentId: agent.id, reason: 'claim', byAgentId: null, note: null, previousAssigneeId: null },
            false,
          );
        } else {
          await this.publishUpdated(workspaceId, conversation);
          if (conversation.teamId) await this.routeTeam(workspaceId, conversation.teamId);
        }
        return;
      }
      case 'conversation.snooze': {
        const until = frame.until === null ? null : new Date(frame.until);
        if (until !== null && Number.isNaN(until.getTime())) throw new ParleyError('invalid_frame', 'until is not a time', frame.type);
        const conversation = unwrap(await snoozeConversation(this.db, { workspaceId, conversationId: frame.conversationId, actor, until }), frame.type);
        await this.publishUpdated(workspaceId, conversation);
        if (conversation.teamId) this.queue.teamChanged(workspaceId, conversation.teamId);
        return;
      }
      case 'capacity.set': {
        const target = frame.agentId ?? agent.id;
        if (target !== agent.id && !actor.actsOnAny) throw new ParleyError('forbidden', 'only admins and supervisors set others’ capacity', frame.type);
        if (!(await this.setCapacity(workspaceId, target, frame.capacity))) throw new ParleyError('not_found', 'no such agent', frame.type);
        return;
      }
    }
  }

  /**
   * Stores an agent's capacity, tells the team (presence.changed) and routes their teams' queues:
   * raised capacity takes waiting conversations at once. False when the agent is not in the workspace.
   */
  async setCapacity(workspaceId: string, agentId: string, capacity: number): Promise<boolean> {
    if (!(await setAgentCapacity(this.db, workspaceId, agentId, capacity))) return false;
    this.markPresenceDirty(workspaceId, agentId);
    await this.routeAgentTeams(workspaceId, agentId);
    return true;
  }

  /** Agents whose teams changed (an admin edited members): consoles get their new teamIds. */
  agentsChanged(workspaceId: string, agentIds: Iterable<string>): void {
    for (const agentId of agentIds) this.markPresenceDirty(workspaceId, agentId);
  }

  private async transfer(agent: AgentProfile, actor: { agentId: string; actsOnAny: boolean }, frame: Extract<WorkFrame, { type: 'conversation.transfer' }>): Promise<void> {
    const workspaceId = agent.workspaceId;
    if ((frame.agentId === undefined) === (frame.teamId === undefined)) {
      throw new ParleyError('invalid_frame', 'give exactly one of agentId or teamId', frame.type);
    }
    const to: TransferTarget = frame.agentId !== undefined ? { agentId: frame.agentId } : { teamId: frame.teamId! };
    const outcome = unwrap(
      await transferConversation(this.db, { workspaceId, conversationId: frame.conversationId, actor, to, note: frame.note ?? null }),
      frame.type,
    );
    const { conversation, previousAssigneeId, assignment } = outcome;
    if (previousAssigneeId) await this.tellUnassigned(workspaceId, previousAssigneeId, conversation.id, 'transfer', agent.id);
    if (assignment) this.announceAssignment(workspaceId, assignment);
    else await this.publishUpdated(workspaceId, conversation);
    // The transcript says who transferred to whom, in words the visitor may read; the note stays with agents.
    const target =
      'agentId' in to ? (await getAgent(this.db, workspaceId, to.agentId))?.name : `the ${(await getTeam(this.db, workspaceId, to.teamId))?.name ?? ''} team`;
    await this.messages.postEvent(workspaceId, conversation.id, `${agent.name} transferred the conversation to ${target ?? 'a colleague'}.`);
    if (frame.note) {
      await this.messages.sendFromAgent(
        { workspaceId, agentId: agent.id, name: agent.name },
        { conversationId: conversation.id, clientId: `transfer-${randomUUID()}`, body: `Transfer note: ${frame.note}` },
        'note',
      );
    }
    if (previousAssigneeId) await this.routeAgentTeams(workspaceId, previousAssigneeId);
    if (!assignment && conversation.teamId) await this.routeTeam(workspaceId, conversation.teamId);
  }

  // Announcements

  /** `joined`: write "<Agent> joined the conversation" for routing and claims (a transfer has its own event). */
  private announceAssignment(workspaceId: string, assignment: Assignment, joined = true): void {
    const { conversation } = assignment;
    if (joined && (assignment.reason === 'auto' || assignment.reason === 'claim')) {
      void this.postJoined(workspaceId, conversation.id, assignment.agentId).catch((error) =>
        this.log.warn({ err: error, conversationId: conversation.id }, 'joined event not written'),
      );
    }
    const assigned: RelayToConsole = {
      type: 'conversation.assigned',
      conversation,
      reason: assignment.reason,
      byAgentId: assignment.byAgentId,
      note: assignment.note,
    };
    void Promise.all([
      this.publishUpdated(workspaceId, conversation),
      this.hub.publish(channels.agent(workspaceId, assignment.agentId), { kind: 'frame', frame: assigned }),
      this.queue.publish(workspaceId, conversation.visitor.id, conversation.id, null, null),
    ]).catch((error) => this.log.warn({ err: error }, 'assignment announce failed; clients catch up'));
    this.markPresenceDirty(workspaceId, assignment.agentId);
  }

  private async postJoined(workspaceId: string, conversationId: string, agentId: string): Promise<void> {
    const name = (await getAgent(this.db, workspaceId, agentId))?.name;
    if (!name) return;
    await this.messages.postEvent(workspaceId, conversationId, `${name} joined the conversation.`, {
      clientId: `${JOINED_EVENT_PREFIX}${randomUUID()}`,
      agentId,
      name,
    });
  }

  private async tellUnassigned(workspaceId: string, agentId: string, conversationId: string, reason: UnassignReason, byAgentId: string | null): Promise<void> {
    this.markPresenceDirty(workspaceId, agentId);
    await this.hub
      .publish(channels.agent(workspaceId, agentId), { kind: 'frame', frame: { type: 'conversation.unassigned', conversationId, reason, byAgentId } })
      .catch((error) => this.log.warn({ err: error }, 'conversation.unassigned publish failed'));
  }

  private publishUpdated(workspaceId: string, conversation: ConversationSummary): Promise<void> {
    return this.publishToAgents(workspaceId, { type: 'conversation.updated', conversation });
  }

  private publishToAgents(workspaceId: string, frame: RelayToConsole): Promise<void> {
    return this.hub
      .publish(channels.inbox(workspaceId), { kind: 'frame', frame })
      .catch((error) => this.log.warn({ err: error, type: frame.type }, 'publish to agents failed; they catch up'));
  }
}

function unwrap<T>(result: RoutingResult<T>, ref: string): T {
  if (result.ok) return result.value;
  throw new ParleyError(result.error satisfies RoutingFailure, undefined, ref);
}

