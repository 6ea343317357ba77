/** The run's result, and its rendering as a console table or as markdown (for docs/benchmarks.md). */
import type { FaultEvent } from './fault-schedule';
import { FAULT_KINDS, type FaultKind } from './faults';
import type { Finding, Verdict } from './verify';

export interface PinnedFinding extends Finding {
  /** The fault that ran last before (or during) the event, e.g. "node-kill at +41.2 s (...)". */
  faultBefore: string;
}

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
  /** Stored messages views lacked after settling, before the final resume brought them. */
  missingBeforeFinalResume: number;
  /** Conversations no agent watched because their agent's share exceeded one hello's resume map. */
  unwatchedOverflow: number;
  errorFrames: Record<string, number>;
  unexpectedExits: string[];
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
    ['duplicate resends checked (wrong answers)', `${report.resends.checked} (${report.resends.mismatched}); ${report.resends.incomplete} incomplete`],
    ...FAULT_KINDS.map((kind): [string, string] => [`faults: ${kind}`, String(report.faults[kind])]),
    ['faults that could not be injected', String(report.faultsFailed)],
    ['error frames seen', Object.entries(report.errorFrames).map(([code, n]) => `${code} ${n}`).join(', ') || 'none'],
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
    ...rows(report).map(([name, value]) => `| ${name.trim()} | ${value} |`),
  ];
  if (report.findings.length > 0) lines.push('', 'Findings:', '', ...findingLines(report, 50).map((line) => `- ${line}`));
  return `${lines.join('\n')}\n`;
}
