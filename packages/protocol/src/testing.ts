/**
 * Typed fixture factories from the contract, for tests in every package.
 * A protocol change breaks the fixtures at compile time instead of silently drifting.
 */
import type { AgentProfile, ConversationSummary, Message, VisitorConversation } from './models';

let counter = 0;
/** A deterministic, valid UUID for fixtures (not random: failures stay reproducible). */
export function fixtureUuid(n = ++counter): string {
  const hex = n.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}

const EPOCH = Date.parse('2026-01-01T00:00:00.000Z');
export function fixtureTime(secondsAfterEpoch = 0): string {
  return new Date(EPOCH + secondsAfterEpoch * 1000).toISOString();
}

export function makeMessage(overrides: Partial<Message> = {}): Message {
  const seq = overrides.seq ?? 1;
  return {
    id: fixtureUuid(),
    conversationId: fixtureUuid(1000),
    seq,
    clientId: `client-${seq}`,
    author: { kind: 'visitor', id: fixtureUuid(2000), name: null },
    kind: 'text',
    body: `message ${seq}`,
    createdAt: fixtureTime(seq),
    ...overrides,
  };
}

export function makeConversationSummary(overrides: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    id: fixtureUuid(1000),
    siteId: fixtureUuid(3000),
    visitor: { id: fixtureUuid(2000), name: null, email: null },
    status: 'open',
    assigneeId: null,
    lastSeq: 0,
    lastMessage: null,
    createdAt: fixtureTime(0),
    updatedAt: fixtureTime(0),
    teamId: fixtureUuid(6000),
    queuedAt: null,
    waitingSince: null,
    snoozedUntil: null,
    assignedAt: null,
    firstResponseAt: null,
    closedAt: null,
    ...overrides,
  };
}

export function makeVisitorConversation(overrides: Partial<VisitorConversation> = {}): VisitorConversation {
  return { id: fixtureUuid(1000), status: 'open', lastSeq: 0, createdAt: fixtureTime(0), ...overrides };
}

export function makeAgentProfile(overrides: Partial<AgentProfile> = {}): AgentProfile {
  return {
    id: fixtureUuid(4000),
    workspaceId: fixtureUuid(5000),
    email: 'agent@example.test',
    name: 'Ada Agent',
    role: 'agent',
    ...overrides,
  };
}
