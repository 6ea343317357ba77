/**
 * Section 2: one relay process over real Postgres with the in-process bus. Visitors each send to
 * their own conversation, agents watch them all. The ramp finds the highest sustained acked rate;
 * latency is then taken at 50% and 90% of it, at the fixed rate, and at any rates section 3 needs
 * as its one-node baseline.
 */
import { withCleanup } from '../cleanup';
import { measurePoints, sustainedRate, type LoadSectionResult } from '../latency-points';
import { LoadRig } from '../load-rig';
import { rampToMax, sustainedCriterion } from '../ramp';
import { postgresPids, type RunContext } from '../run-context';
import { TARGETS } from '../settings';
import { relayPids, startCluster } from './cluster';

export interface OneNodeOptions {
  /** Without the ramp only the extra rates are measured (the baseline for section 3 alone). */
  ramp: boolean;
  extraRates: Array<{ label: string; rate: number }>;
}

export async function runOneNode(ctx: RunContext, options: OneNodeOptions): Promise<LoadSectionResult> {
  const { settings, log } = ctx;
  const postgres = await ctx.postgres();
  return withCleanup(async (cleanup) => {
    const cluster = await startCluster({ postgres, database: 'bench_one_node', nodes: 1, secret: ctx.secret }, cleanup);
    const node = cluster.nodes[0]!;
    log(`  relay pid ${node.child.pid} on ${node.baseUrl}, ${settings.visitors} visitors, ${settings.agents} agents`);
    const rig = await LoadRig.start(
      {
        dialect: 'parley',
        visitorUrls: [cluster.visitorUrl(node)],
        visitorOrigin: cluster.tenant.origin,
        agentUrl: cluster.agentUrl(node),
        agentOrigin: node.baseUrl,
        agentCookie: cluster.agentCookie,
        visitors: settings.visitors,
        agents: settings.agents,
        visitorWorkers: settings.visitorWorkers,
        drainMs: settings.drainMs,
        cpuGroups: { relay: () => relayPids(cluster), postgres: postgresPids(postgres) },
      },
      cleanup,
    );
    await rig.step(500, settings.warmupMs);
    let ramp: { steps: LoadSectionResult['steps']; best: LoadSectionResult['best'] } = { steps: [], best: null };
    if (options.ramp) {
      ramp = await rampToMax((rate, ms) => rig.step(rate, ms), {
        startRate: 1000,
        factor: settings.rampFactor,
        maxRate: 100_000,
        stepMs: settings.stepMs,
        passes: sustainedCriterion(TARGETS.sustainedP99Ms, TARGETS.sustainedShare),
        log,
      });
    }
    const max = sustainedRate(ramp.best);
    if (options.ramp) log(`  max sustained acked: ${max.toFixed(0)} msgs/s`);
    const points = await measurePoints(rig, max, settings, log, options.extraRates);
    return { max, steps: ramp.steps, best: ramp.best, points };
  }, ctx.cleanup);
}
