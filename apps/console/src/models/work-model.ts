import { computed, signal, type ReadonlySignal } from '@preact/signals';
import type { ConsoleSide, RealtimeClient } from '@parley/client';
import type { AgentPresence, AgentStatus, ConsoleToRelay, Team, UnassignReason } from '@parley/protocol';

/** presence.activity goes out at most this often while the agent uses the console. */
export const ACTIVITY_THROTTLE_MS = 60_000;

/** Frame types whose refusal (an error frame with that type as `ref`) the work model reports. */
const WORK_COMMANDS: ReadonlySet<string> = new Set([
  'presence.set',
  'conversation.claim',
  'conversation.transfer',
  'conversation.unassign',
  'conversation.close',
  'conversation.reopen',
  'conversation.snooze',
  'capacity.set',
]);

export interface TransferNote {
  byAgentId: string | null;
  note: string | null;
}

export type TransferTarget = { agentId: string } | { teamId: string };

export interface WorkModel {
  /** Every agent of the workspace, live (status, capacity, load, teams). */
  readonly agents: ReadonlySignal<readonly AgentPresence[]>;
  /** The signed-in agent's own line: status and the capacity meter (load / capacity). */
  readonly me: ReadonlySignal<AgentPresence | null>;
  readonly teams: ReadonlySignal<readonly Team[]>;
  /** The note of the latest transfer to this agent, per conversation. */
  readonly transferNotes: ReadonlySignal<ReadonlyMap<string, TransferNote>>;
  /** Something the agent should read: a refused action, a conversation taken away. Null for nothing. */
  readonly notice: ReadonlySignal<string | null>;
  dismissNotice(): void;
  setTeams(teams: readonly Team[]): void;
  setStatus(status: AgentStatus): boolean;
  /** Call on the agent's input; sends presence.activity at most once per ACTIVITY_THROTTLE_MS. */
  activity(): void;
  claim(conversationId: string): boolean;
  transfer(conversationId: string, target: TransferTarget, note?: string): boolean;
  unassign(conversationId: string): boolean;
  close(conversationId: string): boolean;
  reopen(conversationId: string): boolean;
  /** `until` null: until the visitor replies. */
  snooze(conversationId: string, until: Date | null): boolean;
  dispose(): void;
}

const UNASSIGNED_WORDS: Record<UnassignReason, string | null> = {
  transfer: 'A conversation of yours was transferred to someone else.',
  unassign: 'A conversation of yours was unassigned.',
  no_response: 'A conversation went back to the queue because the visitor waited too long for your reply.',
  // Closing is the agent's own act or visible in the transcript: no notice needed.
  closed: null,
};

/** The agent's work: presence, capacity and the actions on conversations, as frames to the relay. */
export function createWorkModel(client: RealtimeClient<ConsoleSide>, agentId: string): WorkModel {
  const byId = signal<ReadonlyMap<string, AgentPresence>>(new Map());
  const teams = signal<readonly Team[]>([]);
  const transferNotes = signal<ReadonlyMap<string, TransferNote>>(new Map());
  const notice = signal<string | null>(null);
  let lastActivity = -Infinity;

  const agents = computed(() => [...byId.value.values()].sort((a, b) => a.name.localeCompare(b.name)));
  const me = computed(() => byId.value.get(agentId) ?? null);

  const send = (frame: ConsoleToRelay) => {
    const sent = client.send(frame);
    if (!sent) notice.value = 'Not connected: the action was not sent. Try again once the console is back online.';
    return sent;
  };

  const unsubscribes = [
    client.on('presence.synced', (frame) => {
      byId.value = new Map(frame.agents.map((agent) => [agent.agentId, agent]));
    }),
    client.on('presence.changed', (frame) => {
      byId.value = new Map(byId.value).set(frame.agent.agentId, frame.agent);
    }),
    client.on('conversation.assigned', (frame) => {
      if (frame.reason !== 'transfer') return;
      transferNotes.value = new Map(transferNotes.value).set(frame.conversation.id, {
        byAgentId: frame.byAgentId,
        note: frame.note,
      });
    }),
    client.on('conversation.unassigned', (frame) => {
      const words = UNASSIGNED_WORDS[frame.reason];
      if (words && frame.byAgentId !== agentId) notice.value = words;
    }),
    client.on('error', (frame) => {
      if (frame.ref && WORK_COMMANDS.has(frame.ref)) notice.value = frame.message;
    }),
  ];

  return {
    agents,
    me,
    teams,
    transferNotes,
    notice,
    dismissNotice() {
      notice.value = null;
    },
    setTeams(next) {
      teams.value = next;
    },
    setStatus: (status) => send({ type: 'presence.set', status }),
    activity() {
      const now = Date.now();
      if (now - lastActivity < ACTIVITY_THROTTLE_MS) return;
      if (client.send({ type: 'presence.activity' })) lastActivity = now;
    },
    claim: (conversationId) => send({ type: 'conversation.claim', conversationId }),
    transfer(conversationId, target, note) {
      const text = note?.trim();
      return send({ type: 'conversation.transfer', conversationId, ...target, ...(text ? { note: text } : {}) });
    },
    unassign: (conversationId) => send({ type: 'conversation.unassign', conversationId }),
    close: (conversationId) => send({ type: 'conversation.close', conversationId }),
    reopen: (conversationId) => send({ type: 'conversation.reopen', conversationId }),
    snooze: (conversationId, until) =>
      send({ type: 'conversation.snooze', conversationId, until: until ? until.toISOString() : null }),
    dispose() {
      for (const unsubscribe of unsubscribes) unsubscribe();
    },
  };
}
