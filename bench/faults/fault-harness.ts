/**
 * The fault harness: real Postgres, real Redis and several relay processes; simulated visitors and
 * agents (the real realtime client) chatting at a steady rate while faults are injected on a
 * seeded schedule; then everyone settles and every client's view is compared with Postgres.
 */
import { LIMITS } from '@parley/protocol';
import { signIn } from './agent-login';
import { clientAddress, startCluster, type Cluster } from './cluster';
import { lateSends, tallyErrors, type ErrorSeen } from './diagnostics';
import { startFaultSchedule } from './fault-schedule';
import { FAULT_KINDS, type FaultContext, type FaultKind } from './faults';
import { createPrng, randomSeed } from './prng';
import type { ResendCheck } from './raw-resend';
import { pinOnFaults, tallyByFault, type Report } from './report';
import { tallyRelayLogs } from './relay-logs';
import { seedHarnessWorkspace } from './seed';
import { finalResume, settle } from './settle';
import { startAgent, type SimAgent } from './sim-agent';
import { startVisitor, type ClientTuning, type SimVisitor } from './sim-visitor';
import { readStorage, type Storage } from './storage';
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
  /**
   * Seconds of traffic and faults (default 600). If some fault kind has not been injected by then,
   * traffic and faults go on until each has, for at most as long again.
   */
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
  const errorLog: ErrorSeen[] = [];
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

  const trafficStarted = Date.now();
  const trafficEnds = trafficStarted + settings.durationSeconds * 1000;
  let trafficStopped = trafficEnds;
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
    const everyKind = () => FAULT_KINDS.every((kind) => schedule.events.some((event) => event.ok && event.kind === kind));
    if (!signal?.aborted && !everyKind()) {
      log(`${elapsed()} not every fault kind injected yet: going on until each has been`);
      await waitFor(() => everyKind() || signal?.aborted === true, settings.durationSeconds * 1000, 500);
    }
  } finally {
    traffic.stop();
    trafficStopped = Date.now();
    log(`${elapsed()} traffic stopped; waiting for the running fault to finish`);
    await schedule.stop();
    clearInterval(progress);
  }

  const everyone = [...visitors, ...agents];
  const { settled, unsettled } = await settle(everyone, cluster, settings.settleSeconds * 1000);
  log(`${elapsed()} settled: ${settled ? 'yes' : `no (${unsettled.length} clients)`}`);

  // What views still lack after a quiet moment is what only the final resume can bring.
  await sleep(QUIET_MS);
  const before = await readStorage(cluster.postgres.url, workspace.workspaceId);
  const viewsOf = (storage: Storage): ViewUnderTest[] => [
    ...visitors.map((visitor) => ({ record: visitor.record, expected: visitorExpectation(visitor.record, storage) })),
    ...agents.map((agent) => ({ record: agent.record, expected: agent.watched })),
  ];
  const missingBefore = missingFromViews(before, viewsOf(before));
  await finalResume(everyone, viewsOf(before), before, FINAL_RESUME_MS);

  // Views and acks stop changing before the last read of storage. In a run that did not settle,
  // clients still resend their outboxes: an ack arriving after the read would look like a message
  // acked but not stored, and its seq in a view like a corrupted one.
  for (const sim of everyone) sim.client.close();
  const storage = await readStorage(cluster.postgres.url, workspace.workspaceId);
  const verdict = verify({
    storage,
    views: viewsOf(storage),
    resends,
    senders: visitors.map((visitor) => visitor.record),
    receivers: agents.map((agent) => agent.record),
  });
  const timeline = [...schedule.events];
  const late = lateSends(visitors.map((v) => v.record), agents.map((a) => a.record), LATE_MS);
  const errors = tallyErrors(errorLog, timeline);
  const faults = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>;
  for (const event of timeline) if (event.ok) faults[event.kind]++;

  return {
    ...verdict,
    seed: settings.seed,
    nodes: settings.nodes,
    visitors: settings.visitors,
    agents: settings.agents,
    trafficSeconds: Math.round((trafficStopped - trafficStarted) / 1000),
    visitorRate: settings.visitorRate,
    agentRate: settings.agentRate,
    postgresPause: 'SIGSTOP of the postmaster and its children (pgrep -P), then SIGCONT',
    faults,
    faultsFailed: timeline.filter((event) => !event.ok).length,
    timeline,
    settled,
    unsettled,
    missingBeforeFinalResume: missingBefore.length,
    missingBeforeFinalResumeByFault: tallyByFault(missingBefore.map((f) => f.at ?? 0), timeline),
    missingBeforeFinalResumeSamples: pinOnFaults(missingBefore.slice(0, 10), timeline, origin),
    lateDeliveries: { thresholdMs: LATE_MS, count: late.length, byFault: tallyByFault(late, timeline) },
    unwatchedOverflow: agents.reduce((sum, agent) => sum + agent.overflow.size, 0),
    errorFrames: errors.bySubject,
    errorFramesByFault: errors.byFault,
    unexpectedExits: [...cluster.unexpectedExits],
    relayLogs: tallyRelayLogs(cluster.output()),
    teardownFailures: [],
    findings: pinOnFaults(verdict.findings, timeline, origin),
    totalSeconds: Math.round((Date.now() - origin) / 1000),
  };
}
