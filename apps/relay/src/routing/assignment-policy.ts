/**
 * Who gets which queued conversation: the least-loaded online agent with free capacity, and
 * among equals the one whose last assignment is oldest (round-robin). Pure: the database
 * transaction in @parley/db's assignQueued calls it with the locked agents and queue.
 */
import type { AssignCandidate, AssignmentPlanner, QueuedConversation } from '@parley/db';

/** The agent that should take the next conversation, or null when nobody has room. */
export function chooseAgent(candidates: readonly AssignCandidate[], exclude: string | null = null): AssignCandidate | null {
  let best: AssignCandidate | null = null;
  for (const agent of candidates) {
    if (agent.load >= agent.capacity || agent.agentId === exclude) continue;
    if (!best || ranksBefore(agent, best)) best = agent;
  }
  return best;
}

function ranksBefore(a: AssignCandidate, b: AssignCandidate): boolean {
  if (a.load !== b.load) return a.load < b.load;
  // Never assigned counts as the oldest assignment of all.
  const at = (agent: AssignCandidate) => agent.lastAssignedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  if (at(a) !== at(b)) return at(a) < at(b);
  return a.agentId < b.agentId;
}

/**
 * Assigns the queue in order. A conversation the no-response rule took from an agent goes to
 * someone else; if nobody else has room it keeps its place and waits (later conversations may
 * still go to that agent: skipping it keeps the rest of the queue moving).
 */
export const planAssignments: AssignmentPlanner = (candidates, queue) => {
  const agents = candidates.map((agent) => ({ ...agent }));
  const plan: Array<{ conversationId: string; agentId: string }> = [];
  let tick = 0;
  for (const conversation of queue as readonly QueuedConversation[]) {
    const agent = chooseAgent(agents, conversation.reroutedFromAgentId);
    if (!agent) {
      if (agents.every((candidate) => candidate.load >= candidate.capacity)) break;
      continue;
    }
    plan.push({ conversationId: conversation.id, agentId: agent.agentId });
    agent.load += 1;
    // Later picks in this run count as more recent than any stored time.
    agent.lastAssignedAt = new Date(8.64e15 - 1e6 + tick++);
  }
  return plan;
};
