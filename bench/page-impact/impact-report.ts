/**
 * Turns the runs into the figures the issue asks for: medians and p90 with and without the
 * snippet, the difference, and a verdict per target. Pure, so the table on stdout and the section
 * in docs/benchmarks.md say the same thing.
 */
import type { PhaseSample, RunSample } from './measure-run';
import { spread, type Spread } from './page-stats';
import type { TraceAttribution } from './trace-attribution';

/** Targets from issue 5: main-thread time added before the first click, in ms. */
export const MAIN_THREAD_TARGET_MS = 5;

export interface ImpactRow {
  metric: string;
  without: Spread;
  with: Spread;
  unit: string;
}

export interface ImpactReport {
  runsPerVariant: number;
  rows: ImpactRow[];
  hoverRows: ImpactRow[];
  verdicts: string[];
  launcherMissing: number;
}

export function impactReport(samples: RunSample[]): ImpactReport {
  const without = samples.filter((sample) => sample.variant === 'without');
  const withSnippet = samples.filter((sample) => sample.variant === 'with');
  const floor = samples.filter((sample) => sample.variant === 'floor');
  const row = (metric: string, unit: string, pick: (sample: RunSample) => number): ImpactRow => ({
    metric,
    unit,
    without: spread(without.map(pick)),
    with: spread(withSnippet.map(pick)),
  });
  const phase = (name: string, pickPhase: (sample: RunSample) => PhaseSample) => [
    row(`${name}: main-thread time`, 'ms', (sample) => pickPhase(sample).taskMs),
    row(`${name}: of which script`, 'ms', (sample) => pickPhase(sample).scriptMs),
    row(`${name}: main-thread CPU clock`, 'ms', (sample) => pickPhase(sample).cpuMs),
    row(`${name}: long tasks`, 'count', (sample) => pickPhase(sample).longTasks),
    row(`${name}: bytes from the relay`, 'B', (sample) => pickPhase(sample).widgetBytes),
    row(`${name}: trace, tasks running Parley's script`, 'ms', (sample) => pickPhase(sample).trace.scriptMs),
    row(`${name}: trace, the same on the CPU clock`, 'ms', (sample) => pickPhase(sample).trace.scriptCpuMs),
    row(`${name}: trace, longest task running Parley's script`, 'ms', (sample) => pickPhase(sample).trace.longestScriptTaskMs),
    row(`${name}: trace, tasks only handling requests to the relay`, 'ms', (sample) => pickPhase(sample).trace.networkMs),
  ];
  const rows = [...phase('before click', (sample) => sample.beforeClick), row('LCP', 'ms', (sample) => sample.lcpMs)];
  const hoverRows = phase('after hover', (sample) => sample.afterHover);

  const [mainThread, script, cpuClock] = rows as [ImpactRow, ImpactRow, ImpactRow];
  const lcp = rows.at(-1)!;
  const traced = (runs: RunSample[], pick: (trace: TraceAttribution) => number) => fixed(spread(runs.map((sample) => pick(sample.beforeClick.trace))).median);
  const addedMs = mainThread.with.median - mainThread.without.median;
  const added = (row: ImpactRow) => fixed(row.with.median - row.without.median);
  const longWith = withSnippet.filter((sample) => sample.beforeClick.longTasks > 0).length;
  const longWithout = without.filter((sample) => sample.beforeClick.longTasks > 0).length;
  const lcpNoise = Math.max(lcp.with.iqr, lcp.without.iqr);
  const lcpDelta = lcp.with.median - lcp.without.median;
  const floorLine = (name: string, pick: (phase: PhaseSample) => number) => {
    const median = (runs: RunSample[]) => spread(runs.map((sample) => pick(sample.beforeClick))).median;
    return `${name} ${fixed(median(floor) - median(without))} ms, Parley's own share on top ${fixed(median(withSnippet) - median(floor))} ms`;
  };
  const verdicts = [
    `Parley's own main-thread time before the first click, tasks in the trace that ran its script: median ` +
      `${traced(withSnippet, (trace) => trace.scriptMs)} ms wall clock, ${traced(withSnippet, (trace) => trace.scriptCpuMs)} ms CPU clock ` +
      `(IQR ${fixed(spread(withSnippet.map((sample) => sample.beforeClick.trace.scriptMs)).iqr)} ms; target <= ${MAIN_THREAD_TARGET_MS} ms): ` +
      `${spread(withSnippet.map((sample) => sample.beforeClick.trace.scriptCpuMs)).median <= MAIN_THREAD_TARGET_MS ? 'met' : 'NOT met'}`,
    `main-thread time added before the first click: ${fixed(addedMs)} ms (median with - median without; target <= ${MAIN_THREAD_TARGET_MS} ms): ` +
      judged(addedMs, MAIN_THREAD_TARGET_MS, Math.max(mainThread.with.iqr, mainThread.without.iqr)) +
      `; the steadier parts of it: script ${added(script)} ms, CPU clock ${added(cpuClock)} ms ` +
      `(the total's run-to-run spread, IQR, is ${fixed(Math.max(mainThread.with.iqr, mainThread.without.iqr))} ms)`,
    `long tasks before the first click: runs with one or more, ${longWith}/${withSnippet.length} with the snippet vs ` +
      `${longWithout}/${without.length} without (target: none added): ${longWith <= longWithout ? 'met' : 'NOT met'}`,
    `LCP: median ${fixed(lcp.with.median)} ms with vs ${fixed(lcp.without.median)} ms without, difference ${fixed(lcpDelta)} ms ` +
      `against a run-to-run spread (IQR) of ${fixed(lcpNoise)} ms: ${Math.abs(lcpDelta) <= lcpNoise ? 'within noise' : 'OUTSIDE noise'}`,
    ...(floor.length > 0
      ? [
          `the floor, the same snippet loading an empty script from another origin, adds before the first click: ` +
            `${floorLine('main-thread time', (phase) => phase.taskMs)}; ${floorLine('script', (phase) => phase.scriptMs)}; ` +
            `${floorLine('CPU clock', (phase) => phase.cpuMs)} (medians)`,
          `in the trace, tasks handling the empty script's request cost the floor ${traced(floor, (trace) => trace.networkMs)} ms ` +
            `(CPU ${traced(floor, (trace) => trace.networkCpuMs)} ms) and running it ${traced(floor, (trace) => trace.scriptMs)} ms; ` +
            `Parley's requests ${traced(withSnippet, (trace) => trace.networkMs)} ms (CPU ${traced(withSnippet, (trace) => trace.networkCpuMs)} ms) ` +
            `and its script ${traced(withSnippet, (trace) => trace.scriptMs)} ms (CPU ${traced(withSnippet, (trace) => trace.scriptCpuMs)} ms) (medians)`,
        ]
      : []),
  ];
  return {
    runsPerVariant: Math.min(without.length, withSnippet.length),
    rows,
    hoverRows,
    verdicts,
    launcherMissing: withSnippet.filter((sample) => !sample.launcherShown).length,
  };
}

/**
 * A difference of medians smaller than the runs' own spread does not settle a target either way:
 * the verdict says so rather than pass or fail on noise.
 */
function judged(delta: number, target: number, noise: number): string {
  const verdict = delta <= target ? 'met' : 'NOT met';
  return Math.abs(delta - target) < noise ? `${verdict} on medians, within the runs' spread (inconclusive)` : verdict;
}

export function fixed(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

const HEADER = ['metric', 'without: median', 'p90', 'with: median', 'p90', 'added: median', 'p90', 'IQR without / with'];

function cells(row: ImpactRow): string[] {
  const unit = row.unit === 'count' ? '' : ` ${row.unit}`;
  return [
    row.metric,
    `${fixed(row.without.median)}${unit}`,
    `${fixed(row.without.p90)}${unit}`,
    `${fixed(row.with.median)}${unit}`,
    `${fixed(row.with.p90)}${unit}`,
    `${signed(row.with.median - row.without.median)}${unit}`,
    `${signed(row.with.p90 - row.without.p90)}${unit}`,
    `${fixed(row.without.iqr)} / ${fixed(row.with.iqr)}${unit}`,
  ];
}

function signed(value: number): string {
  return value > 0 ? `+${fixed(value)}` : fixed(value);
}

export function textTable(rows: ImpactRow[]): string {
  const lines = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, column) => Math.max(...lines.map((line) => line[column]!.length)));
  return lines
    .map((line) => line.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  '))
    .join('\n');
}

export function markdownTable(rows: ImpactRow[]): string {
  const lines = [HEADER, HEADER.map((_, column) => (column === 0 ? '---' : '---:')), ...rows.map(cells)];
  return lines.map((line) => `| ${line.join(' | ')} |`).join('\n');
}
