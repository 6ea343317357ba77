/** Section 1a: the bare ws server's sustained forwarding rate and its latency. */
import { withCleanup } from '../cleanup';
import { measurePoints, sustainedRate, type LoadSectionResult } from '../latency-points';
import { LoadRig } from '../load-rig';
import { rampToMax, sustainedCriterion } from '../ramp';
import type { RunContext } from '../run-context';
import { TARGETS } from '../settings';
import { SITE_ORIGIN } from '../parley/seed';
import { startBareWsServer } from './bare-ws-process';

export async function runWsCeiling(ctx: RunContext): Promise<LoadSectionResult> {
  const { settings, log } = ctx;
  return withCleanup(async (cleanup) => {
    const server = await startBareWsServer();
    cleanup.add(`bare ws server (pid ${server.pid})`, () => server.stop());
    log(`  bare ws server on ${server.url}, ${settings.visitors} visitors, ${settings.agents} agents`);
    const rig = await LoadRig.start(
      {
        dialect: 'bare',
        visitorUrls: [`${server.url}/visitor`],
        visitorOrigin: SITE_ORIGIN,
        agentUrl: `${server.url}/agent`,
        agentOrigin: SITE_ORIGIN,
        visitors: settings.visitors,
        agents: settings.agents,
        visitorWorkers: settings.visitorWorkers,
        drainMs: settings.drainMs,
        cpuGroups: { server: () => [server.pid] },
      },
      cleanup,
    );
    await rig.step(1000, settings.warmupMs);
    const ramp = await rampToMax((rate, ms) => rig.step(rate, ms), {
      startRate: 2000,
      factor: settings.rampFactor,
      maxRate: 200_000,
      stepMs: settings.stepMs,
      passes: sustainedCriterion(TARGETS.sustainedP99Ms, TARGETS.sustainedShare),
      log,
    });
    const max = sustainedRate(ramp.best);
    log(`  max sustained: ${max.toFixed(0)} msgs/s`);
    const points = await measurePoints(rig, max, settings, log);
    return { max, steps: ramp.steps, best: ramp.best, points };
  }, ctx.cleanup);
}
