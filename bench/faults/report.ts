/** The run's result, and its rendering as a console table or as markdown (for docs/benchmarks.md). */
import type { FaultEvent } from './fault-schedule';
import { FAULT_KINDS, type FaultKind } from './faults';
import type { Finding, Verdict } from './verify';

export interface PinnedFinding extends Finding {
  /** The fault that ran last before (or during) the event, e.g. "node-kill at +41.2 s (...)". */
  faultBefore: string;
}

/** Counts of events by the fault they fell in or shortly after, e.g. {"during redis-restart": 12}. */
export type FaultTally = Record<string, number>;

export interface Report extends Omit<Verdict, 'findings'> {
  seed: number;
  nodes: number;
  visitors: number;
  agents: number;
  trafficSeconds: number;
  visitorRate: number;
  agentRate: number;
  /** How Postgres was paused, as the brief asks to say. */
  postgresPause: string;
  faults: Record<FaultKind, number>;
  faultsFailed: number;
  timeline: FaultEvent[];
  /** Everyone connected with an empty outbox before the final comparison. */
  settled: boolean;
  unsettled: string[];
  /**
   * Stored messages views still lacked once everyone had settled (and a quiet moment passed),
   * which only the final resume brought: live deliveries lost with nothing to reveal the gap.
   */
  missingBeforeFinalResume: number;
  missingBeforeFinalResumeByFault: FaultTally;
  missingBeforeFinalResumeSamples: PinnedFinding[];
  /** Visitor messages an agent got more than `thresholdMs` after they were sent, by the fault before the send. */
  lateDeliveries: { thresholdMs: number; count: number; byFault: FaultTally };
  /** Conversations no agent watched because their agent's share exceeded one hello's resume map. */
  unwatchedOverflow: number;
  /** Error frames clients got, by code and what they were about ("internal on agent conversation.watch"); by code and fault. */
  errorFrames: Record<string, number>;
  errorFramesByFault: FaultTally;
  unexpectedExits: string[];
  /** Warnings and errors the relays logged, by message (and error message). */
  relayLogs: Record<string, number>;
  teardownFailures: string[];
  findings: PinnedFinding[];
  totalSeconds: number;
}

/** Pins each finding on the fault that ran last before it (its event time), for the evidence. */
export function pinOnFaults(findings: readonly Finding[], timeline: readonly FaultEvent[], origin: number): PinnedFinding[] {
  const offset = (at: number) => `+${((at - origin) / 1000).toFixed(1)} s`;
  return findings.map((finding) => {
    if (finding.at === undefined) return { ...finding, faultBefore: 'n/a (no event time)' };
    const before = timeline.filter((event) => event.startedAt <= finding.at!).at(-1);
    if (!before) return { ...finding, faultBefore: `none (event at ${offset(finding.at)})` };
    const during = before.endedAt >= finding.at ? 'during' : 'after';
    return { ...finding, faultBefore: `event at ${offset(finding.at)}, ${during} ${before.kind} at ${offset(before.startedAt)} (${before.detail})` };
  });
}

/** How long after a fault an event still counts as its consequence. */
const AFTERMATH_MS = 10_000;

export function faultLabel(at: number, timeline: readonly FaultEvent[]): string {
  const before = timeline.filter((event) => event.startedAt <= at).at(-1);
  if (before && at <= before.endedAt) return `during ${before.kind}`;
  if (before && at <= before.endedAt + AFTERMATH_MS) return `after ${before.kind}`;
  return 'no fault near';
}

export function tallyByFault(times: Iterable<number>, timeline: readonly FaultEvent[], prefix = ''): FaultTally {
  const tally: FaultTally = {};
  for (const at of times) {
    const label = `${prefix}${faultLabel(at, timeline)}`;
    tally[label] = (tally[label] ?? 0) + 1;
  }
  return tally;
}

const tallyText = (tally: FaultTally) =>
  Object.entries(tally)
    .sort((a, b) => b[1] - a[1])
    .map(([label, n]) => `${label} ${n}`)
    .join(', ') || 'none';

function rows(report: Report): Array<[string, string]> {
  const l = report.latencyMs;
  return [
    ['conversations', String(report.conversations)],
    ['messages sent', String(report.sent)],
    ['acknowledged', String(report.acked)],
    ['stored (Postgres)', String(report.stored)],
    ['delivered (all views)', String(report.delivered)],
    ['LOST', String(report.lost)],
    ['  acked but not stored', String(report.ackedNotStored)],
    ['  missing from a view', String(report.lost - report.ackedNotStored)],
    ['DUPLICATED', String(report.duplicated)],
    ['OUT OF ORDER', String(report.outOfOrder)],
    ['seq gaps in storage', String(report.seqGaps)],
    ['corrupted / leaked views', `${report.corrupted} / ${report.leaked}`],
    ['unacked at the end (stored of them)', `${report.unacked} (${report.storedUnacked})`],
    ['settled (all open, outboxes empty)', report.settled ? 'yes' : `no: ${report.unsettled.length} clients`],
    ['missing before the final resume', String(report.missingBeforeFinalResume)],
    ['  by fault (during / within 10 s after)', tallyText(report.missingBeforeFinalResumeByFault)],
    [`late deliveries (> ${report.lateDeliveries.thresholdMs / 1000} s) to agents`, String(report.lateDeliveries.count)],
    ['  by fault before the send', tallyText(report.lateDeliveries.byFault)],
    ['duplicate resends checked (wrong answers)', `${report.resends.checked} (${report.resends.mismatched}); ${report.resends.incomplete} incomplete`],
    ...FAULT_KINDS.map((kind): [string, string] => [`faults: ${kind}`, String(report.faults[kind])]),
    ['faults that could not be injected', String(report.faultsFailed)],
    ['error frames seen', tallyText(report.errorFrames)],
    ['  by fault', tallyText(report.errorFramesByFault)],
    ['relay exits not caused by the harness', String(report.unexpectedExits.length)],
    ['visitor->agent latency p50 / p99 / max', `${l.p50} / ${l.p99} / ${l.max} ms (${l.samples} samples)`],
  ];
}

function title(report: Report): string {
  return (
    `Fault harness, seed ${report.seed}: ${report.nodes} relay nodes, ${report.visitors} visitors, ${report.agents} agents, ` +
    `${report.trafficSeconds} s of traffic at ${report.visitorRate} + ${report.agentRate} msg/s (visitors + agents), ` +
    `${report.totalSeconds} s in all. Postgres pause: ${report.postgresPause}.`
  );
}

function findingLines(report: Report, limit: number): string[] {
  return report.findings.slice(0, limit).map((f) => `${f.kind}: ${f.what}${f.conversationId ? ` [conversation ${f.conversationId}]` : ''}; ${f.faultBefore}`);
}

export function formatReport(report: Report): string {
  const table = rows(report);
  const width = Math.max(...table.map(([name]) => name.length));
  const lines = [title(report), '', ...table.map(([name, value]) => `  ${name.padEnd(width)}  ${value}`)];
  if (report.findings.length > 0) lines.push('', `Findings (${report.findings.length}, first 30):`, ...findingLines(report, 30).map((line) => `  ${line}`));
  if (report.missingBeforeFinalResumeSamples.length > 0) {
    lines.push('', 'Healed only by the final resume (first 10):', ...report.missingBeforeFinalResumeSamples.map((f) => `  ${f.what} [conversation ${f.conversationId}]; ${f.faultBefore}`));
  }
  const logs = Object.entries(report.relayLogs).sort((a, b) => b[1] - a[1]);
  if (logs.length > 0) lines.push('', 'Relay warnings and errors:', ...logs.slice(0, 15).map(([what, n]) => `  ${n} x ${what}`));
  if (report.unexpectedExits.length > 0) lines.push('', 'Relay exits:', ...report.unexpectedExits);
  if (report.unsettled.length > 0) lines.push('', `Unsettled: ${report.unsettled.slice(0, 20).join(', ')}`);
  if (report.teardownFailures.length > 0) lines.push('', `Teardown: ${report.teardownFailures.join('; ')}`);
  return lines.join('\n');
}

export function reportMarkdown(report: Report): string {
  const lines = [
    `### Fault harness, seed ${report.seed} (${new Date().toISOString().slice(0, 10)})`,
    '',
    title(report),
    '',
    '| Metric | Value |',
    '| --- | --- |',
    ...rows(report).map(([name, value]) => `| ${name.startsWith(' ') ? `… ${name.trim()}` : name} | ${value} |`),
  ];
  if (report.findings.length > 0) lines.push('', 'Findings:', '', ...findingLines(report, 50).map((line) => `- ${line}`));
  const logs = Object.entries(report.relayLogs).sort((a, b) => b[1] - a[1]);
  if (logs.length > 0) lines.push('', 'Relay warnings and errors:', '', ...logs.slice(0, 15).map(([what, n]) => `- ${n} x ${what}`));
  return `${lines.join('\n')}\n`;
}
