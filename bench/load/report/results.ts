/** Everything one run measured, as the table and the doc read it. */
import type { PgCeilingResult } from '../ceilings/pg-ceiling';
import type { IdleSectionResult } from '../idle-sockets';
import type { LatencyPoint, LoadSectionResult } from '../latency-points';
import type { MachineFacts } from '../machine';
import type { MultiNodeResult } from '../parley/multi-node';
import type { Settings } from '../settings';

export interface BenchResults {
  settings: Settings;
  machine: MachineFacts;
  command: string;
  seconds: number;
  wsCeiling?: LoadSectionResult;
  pgCeiling?: PgCeilingResult;
  oneNode?: LoadSectionResult;
  multiNode: MultiNodeResult[];
  /** One node, in-process bus, at each multi-node cluster's 50% rate. */
  baseline: LatencyPoint[];
  idle?: IdleSectionResult;
  /** Sections that failed, with the reason; the rest of the run went on. */
  failures: string[];
}
