/**
 * Steady chat traffic: visitors write at a total rate, agents answer at a total rate, each message
 * from a client picked at random. A client with many unacknowledged messages is skipped, as a
 * person waits when their messages hang, so an outage does not pile up unbounded outboxes.
 */
import type { Prng } from './prng';
import type { SimAgent } from './sim-agent';
import type { SimVisitor } from './sim-visitor';

const TICK_MS = 100;
const MAX_PENDING = 10;

export interface Traffic {
  stop(): void;
}

export function startTraffic(opts: {
  visitors: () => readonly SimVisitor[];
  agents: readonly SimAgent[];
  visitorRate: number;
  agentRate: number;
  rng: Prng;
  body(author: string): string;
}): Traffic {
  let visitorBudget = 0;
  let agentBudget = 0;
  const timer = setInterval(() => {
    visitorBudget += (opts.visitorRate * TICK_MS) / 1000;
    agentBudget += (opts.agentRate * TICK_MS) / 1000;
    const visitors = opts.visitors();
    // Whatever cannot be spent now (nobody to write yet) is dropped, not saved up into a burst.
    for (; visitorBudget >= 1 && visitors.length > 0; visitorBudget--) {
      const visitor = opts.rng.pick(visitors);
      if (visitor.client.pending().length < MAX_PENDING) visitor.say(opts.body(visitor.record.label));
    }
    const busy = opts.agents.filter((agent) => agent.watched.size > 0);
    for (; agentBudget >= 1 && busy.length > 0; agentBudget--) {
      const agent = opts.rng.pick(busy);
      if (agent.client.pending().length < MAX_PENDING) agent.say(opts.rng.pick([...agent.watched.keys()]), opts.body(agent.record.label));
    }
    visitorBudget %= 1;
    agentBudget %= 1;
  }, TICK_MS);
  return { stop: () => clearInterval(timer) };
}
