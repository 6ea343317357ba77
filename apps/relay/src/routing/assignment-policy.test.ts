import type { AssignCandidate, QueuedConversation } from '@parley/db';
import { describe, expect, it } from 'vitest';
import { chooseAgent, planAssignments } from './assignment-policy';

const agent = (agentId: string, load: number, capacity = 3, lastAssignedAt: string | null = null): AssignCandidate => ({
  agentId,
  load,
  capacity,
  lastAssignedAt: lastAssignedAt === null ? null : new Date(lastAssignedAt),
});
const queued = (id: string, second: number, reroutedFromAgentId: string | null = null): QueuedConversation => ({
  id,
  queuedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, second)),
  reroutedFromAgentId,
});

describe('chooseAgent', () => {
  it('picks the least-loaded agent with free capacity', () => {
    expect(chooseAgent([agent('a', 2), agent('b', 1), agent('c', 3)])?.agentId).toBe('b');
  });

  it('skips agents at capacity, and returns null when everyone is full', () => {
    expect(chooseAgent([agent('a', 1, 1), agent('b', 2, 3)])?.agentId).toBe('b');
    expect(chooseAgent([agent('a', 3), agent('b', 2, 2), agent('c', 0, 0)])).toBeNull();
  });

  it('breaks ties by the oldest last assignment, never-assigned first', () => {
    const tied = [agent('a', 1, 3, '2026-01-01T10:00:00Z'), agent('b', 1, 3, '2026-01-01T09:00:00Z'), agent('c', 1, 3, '2026-01-01T11:00:00Z')];
    expect(chooseAgent(tied)?.agentId).toBe('b');
    expect(chooseAgent([...tied, agent('d', 1, 3, null)])?.agentId).toBe('d');
  });

  it('prefers a lower load over an older assignment', () => {
    expect(chooseAgent([agent('old', 2, 3, '2020-01-01T00:00:00Z'), agent('new', 1, 3, '2026-01-01T00:00:00Z')])?.agentId).toBe('new');
  });

  it('leaves out the excluded agent', () => {
    expect(chooseAgent([agent('a', 0), agent('b', 2)], 'a')?.agentId).toBe('b');
    expect(chooseAgent([agent('a', 0)], 'a')).toBeNull();
  });
});

describe('planAssignments', () => {
  it('fills capacity in queue order, spreading round-robin, and stops when everyone is full', () => {
    const plan = planAssignments(
      [agent('a', 0, 2), agent('b', 0, 2)],
      [queued('q1', 1), queued('q2', 2), queued('q3', 3), queued('q4', 4), queued('q5', 5)],
    );
    expect(plan).toEqual([
      { conversationId: 'q1', agentId: 'a' },
      { conversationId: 'q2', agentId: 'b' },
      { conversationId: 'q3', agentId: 'a' },
      { conversationId: 'q4', agentId: 'b' },
    ]);
  });

  it('never gives an agent more than their free capacity', () => {
    const candidates = [agent('a', 2, 3), agent('b', 0, 1), agent('c', 5, 3)];
    const plan = planAssignments(candidates, Array.from({ length: 10 }, (_, i) => queued(`q${i}`, i)));
    const perAgent = new Map<string, number>();
    for (const step of plan) perAgent.set(step.agentId, (perAgent.get(step.agentId) ?? 0) + 1);
    expect(Object.fromEntries(perAgent)).toEqual({ a: 1, b: 1 });
    expect(plan.map((step) => step.conversationId)).toEqual(['q0', 'q1']);
  });

  it('gives a rerouted conversation to someone else, and lets it wait rather than go back', () => {
    expect(planAssignments([agent('a', 0), agent('b', 1)], [queued('q1', 1, 'a')])).toEqual([{ conversationId: 'q1', agentId: 'b' }]);
    expect(planAssignments([agent('a', 0)], [queued('q1', 1, 'a'), queued('q2', 2)])).toEqual([{ conversationId: 'q2', agentId: 'a' }]);
  });

  it('does not change the candidates it was given', () => {
    const candidates = [agent('a', 0)];
    planAssignments(candidates, [queued('q1', 1)]);
    expect(candidates[0]).toEqual(agent('a', 0));
  });

  it('assigns nothing with no candidates or no queue', () => {
    expect(planAssignments([], [queued('q1', 1)])).toEqual([]);
    expect(planAssignments([agent('a', 0)], [])).toEqual([]);
  });
});
