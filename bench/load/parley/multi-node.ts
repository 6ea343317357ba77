/**
 * Section 3: two and three relay processes behind Redis on one Postgres. Visitors connect to every
 * node but the last, agents to the last, so every delivery crosses nodes through Redis.
 */
import { withCleanup } from '../cleanup';
import { measurePoints, sustainedRate, type LatencyPoint, type LoadSectionResult } from '../latency-points';
import { LoadRig } from '../load-rig';
import { rampToMax, roundRate, sustainedCriterion } from '../ramp';
import { postgresPids, redisPids, type RunContext } from '../run-context';
import { TARGETS } from '../settings';
import { startCluster } from './cluster';

export interface MultiNodeResult extends LoadSectionResult {
  nodes: number;
  /** Latency at 50% of this cluster's max; compared with one node at the same rate. */
  half: LatencyPoint | null;
}

export async function runMultiNode(ctx: RunContext, nodes: number): Promise<MultiNodeResult> {
  const { settings, log } = ctx;
  const postgres = await ctx.postgres();
  const redis = await ctx.redis();
  return withCleanup(async (cleanup) => {
    const cluster = await startCluster({ postgres, database: `bench_nodes_${nodes}`, nodes, redisUrl: redis.url, secret: ctx.secret }, cleanup);
    const agentNode = cluster.nodes.at(-1)!;
    const visitorNodes = cluster.nodes.slice(0, -1);
    log(`  ${nodes} relays (pids ${cluster.nodes.map((n) => n.child.pid).join(', ')}), visitors on ${visitorNodes.length}, agents on the last`);
    const cpuGroups: Record<string, () => number[]> = {};
    cluster.nodes.forEach((node, i) => (cpuGroups[`relay${i + 1}`] = () => [node.child.pid!]));
    cpuGroups.postgres = postgresPids(postgres);
    cpuGroups.redis = redisPids(redis);
    const rig = await LoadRig.start(
      {
        dialect: 'parley',
        visitorUrls: visitorNodes.map((node) => cluster.visitorUrl(node)),
        visitorOrigin: cluster.tenant.origin,
        agentUrl: cluster.agentUrl(agentNode),
        agentOrigin: agentNode.baseUrl,
        agentCookie: cluster.agentCookie,
        visitors: settings.visitors,
        agents: settings.agents,
        visitorWorkers: settings.visitorWorkers,
        drainMs: settings.drainMs,
        cpuGroups,
      },
      cleanup,
    );
    await rig.step(500, settings.warmupMs);
    const ramp = await rampToMax((rate, ms) => rig.step(rate, ms), {
      startRate: 1000,
      factor: settings.rampFactor,
      maxRate: 100_000,
      stepMs: settings.stepMs,
      passes: sustainedCriterion(TARGETS.sustainedP99Ms, TARGETS.sustainedShare),
      log,
    });
    const max = sustainedRate(ramp.best);
    log(`  max sustained acked: ${max.toFixed(0)} msgs/s`);
    const points = max > 0 ? await measurePoints(rig, 0, settings, log, [{ label: '50% of max', rate: roundRate(0.5 * max) }]) : [];
    return { nodes, max, steps: ramp.steps, best: ramp.best, points, half: points[0] ?? null };
  }, ctx.cleanup);
}
