/**
 * The fault harness: real Postgres, real Redis and several relay processes; simulated visitors and
 * agents (the real realtime client) chatting at a steady rate while faults are injected on a
 * seeded schedule; then everyone settles and every client's view is compared with Postgres.
 */
import { LIMITS } from '@parley/protocol';
import { signIn } from './agent-login';
import { clientAddress, startCluster, type Cluster } from './cluster';
import { startFaultSchedule } from './fault-schedule';
import { FAULT_KINDS, type FaultContext, type FaultKind } from './faults';
import { createPrng, randomSeed } from './prng';
import type { ResendCheck } from './raw-resend';
import { pinOnFaults, tallyByFault, type Report } from './report';
import { startAgent, type SimAgent } from './sim-agent';
import { startVisitor, type ClientTuning, type SimVisitor } from './sim-visitor';
import { seedHarnessWorkspace } from './seed';
import { tallyRelayLogs } from './relay-logs';
import { readStorage } from './storage';
import { createTeardown } from './teardown';
import { startTraffic } from './traffic';
import { missingFromViews, verify, visitorExpectation, type ViewUnderTest } from './verify';
import { sleep, waitFor, withTimeout } from './waiting';

export interface FaultHarnessOptions {
  /** Relay processes (default 3). */
  nodes?: number;
  /** Simulated visitors; each starts one conversation (default 2000). */
  visitors?: number;
  /** Simulated agents, each with its own account (default 30). */
  agents?: number;
  /** Seconds of traffic and faults (default 600). */
  durationSeconds?: number;
  /** Messages per second from all visitors together (default 40). */
  visitorRate?: number;
  /** Messages per second from all agents together (default 15). */
  agentRate?: number;
  /** Mean seconds between the end of one fault and the start of the next (default 8). */
  faultGapSeconds?: number;
  /** Visitors connected per second while ramping up (default 100). */
  rampPerSecond?: number;
  /** Bound on reaching "everyone connected, every outbox empty" after the faults stop (default 120). */
  settleSeconds?: number;
  /** Makes the fault schedule, victims and traffic repeatable (default: random, printed). */
  seed?: number;
  /** Stops the run early (the comparison still happens, on what was done). */
  signal?: AbortSignal;
  log?: (line: string) => void;
}

const BACKOFF = { baseMs: 250, maxMs: 5_000 };
const AGENTS_READY_MS = 60_000;
const FINAL_RESUME_MS = 30_000;
/** After settling, live deliveries still on their way get this long before a view counts as lacking. */
const QUIET_MS = 3_000;
const LATE_MS = 10_000;
const RESUME_BATCH = 200;
/** Headroom on top of traffic and settling for start-up, the last fault and teardown. */
const OVERHEAD_MS = 300_000;

export async function runFaultHarness(options: FaultHarnessOptions = {}): Promise<Report> {
  const settings = {
    nodes: options.nodes ?? 3,
    visitors: options.visitors ?? 2000,
    agents: options.agents ?? 30,
    durationSeconds: options.durationSeconds ?? 600,
    visitorRate: options.visitorRate ?? 40,
    agentRate: options.agentRate ?? 15,
    faultGapSeconds: options.faultGapSeconds ?? 8,
    rampPerSecond: options.rampPerSecond ?? 100,
    settleSeconds: options.settleSeconds ?? 120,
    seed: options.seed ?? randomSeed(),
  };
  const log = options.log ?? (() => {});
  log(`fault harness seed ${settings.seed} (repeat with --seed ${settings.seed})`);
  const teardown = createTeardown();
  let report: Report | undefined;
  try {
    const bound = (settings.durationSeconds + settings.settleSeconds) * 1000 + OVERHEAD_MS;
    report = await withTimeout(run(settings, teardown, log, options.signal), bound, 'fault harness run');
    return report;
  } finally {
    const failures = await teardown.run();
    if (report) report.teardownFailures = failures;
    for (const failure of failures) log(`teardown: ${failure}`);
  }
}

type Settings = Required<Omit<FaultHarnessOptions, 'signal' | 'log'>>;

async function run(
  settings: Settings,
  teardown: ReturnType<typeof createTeardown>,
  log: (line: string) => void,
  signal: AbortSignal | undefined,
): Promise<Report> {
  const origin = Date.now();
  const elapsed = () => `+${((Date.now() - origin) / 1000).toFixed(1)}s`;
  const rng = createPrng(settings.seed);
  const clientRng = rng.fork();
  const trafficRng = rng.fork();
  const faultRng = rng.fork();

  const visitors: SimVisitor[] = [];
  const agents: SimAgent[] = [];
  const cluster: Cluster = await startCluster({ nodes: settings.nodes, teardown, log });
  teardown.add('clients', () => {
    for (const sim of [...visitors, ...agents]) sim.client.close();
  });

  const workspace = await seedHarnessWorkspace(cluster.postgres.url, settings.agents);
  const cookies = await Promise.all(
    workspace.agents.map((agent, i) => signIn(() => cluster.up().map((node) => node.baseUrl), agent, clientAddress('agent', i))),
  );
  const errorLog: Array<{ code: string; subject: string; label: string; at: number }> = [];
  const tuning: ClientTuning = {
    backoff: BACKOFF,
    onErrorFrame: (error) => void errorLog.push({ ...error, at: Date.now() }),
  };
  let bodies = 0;
  const body = (author: string) => `${author} says #${++bodies}`;

  for (let i = 0; i < settings.agents; i++) {
    agents.push(
      startAgent({ index: i, agentCount: settings.agents, cluster, cookie: cookies[i]!, maxWatched: LIMITS.maxResumeEntries, rng: clientRng.fork(), tuning }),
    );
  }
  if (!(await waitFor(() => agents.every((agent) => agent.client.state === 'open'), AGENTS_READY_MS))) {
    throw new Error(`agents not connected after ${AGENTS_READY_MS / 1000} s: ${agents.filter((a) => a.client.state !== 'open').length} missing`);
  }
  log(`${elapsed()} ${agents.length} agents connected; ramping up ${settings.visitors} visitors`);

  const trafficEnds = Date.now() + settings.durationSeconds * 1000;
  const traffic = startTraffic({
    visitors: () => visitors,
    agents,
    visitorRate: settings.visitorRate,
    agentRate: settings.agentRate,
    rng: trafficRng,
    body,
  });
  const site = { siteKey: workspace.siteKey, origin: workspace.origin };
  const perTick = Math.max(1, Math.round(settings.rampPerSecond / 10));
  for (let i = 0; i < settings.visitors && !signal?.aborted; i++) {
    const visitor = startVisitor({ index: i, cluster, site, rng: clientRng.fork(), tuning });
    visitors.push(visitor);
    // Every visitor opens its conversation at once; the traffic carries on from there.
    visitor.say(body(visitor.record.label));
    if ((i + 1) % perTick === 0) await sleep(100);
  }
  log(`${elapsed()} ${visitors.length} visitors started`);

  const resends: ResendCheck[] = [];
  const ctx: FaultContext = { cluster, visitors, agents, siteKey: site.siteKey, rng: faultRng, body, resends };
  const schedule = startFaultSchedule(ctx, { gapMs: settings.faultGapSeconds * 1000, log, origin });
  const sims = () => [...visitors, ...agents];
  const progress = setInterval(() => {
    const all = sims();
    const count = (pick: (sim: SimVisitor | SimAgent) => number) => all.reduce((sum, sim) => sum + pick(sim), 0);
    log(
      `${elapsed()} open ${all.filter((sim) => sim.client.state === 'open').length}/${all.length}, ` +
        `sent ${count((sim) => sim.record.sent.size)}, acked ${count((sim) => sim.record.acks.size)}, ` +
        `delivered ${count((sim) => sim.record.deliveredCount())}, pending ${count((sim) => sim.client.pending().length)}, ` +
        `faults ${schedule.events.length}, up nodes ${cluster.up().length}`,
    );
  }, 10_000);

  try {
    await sleep(Math.max(0, trafficEnds - Date.now()), signal);
  } finally {
    traffic.stop();
    log(`${elapsed()} traffic stopped; waiting for the running fault to finish`);
    await schedule.stop();
    clearInterval(progress);
  }

  // Settle: every node up, everyone connected, every outbox empty.
  for (const node of cluster.nodes) if (!node.process) await cluster.revive(node.index);
  const isSettled = (sim: SimVisitor | SimAgent) => sim.client.state === 'open' && sim.client.pending().length === 0;
  const settled = await waitFor(() => sims().every(isSettled), settings.settleSeconds * 1000, 200);
  const unsettled = sims()
    .filter((sim) => !isSettled(sim))
    .map((sim) => {
      const failed = sim.client.pending().filter((p) => p.status === 'failed');
      return `${sim.record.label} (${sim.client.state}, ${sim.client.pending().length} pending${failed.length ? `, failed: ${failed.map((p) => p.error?.code).join(' ')}` : ''})`;
    });
  log(`${elapsed()} settled: ${settled ? 'yes' : `no (${unsettled.length} clients)`}`);

  // What views still lack after a quiet moment, then one final resume for every conversation each view should hold.
  await sleep(QUIET_MS);
  const before = await readStorage(cluster.postgres.url, workspace.workspaceId);
  const views: ViewUnderTest[] = [
    ...visitors.map((visitor) => ({ record: visitor.record, expected: visitorExpectation(visitor.record, before) })),
    ...agents.map((agent) => ({ record: agent.record, expected: agent.watched })),
  ];
  const missingBefore = missingFromViews(before, views);
  const everyone = [...visitors, ...agents];
  // Paced, so the final resume does not itself overload the pools; then again for what is still
  // lacking (a resume answered with a retryable error brings nothing).
  const resume = async (lacking: boolean) => {
    let sent = 0;
    for (const [i, sim] of everyone.entries()) {
      for (const conversationId of views[i]!.expected.keys()) {
        const afterSeq = sim.client.lastSeq(conversationId);
        if (lacking && afterSeq >= (before.conversations.get(conversationId)?.lastSeq ?? 0)) continue;
        sim.client.send({ type: 'resume', conversationId, afterSeq });
        if (++sent % RESUME_BATCH === 0) await sleep(100);
      }
    }
  };
  await resume(false);
  const resumeDeadline = Date.now() + FINAL_RESUME_MS;
  while (missingFromViews(before, views).length > 0 && Date.now() < resumeDeadline) {
    await sleep(2_000);
    await resume(true);
  }

  const storage = await readStorage(cluster.postgres.url, workspace.workspaceId);
  const finalViews: ViewUnderTest[] = [
    ...visitors.map((visitor) => ({ record: visitor.record, expected: visitorExpectation(visitor.record, storage) })),
    ...agents.map((agent) => ({ record: agent.record, expected: agent.watched })),
  ];
  const verdict = verify({
    storage,
    views: finalViews,
    resends,
    senders: visitors.map((visitor) => visitor.record),
    receivers: agents.map((agent) => agent.record),
  });
  const timeline = [...schedule.events];
  const sentAt = new Map<string, number>();
  for (const visitor of visitors) for (const [clientId, sent] of visitor.record.sent) sentAt.set(clientId, sent.at);
  const lateSends: number[] = [];
  for (const agent of agents) {
    for (const deliveries of agent.record.views.values()) {
      for (const delivery of deliveries) {
        const at = delivery.clientId === null ? undefined : sentAt.get(delivery.clientId);
        if (at !== undefined && delivery.at - at > LATE_MS) lateSends.push(at);
      }
    }
  }
  const errorFrames: Record<string, number> = {};
  for (const { code, subject } of errorLog) errorFrames[`${code} on ${subject}`] = (errorFrames[`${code} on ${subject}`] ?? 0) + 1;
  const faults = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>;
  for (const event of schedule.events) if (event.ok) faults[event.kind]++;

  return {
    ...verdict,
    seed: settings.seed,
    nodes: settings.nodes,
    visitors: settings.visitors,
    agents: settings.agents,
    trafficSeconds: settings.durationSeconds,
    visitorRate: settings.visitorRate,
    agentRate: settings.agentRate,
    postgresPause: 'SIGSTOP of the postmaster and its children (pgrep -P), then SIGCONT',
    faults,
    faultsFailed: schedule.events.filter((event) => !event.ok).length,
    timeline,
    settled,
    unsettled,
    missingBeforeFinalResume: missingBefore.length,
    missingBeforeFinalResumeByFault: tallyByFault(missingBefore.map((f) => f.at ?? 0), timeline),
    missingBeforeFinalResumeSamples: pinOnFaults(missingBefore.slice(0, 10), timeline, origin),
    lateDeliveries: { thresholdMs: LATE_MS, count: lateSends.length, byFault: tallyByFault(lateSends, timeline) },
    unwatchedOverflow: agents.reduce((sum, agent) => sum + agent.overflow.size, 0),
    errorFrames,
    errorFramesByFault: Object.assign(
      {},
      ...[...new Set(errorLog.map((e) => e.code))].map((code) =>
        tallyByFault(errorLog.filter((e) => e.code === code).map((e) => e.at), timeline, `${code} `),
      ),
    ),
    unexpectedExits: [...cluster.unexpectedExits],
    relayLogs: tallyRelayLogs(cluster.output()),
    teardownFailures: [],
    findings: pinOnFaults(verdict.findings, timeline, origin),
    totalSeconds: Math.round((Date.now() - origin) / 1000),
  };
}
