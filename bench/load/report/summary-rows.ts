/**
 * The summary table: one row per figure, with the ceiling it is compared against and, where the
 * brief set one, the target and PASS / FALL SHORT. A verdict is a reading of the figure, not a test.
 */
import type { LatencyPoint, LoadSectionResult } from '../latency-points';
import { TARGETS } from '../settings';
import { int, kib, msText, ratio, verdict } from './format';
import type { BenchResults } from './results';

export interface Row {
  id: string;
  measure: string;
  result: string;
  comparison: string;
  target: string;
  verdict: string;
}

const latency = (point: LatencyPoint) => {
  const r = point.result;
  const ack = r.ackP50Ms === null ? '' : `; ack p50 ${msText(r.ackP50Ms)}, p99 ${msText(r.ackP99Ms)} ms`;
  return `p50 ${msText(r.deliveryP50Ms)} ms, p99 ${msText(r.deliveryP99Ms)} ms${ack}`;
};

/** "50% of max (1,200/s)", or just "5,000/s" for the fixed rate. */
const pointName = (point: LatencyPoint) => (point.label.endsWith('of max') ? `${point.label} (${int(point.rate)}/s)` : `${int(point.rate)}/s`);

/** The highest rate any step got through, sustained or not (acks for Parley, deliveries for the bare server). */
const peak = (section: LoadSectionResult) => Math.max(0, ...section.steps.map((step) => step.ackedRate ?? step.deliveredRate));
const peakNote = (section: LoadSectionResult) => `; peak ${int(peak(section))}/s in a step`;

const findPoint = (section: LoadSectionResult | undefined, label: string) => section?.points.find((point) => point.label === label);

/** Parley latency against the bare ws server's at the same label (same share of its own max, or the same fixed rate). */
function latencyComparison(point: LatencyPoint, ceiling: LoadSectionResult | undefined): string {
  const bare = findPoint(ceiling, point.label);
  if (!bare) return '';
  return `1a at ${pointName(bare)}: p50 ${msText(bare.result.deliveryP50Ms)}, p99 ${msText(bare.result.deliveryP99Ms)} ms → ${ratio(point.result.deliveryP50Ms / bare.result.deliveryP50Ms)} / ${ratio(point.result.deliveryP99Ms / bare.result.deliveryP99Ms)}`;
}

function throughputComparison(max: number, results: BenchResults): string {
  const parts: string[] = [];
  if (max <= 0) return '';
  if (results.wsCeiling) parts.push(`${ratio(max / results.wsCeiling.max)} of 1a`);
  if (results.pgCeiling) {
    parts.push(`${ratio(max / results.pgCeiling.pool10.rowsPerSecond)} of 1b pool-10`);
    parts.push(`${ratio(max / results.pgCeiling.batch100.rowsPerSecond)} of 1b batches`);
  }
  return parts.join('; ');
}

export function summaryRows(results: BenchResults): Row[] {
  const rows: Row[] = [];
  const push = (row: Partial<Row> & Pick<Row, 'id' | 'measure' | 'result'>) => rows.push({ comparison: '', target: '', verdict: '', ...row });
  const fixedLabel = `fixed ${TARGETS.fixedRate}/s`;

  const ws = results.wsCeiling;
  if (ws) {
    const best = ws.best;
    push({
      id: '1a',
      measure: 'bare ws: max sustained forwarded msgs/s',
      result: (best ? `${int(ws.max)} msgs/s (p50 ${msText(best.deliveryP50Ms)}, p99 ${msText(best.deliveryP99Ms)} ms)` : 'none sustained') + peakNote(ws),
    });
    for (const point of ws.points) push({ id: '1a', measure: `bare ws latency at ${pointName(point)}`, result: latency(point) });
  }

  const pgc = results.pgCeiling;
  if (pgc) {
    for (const mode of [pgc.single, pgc.pool10, pgc.batch100]) push({ id: '1b', measure: `raw pg insert: ${mode.name}`, result: `${int(mode.rowsPerSecond)} rows/s` });
  }

  const one = results.oneNode;
  if (one) {
    const share = ws ? one.max / ws.max : Number.NaN;
    push({
      id: '2',
      measure: 'Parley 1 node: max sustained acked msgs/s',
      result: (one.best ? `${int(one.max)} msgs/s (ack p99 ${msText(one.best.ackP99Ms)}, delivery p99 ${msText(one.best.deliveryP99Ms)} ms)` : 'none sustained') + peakNote(one),
      comparison: throughputComparison(one.max, results),
      target: `≥ ${TARGETS.throughputShareOfBareWs * 100}% of 1a`,
      verdict: ws ? verdict(share >= TARGETS.throughputShareOfBareWs) : 'no 1a',
    });
    for (const point of one.points.filter((p) => p.label.endsWith('of max'))) {
      push({ id: '2', measure: `Parley 1 node, visitor→agent at ${pointName(point)}`, result: latency(point), comparison: latencyComparison(point, ws) });
    }
    const fixed = findPoint(one, fixedLabel);
    const fixedOk = fixed ? fixed.result.deliveryP50Ms <= TARGETS.fixedRateP50Ms && fixed.result.deliveryP99Ms <= TARGETS.fixedRateP99Ms : false;
    push({
      id: '2',
      measure: `Parley 1 node, visitor→agent at ${int(TARGETS.fixedRate)} msgs/s`,
      result: fixed ? latency(fixed) : `not reachable (max sustained ${int(one.max)}/s)`,
      comparison: fixed ? latencyComparison(fixed, ws) : '',
      target: `p50 ≤ ${TARGETS.fixedRateP50Ms} ms, p99 ≤ ${TARGETS.fixedRateP99Ms} ms`,
      verdict: verdict(fixedOk),
    });
  }

  for (const cluster of results.multiNode) {
    push({
      id: '3',
      measure: `Parley ${cluster.nodes} nodes + Redis: max sustained acked msgs/s`,
      result:
        (cluster.best ? `${int(cluster.max)} msgs/s (ack p99 ${msText(cluster.best.ackP99Ms)}, delivery p99 ${msText(cluster.best.deliveryP99Ms)} ms)` : 'none sustained') +
        peakNote(cluster),
      comparison: [throughputComparison(cluster.max, results), one && one.max > 0 && cluster.max > 0 ? `${ratio(cluster.max / one.max)} of 1 node` : '']
        .filter(Boolean)
        .join('; '),
    });
    const half = cluster.half;
    if (!half) continue;
    const base = results.baseline.find((point) => point.rate === half.rate);
    const added = base ? half.result.deliveryP50Ms - base.result.deliveryP50Ms : Number.NaN;
    push({
      id: '3',
      measure: `Parley ${cluster.nodes} nodes, visitor→agent at 50% of max (${int(half.rate)}/s)`,
      result: latency(half),
      comparison: base ? `1 node at ${int(half.rate)}/s: p50 ${msText(base.result.deliveryP50Ms)} ms → cross-node adds ${msText(added)} ms at p50` : 'no one-node baseline',
      target: `cross-node adds ≤ ${TARGETS.crossNodeP50Ms} ms at p50`,
      verdict: base ? verdict(added <= TARGETS.crossNodeP50Ms) : '',
    });
  }

  const idle = results.idle;
  if (idle) {
    const relay = idle.relay;
    const bare = idle.bare;
    push({
      id: '4',
      measure: 'Parley relay: idle visitor sockets held, RSS per socket',
      result: `${int(relay.held)} of ${int(relay.target)} held; ${kib(relay.bytesPerSocket)} each`,
      comparison: `bare ws: ${kib(bare.bytesPerSocket)} each → ${ratio(relay.bytesPerSocket / bare.bytesPerSocket)}`,
      target: `${int(TARGETS.idleSockets)} at ≤ ${TARGETS.idleBytesPerSocket / 1024} KiB each`,
      verdict: verdict(relay.held >= TARGETS.idleSockets && relay.bytesPerSocket <= TARGETS.idleBytesPerSocket),
    });
    push({ id: '4', measure: 'bare ws: idle sockets held, RSS per socket', result: `${int(bare.held)} of ${int(bare.target)} held; ${kib(bare.bytesPerSocket)} each` });
  }
  return rows;
}
