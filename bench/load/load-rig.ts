/**
 * A load test's generator side, set up once and driven step by step: visitor sockets spread over
 * several generator processes (they send), agent sockets in another (they receive). One step
 * offers a rate for a while, waits for the stragglers, and sums up rates, latencies, errors and
 * who used how much CPU.
 */
import { startCpuSample, type CpuGroups, type CpuUse } from './cpu-sampler';
import { Cleanup } from './cleanup';
import { sleep } from './clock';
import type { Dialect, VisitorStepReport } from './generator/commands';
import { GeneratorProcess } from './generator/generator-process';
import { Histogram } from './histogram';

export interface LoadRigOptions {
  dialect: Dialect;
  /** Full socket URLs (with path and site key); visitors are spread over them. */
  visitorUrls: string[];
  visitorOrigin: string;
  agentUrl: string;
  agentOrigin: string;
  agentCookie?: string;
  visitors: number;
  agents: number;
  visitorWorkers: number;
  drainMs: number;
  /** Server-side processes to watch; the generators are added as `generators`. */
  cpuGroups: CpuGroups;
}

export interface StepResult {
  /** Offered messages per second. */
  offered: number;
  seconds: number;
  sentRate: number;
  /** Acks (= commits) per second within the sending window; null for the bare server. */
  ackedRate: number | null;
  ackP50Ms: number | null;
  ackP99Ms: number | null;
  /** Deliveries to agents per second within the sending window. */
  deliveredRate: number;
  deliveryP50Ms: number;
  deliveryP99Ms: number;
  deliveryMaxMs: number;
  /** Sent (bare) or acked (Parley) but not delivered to an agent by the end of the drain. */
  undelivered: number;
  /** Sent but neither acked nor refused by the end of the drain (Parley). */
  unacked: number;
  errors: number;
  errorCodes: Record<string, number>;
  cpu: CpuUse;
}

const PAUSE_BETWEEN_STEPS_MS = 300;
const ms = (micros: number) => micros / 1000;

export class LoadRig {
  private stepNumber = 0;

  private constructor(
    private readonly options: LoadRigOptions,
    private readonly visitorWorkers: GeneratorProcess[],
    private readonly agentWorker: GeneratorProcess,
  ) {}

  static async start(options: LoadRigOptions, cleanup: Cleanup): Promise<LoadRig> {
    const started = await Promise.all([
      GeneratorProcess.start('agents'),
      ...Array.from({ length: options.visitorWorkers }, (_, i) => GeneratorProcess.start(`visitors-${i + 1}`)),
    ]);
    for (const generator of started) cleanup.add(`generator ${generator.name} (pid ${generator.pid})`, () => generator.stop());
    const [agentWorker, ...visitorWorkers] = started as [GeneratorProcess, ...GeneratorProcess[]];
    const perWorker = (i: number) => Math.floor(options.visitors / options.visitorWorkers) + (i < options.visitors % options.visitorWorkers ? 1 : 0);
    const agentArgs = {
      url: options.agentUrl,
      origin: options.agentOrigin,
      ...(options.agentCookie ? { cookie: options.agentCookie } : {}),
      count: options.agents,
      dialect: options.dialect,
    };
    const openVisitors = () =>
      Promise.all(
        visitorWorkers.map((worker, i) =>
          worker.call('visitors.open', { urls: options.visitorUrls, origin: options.visitorOrigin, count: perWorker(i), dialect: options.dialect, worker: i + 1 }),
        ),
      );
    if (options.dialect === 'bare') {
      // The bare server ties each visitor to an agent when it connects: agents first.
      await agentWorker.call('agents.open', agentArgs);
      await openVisitors();
    } else {
      await openVisitors();
      const ids = (await Promise.all(visitorWorkers.map((worker) => worker.call('visitors.start-conversations', {})))).flat();
      await agentWorker.call('agents.open', agentArgs);
      const perAgent = Array.from({ length: options.agents }, (_, agent) => ids.filter((_id, i) => i % options.agents === agent));
      await agentWorker.call('agents.watch', { conversationIds: perAgent });
    }
    return new LoadRig(options, visitorWorkers, agentWorker);
  }

  async step(rate: number, durationMs: number): Promise<StepResult> {
    const step = ++this.stepNumber;
    const generatorPids = [this.agentWorker.pid, ...this.visitorWorkers.map((worker) => worker.pid)];
    const stopCpu = startCpuSample({ ...this.options.cpuGroups, generators: () => generatorPids });
    // CPU is read over the sending window only, not the drain.
    const cpu = new Promise<CpuUse>((resolve) => setTimeout(() => resolve(stopCpu()), durationMs));
    const workers = this.visitorWorkers.length;
    const reports: VisitorStepReport[] = await Promise.all(
      this.visitorWorkers.map((worker) => worker.call('visitors.step', { step, rate: rate / workers, durationMs, drainMs: this.options.drainMs })),
    );
    const sum = (pick: (report: VisitorStepReport) => number) => reports.reduce((total, report) => total + pick(report), 0);
    const sent = sum((r) => r.sent);
    const acked = sum((r) => r.acked);
    const errors = sum((r) => r.errors);
    const parley = this.options.dialect === 'parley';
    const windowEndMicros = Math.max(...reports.map((r) => r.windowEndMicros));
    const deliveries = await this.agentWorker.call('agents.collect', {
      step,
      windowEndMicros,
      expected: parley ? acked : sent,
      waitMs: this.options.drainMs,
    });
    const ackLatency = new Histogram();
    for (const report of reports) ackLatency.merge(report.ackLatency);
    const delivery = new Histogram();
    delivery.merge(deliveries.latency);
    const errorCodes: Record<string, number> = {};
    for (const report of reports) for (const [code, count] of Object.entries(report.errorCodes)) errorCodes[code] = (errorCodes[code] ?? 0) + count;
    if (deliveries.errors > 0) errorCodes['agent-side'] = deliveries.errors;
    // A socket the server closed is an error of the step (and stays closed for the rest of the run).
    let closed = 0;
    const noteCloses = (who: string, closes: Record<string, number>) => {
      for (const [code, count] of Object.entries(closes)) {
        errorCodes[`${who} closed ${code}`] = (errorCodes[`${who} closed ${code}`] ?? 0) + count;
        closed += count;
      }
    };
    for (const report of reports) noteCloses('visitor', report.closes);
    noteCloses('agent', deliveries.closes);
    const seconds = durationMs / 1000;
    const result: StepResult = {
      offered: rate,
      seconds,
      sentRate: sent / seconds,
      ackedRate: parley ? sum((r) => r.ackedInWindow) / seconds : null,
      ackP50Ms: parley ? ms(ackLatency.percentile(0.5)) : null,
      ackP99Ms: parley ? ms(ackLatency.percentile(0.99)) : null,
      deliveredRate: deliveries.deliveredInWindow / seconds,
      deliveryP50Ms: ms(delivery.percentile(0.5)),
      deliveryP99Ms: ms(delivery.percentile(0.99)),
      deliveryMaxMs: ms(delivery.maxMicros),
      undelivered: Math.max(0, (parley ? acked : sent) - deliveries.delivered),
      unacked: parley ? Math.max(0, sent - acked - errors) : 0,
      errors: errors + deliveries.errors + closed,
      errorCodes,
      cpu: await cpu,
    };
    await sleep(PAUSE_BETWEEN_STEPS_MS);
    return result;
  }
}
