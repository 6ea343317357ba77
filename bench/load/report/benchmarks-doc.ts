/**
 * docs/benchmarks.md, written from one run's results: machine facts, method, the summary table,
 * every ramp step (with who used the CPU), the idle-socket details and the exact command. The
 * figures in the doc are always the figures of one run.
 */
import type { LoadSectionResult } from '../latency-points';
import type { StepResult } from '../load-rig';
import { sustainedCriterion } from '../ramp';
import { TARGETS } from '../settings';
import type { IdleResult } from '../idle-sockets';
import { int, kib, msText } from './format';
import type { BenchResults } from './results';
import { summaryRows, type Row } from './summary-rows';

const escape = (text: string) => text.replaceAll('|', '\\|');

function markdownTable(headers: string[], rows: string[][]): string {
  return [`| ${headers.join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.map(escape).join(' | ')} |`)].join('\n');
}

function summaryTable(rows: Row[]): string {
  return markdownTable(
    ['#', 'Measure', 'Result', 'Against the ceiling', 'Target', 'Verdict'],
    rows.map((row) => [row.id, row.measure, row.result, row.comparison, row.target, row.verdict ? `**${row.verdict}**` : '']),
  );
}

const passes = sustainedCriterion(TARGETS.sustainedP99Ms, TARGETS.sustainedShare);

function stepTable(steps: Array<{ label: string; step: StepResult }>): string {
  const parley = steps.some(({ step }) => step.ackedRate !== null);
  const headers = [
    'Step',
    'Offered/s',
    ...(parley ? ['Acked/s', 'Ack p50', 'Ack p99'] : []),
    'Delivered/s',
    'Delivery p50',
    'Delivery p99',
    'Delivery max',
    'Errors',
    'CPU (% of one core)',
    'Machine busy',
    'Load 1 min',
    'Sustained',
  ];
  const rows = steps.map(({ label, step }) => [
    label,
    int(step.offered),
    ...(parley ? [int(step.ackedRate ?? Number.NaN), `${msText(step.ackP50Ms)} ms`, `${msText(step.ackP99Ms)} ms`] : []),
    int(step.deliveredRate),
    `${msText(step.deliveryP50Ms)} ms`,
    `${msText(step.deliveryP99Ms)} ms`,
    `${msText(step.deliveryMaxMs)} ms`,
    step.errors ? `${step.errors} ${JSON.stringify(step.errorCodes)}` : '0',
    Object.entries(step.cpu.groups)
      .map(([name, use]) => `${name} ${use.toFixed(0)}`)
      .join(', '),
    `${step.cpu.machine.toFixed(0)}%`,
    step.cpu.load1.toFixed(1),
    passes(step) ? 'yes' : 'no',
  ]);
  return markdownTable(headers, rows);
}

function sectionSteps(title: string, section: LoadSectionResult | undefined): string[] {
  if (!section) return [];
  const steps = [
    ...section.steps.map((step) => ({ label: 'ramp', step })),
    ...section.points.map((point) => ({ label: point.label, step: point.result })),
  ];
  return [`### ${title}`, '', stepTable(steps), ''];
}

function idleRow(result: IdleResult): string[] {
  return [
    result.server,
    int(result.target),
    int(result.welcomed),
    int(result.held),
    int(result.failed),
    `${result.openSeconds.toFixed(1)} s (${int(result.welcomed / result.openSeconds)}/s)`,
    result.load1.toFixed(1),
    `${(result.rssBeforeBytes / 2 ** 20).toFixed(0)} MiB`,
    `${(result.rssAfterBytes / 2 ** 20).toFixed(0)} MiB`,
    kib(result.bytesPerSocket),
    [JSON.stringify(result.closeCodes), ...result.failures].filter((text) => text !== '{}').join('; '),
  ];
}

export function benchmarksDoc(results: BenchResults): string {
  const { machine, settings } = results;
  const minutes = Math.floor(results.seconds / 60);
  const seconds = Math.round(results.seconds % 60);
  const lines = [
    '# Benchmarks',
    '',
    `Written by \`${results.command}\` (\`bench/run.ts\`) on ${machine.date.slice(0, 10)}; the run took ${minutes} min ${seconds} s.`,
    'Figures, not tests: nothing here asserts a timing, and the benchmarks are not part of `pnpm test`.',
    'PASS / FALL SHORT compares a figure with the target set for it; re-run to update every figure at once.',
    '',
    '## Machine',
    '',
    `- ${machine.cores} cores (${machine.cpuModel}), ${machine.ramGiB} GiB RAM, Linux ${machine.kernel}, open files limit ${machine.openFilesLimit}`,
    `- Node ${machine.node}; Postgres ${machine.postgres}; Redis ${machine.redis}; 1-minute load average at the start: ${machine.loadAtStart.toFixed(2)}`,
    '- **The load generator is co-located**: its processes share the same cores with the relay(s), Postgres and Redis.',
    '  Every figure is therefore a lower bound for a server with cores of its own; the step tables show who used the CPU.',
    ...(machine.loadAtStart > 1
      ? [
          `- **Other work shared the machine** during this run (load average ${machine.loadAtStart.toFixed(1)} at the start): the \`other\``,
          '  CPU column of the step tables shows how much of the two cores it took from the benchmark.',
        ]
      : []),
    '- Postgres is the test suite\'s throwaway server (`startPostgres()`): `fsync=off`, `synchronous_commit=off`,',
    '  `full_page_writes=off`. A commit costs no disk flush here; on durable storage per-row commits cost far more.',
    '',
    '## Method',
    '',
    `- **Load**: ${int(settings.visitors)} visitor sockets in ${settings.visitorWorkers} generator processes (\`ws\`, frames by hand), each visitor with its own`,
    `  conversation, and ${settings.agents} agent sockets in a third process watching all conversations (each agent socket also receives`,
    '  `conversation.updated` for every message, as the console does). Sends are open-loop: on schedule, answered or not.',
    '- **Latency**: visitor→agent = from the visitor\'s send to the agent\'s `message.created`; ack = from the send to `message.ack`',
    '  (sent only after the commit). The send time travels in the `clientId`; every process reads the same monotonic clock.',
    `- **Max sustained**: rates rise ×${settings.rampFactor} per ${settings.stepMs / 1000} s step until one fails, then one step in between.`,
    `  A step is sustained when at least ${TARGETS.sustainedShare * 100}% of the offered rate is acked (Parley) and delivered within the step,`,
    `  p99 stays under ${TARGETS.sustainedP99Ms} ms for both, and errors stay under 0.1%. Latency points run ${settings.pointMs / 1000} s each.`,
    '- **1a** is a bare `ws` server in one process: no persistence, no validation; it forwards each visitor frame to an agent socket.',
    `  **1b** inserts rows shaped like Parley's messages (same columns and unique keys, no foreign key, no conversation row) for ${settings.pgMs / 1000} s per mode.`,
    '- **2** is one relay process (`startRelayProcess`) on Postgres with the in-process bus. **3** is two and three relay processes',
    '  with Redis: visitors on every node but the last, agents on the last, so every delivery crosses nodes. Cross-node added',
    '  latency = the cluster\'s p50 at 50% of its max minus one node\'s p50 at the same rate.',
    '- The relay\'s flood limits (frames per socket and per client IP) are raised out of reach, since every generator socket',
    '  comes from 127.0.0.1; they stay switched on, so their cost is in the figures.',
    `- **4** opens ${int(settings.idleSockets)} idle visitor sockets (hello → welcome, then a ping every 20 s) from ${Math.ceil(settings.idleSockets / settings.idlePerWorker)} generator`,
    `  process(es), holds them ${settings.idleHoldMs / 1000} s, and divides the server's RSS growth (/proc/<pid>/status) by the sockets still open. 1 KiB = 1,024 bytes.`,
    '',
    '## Results',
    '',
    summaryTable(summaryRows(results)),
    '',
    ...(results.failures.length > 0 ? ['Sections that failed in this run:', '', ...results.failures.map((failure) => `- ${failure}`), ''] : []),
    '## Steps',
    '',
    'Every step of every ramp and latency point. CPU is per process group over the sending window, in % of one core',
    '(`generators` = all load generator processes together, `other` = everything else on the machine); machine busy is the share of all cores; load 1 min is the 1-minute load average at the end of the step.',
    '',
    ...sectionSteps('1a. Bare ws server', results.wsCeiling),
    ...sectionSteps('2. Parley, one node', results.oneNode),
    ...results.multiNode.flatMap((cluster) => sectionSteps(`3. Parley, ${cluster.nodes} nodes behind Redis`, cluster)),
    ...(results.baseline.length > 0 && !results.oneNode
      ? ['### 3. One-node baseline', '', stepTable(results.baseline.map((point) => ({ label: point.label, step: point.result }))), '']
      : []),
    ...(results.idle
      ? [
          '### 4. Idle sockets',
          '',
          markdownTable(
            ['Server', 'Target', 'Welcomed', 'Held at the end', 'Failed', 'Opening took (handshakes/s)', 'Load 1 min', 'RSS before', 'RSS after', 'Per socket', 'Closes / failures'],
            [idleRow(results.idle.bare), idleRow(results.idle.relay)],
          ),
          '',
        ]
      : []),
    '## Command',
    '',
    '```sh',
    results.command,
    '```',
    '',
    `Options: \`--quick\` (a smoke run of a few minutes with smaller numbers), \`--only=1a,1b,2,3,4\` (pick sections), \`--doc\` / \`--no-doc\`.`,
    'Only a full run of every section rewrites this file unless `--doc` is given.',
    '',
  ];
  return lines.join('\n');
}
