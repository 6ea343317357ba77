/**
 * Runs faults one after another until stopped: the kinds in a shuffled bag (refilled when empty,
 * so every kind comes up once per round), a jittered gap before each. Sequential on purpose: a
 * finding can then be pinned on the one fault that preceded it.
 */
import { FAULT_KINDS, INJECTORS, type FaultContext, type FaultKind } from './faults';
import { sleep } from './waiting';

export interface FaultEvent {
  kind: FaultKind;
  detail: string;
  ok: boolean;
  /** Epoch ms. */
  startedAt: number;
  endedAt: number;
}

export interface FaultSchedule {
  readonly events: readonly FaultEvent[];
  /** Lets the running fault finish (the cluster whole again), then resolves. */
  stop(): Promise<void>;
}

export function startFaultSchedule(
  ctx: FaultContext,
  opts: { gapMs: number; log: (line: string) => void; origin: number },
): FaultSchedule {
  const events: FaultEvent[] = [];
  const stopping = new AbortController();
  let bag: FaultKind[] = [];

  const loop = (async () => {
    while (!stopping.signal.aborted) {
      await sleep(ctx.rng.int(Math.round(opts.gapMs * 0.5), Math.round(opts.gapMs * 1.5)), stopping.signal);
      if (stopping.signal.aborted) break;
      // A node whose revival failed (a start-up slower than the relay's readiness bound) is
      // started again first: each fault should hit a whole cluster.
      for (const node of ctx.cluster.nodes) {
        if (!node.process) await ctx.cluster.revive(node.index).catch((error: Error) => opts.log(`revive of node ${node.index} failed: ${error.message}`));
      }
      if (bag.length === 0) bag = ctx.rng.shuffle(FAULT_KINDS);
      const kind = bag.shift()!;
      const startedAt = Date.now();
      let detail: string;
      let ok = true;
      try {
        detail = await INJECTORS[kind](ctx);
      } catch (error) {
        ok = false;
        detail = `could not inject: ${(error as Error).message}`;
      }
      const event = { kind, detail, ok, startedAt, endedAt: Date.now() };
      events.push(event);
      opts.log(`[+${((startedAt - opts.origin) / 1000).toFixed(1)}s] fault ${kind}: ${detail}`);
    }
  })();

  return {
    events,
    async stop() {
      stopping.abort();
      await loop;
    },
  };
}
