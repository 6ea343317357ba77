/**
 * The fault harness from the command line:
 *   tsx bench/faults/run.ts [--duration 600] [--visitors 2000] [--agents 30] [--nodes 3]
 *     [--rate 40] [--agent-rate 15] [--fault-gap 8] [--ramp 100] [--settle 120] [--seed N] [--out FILE]
 * Prints the report as a table; --out appends it as markdown. Exits 1 when anything was lost,
 * duplicated or reordered, 2 when the run itself failed. Ctrl-C stops early and still cleans up.
 */
import { appendFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatReport, reportMarkdown, runFaultHarness } from './index';

const { values } = parseArgs({
  options: {
    duration: { type: 'string' },
    visitors: { type: 'string' },
    agents: { type: 'string' },
    nodes: { type: 'string' },
    rate: { type: 'string' },
    'agent-rate': { type: 'string' },
    'fault-gap': { type: 'string' },
    ramp: { type: 'string' },
    settle: { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
  },
});

function number(name: keyof typeof values): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const parsed = Number(raw);
  if (!Number.isFinite(parsed) || parsed < 0) {
    process.stderr.write(`--${name} needs a non-negative number, got ${raw}\n`);
    process.exit(2);
  }
  return parsed;
}

const stop = new AbortController();
process.once('SIGINT', () => {
  process.stderr.write('\nstopping early: settling, comparing and cleaning up (Ctrl-C again to abandon)\n');
  stop.abort();
  process.once('SIGINT', () => process.exit(130));
});

try {
  const report = await runFaultHarness({
    durationSeconds: number('duration'),
    visitors: number('visitors'),
    agents: number('agents'),
    nodes: number('nodes'),
    visitorRate: number('rate'),
    agentRate: number('agent-rate'),
    faultGapSeconds: number('fault-gap'),
    rampPerSecond: number('ramp'),
    settleSeconds: number('settle'),
    seed: number('seed'),
    signal: stop.signal,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`\n${formatReport(report)}\n`);
  if (values.out) appendFileSync(values.out, `\n${reportMarkdown(report)}`);
  const broken = report.lost + report.duplicated + report.outOfOrder + report.seqGaps > 0;
  process.exitCode = broken ? 1 : 0;
} catch (error) {
  process.stderr.write(`fault harness failed: ${(error as Error).stack ?? error}\n`);
  process.exitCode = 2;
}
