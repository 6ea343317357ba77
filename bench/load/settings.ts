/**
 * The run's knobs, from the command line: `--quick` for a smoke run in a few minutes,
 * `--only=1a,2` to pick sections, `--doc` / `--no-doc` to force writing docs/benchmarks.md
 * (by default only a full run of every section writes it).
 */
export const SECTIONS = ['1a', '1b', '2', '3', '4'] as const;
export type Section = (typeof SECTIONS)[number];

export interface Settings {
  quick: boolean;
  sections: Section[];
  writeDoc: boolean;
  /** Visitor sockets of a load test, each with its own conversation. */
  visitors: number;
  /** Agent sockets watching them (every agent socket also gets each conversation.updated). */
  agents: number;
  visitorWorkers: number;
  stepMs: number;
  pointMs: number;
  drainMs: number;
  warmupMs: number;
  rampFactor: number;
  pgMs: number;
  idleSockets: number;
  idlePerWorker: number;
  idleHoldMs: number;
  multiNodeSizes: number[];
}

export const TARGETS = {
  /** Parley's max acked rate as a share of the bare ws ceiling. */
  throughputShareOfBareWs: 0.5,
  fixedRate: 5000,
  fixedRateP50Ms: 3,
  fixedRateP99Ms: 15,
  idleSockets: 19_000,
  idleBytesPerSocket: 12 * 1024,
  crossNodeP50Ms: 2,
  /** A step is sustained when p99 stays under this and at least 95% of the offered rate gets through. */
  sustainedP99Ms: 50,
  sustainedShare: 0.95,
} as const;

export function parseSettings(argv: string[]): Settings {
  const quick = argv.includes('--quick');
  const only = argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
  const unknown = argv.filter((arg) => !['--quick', '--doc', '--no-doc'].includes(arg) && !arg.startsWith('--only='));
  if (unknown.length > 0) throw new Error(`unknown option ${unknown.join(' ')}; use --quick, --only=${SECTIONS.join(',')}, --doc, --no-doc`);
  const sections = only ? only.split(',').map((s) => s.trim()) : [...SECTIONS];
  for (const section of sections) if (!(SECTIONS as readonly string[]).includes(section)) throw new Error(`unknown section ${section}; sections are ${SECTIONS.join(', ')}`);
  const everything = sections.length === SECTIONS.length;
  return {
    quick,
    sections: sections as Section[],
    writeDoc: argv.includes('--doc') || (!argv.includes('--no-doc') && everything && !quick),
    visitors: quick ? 200 : 1000,
    agents: 2,
    visitorWorkers: 2,
    stepMs: quick ? 2000 : 5000,
    pointMs: quick ? 3000 : 10_000,
    drainMs: quick ? 2000 : 3000,
    warmupMs: quick ? 1000 : 3000,
    rampFactor: quick ? 2 : 1.4,
    pgMs: quick ? 2000 : 5000,
    idleSockets: quick ? 2000 : 19_000,
    idlePerWorker: 4750,
    idleHoldMs: quick ? 3000 : 10_000,
    multiNodeSizes: [2, 3],
  };
}
