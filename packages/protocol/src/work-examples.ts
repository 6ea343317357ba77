/** Examples of the work.ts frames, spread into examples.ts (and shown in docs/protocol.md). */
import type { ConsoleToRelay, RelayToConsole } from './console-frames';
import type { ConversationSummary } from './models';
import type { AgentPresence } from './work';
import type { RelayToWidget } from './widget-frames';

type Of<U extends { type: string }, T extends U['type']> = Extract<U, { type: T }>;

const conversationId = '7d1c2a9e-3b5f-4c1d-9e8a-2f6b0c4d8e11';
const agentId = '3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c';
const otherAgentId = '8a7b6c5d-4e3f-4a1b-9c0d-1e2f3a4b5c6d';
const teamId = 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e';

const presence: AgentPresence = { agentId, name: 'Ada Agent', status: 'online', capacity: 3, load: 1, teamIds: [teamId] };

export function workConsoleToRelayExamples(): {
  [T in 'presence.set' | 'presence.activity' | 'conversation.claim' | 'conversation.transfer' | 'conversation.unassign' | 'conversation.close' | 'conversation.reopen' | 'conversation.snooze' | 'capacity.set']: Of<ConsoleToRelay, T>;
} {
  return {
    'presence.set': { type: 'presence.set', status: 'away' },
    'presence.activity': { type: 'presence.activity' },
    'conversation.claim': { type: 'conversation.claim', conversationId },
    'conversation.transfer': { type: 'conversation.transfer', conversationId, agentId: otherAgentId, note: 'Wants a refund for order 1042.' },
    'conversation.unassign': { type: 'conversation.unassign', conversationId },
    'conversation.close': { type: 'conversation.close', conversationId },
    'conversation.reopen': { type: 'conversation.reopen', conversationId },
    'conversation.snooze': { type: 'conversation.snooze', conversationId, until: '2026-01-02T09:00:00.000Z' },
    'capacity.set': { type: 'capacity.set', capacity: 5 },
  };
}

export function workRelayToConsoleExamples(summary: ConversationSummary): {
  [T in 'presence.synced' | 'presence.changed' | 'conversation.assigned' | 'conversation.unassigned']: Of<RelayToConsole, T>;
} {
  return {
    'presence.synced': { type: 'presence.synced', agents: [presence] },
    'presence.changed': { type: 'presence.changed', agent: { ...presence, status: 'away' } },
    'conversation.assigned': {
      type: 'conversation.assigned',
      conversation: { ...summary, assigneeId: otherAgentId, assignedAt: '2026-01-01T00:00:05.000Z' },
      reason: 'transfer',
      byAgentId: agentId,
      note: 'Wants a refund for order 1042.',
    },
    'conversation.unassigned': { type: 'conversation.unassigned', conversationId, reason: 'no_response', byAgentId: null },
  };
}

export const queueUpdatedExample: Of<RelayToWidget, 'queue.updated'> = {
  type: 'queue.updated',
  conversationId,
  position: 3,
  estimatedWaitSeconds: 240,
};
