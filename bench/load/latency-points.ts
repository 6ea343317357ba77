/** Latency at chosen rates below the maximum: 50% and 90% of it, a fixed rate, and any asked for. */
import type { LoadRig, StepResult } from './load-rig';
import { formatStep, roundRate } from './ramp';
import type { Settings } from './settings';
import { TARGETS } from './settings';

export interface LatencyPoint {
  label: string;
  rate: number;
  result: StepResult;
}

export interface LoadSectionResult {
  /** The highest sustained rate (acked for Parley, delivered for the bare server); 0 if none. */
  max: number;
  steps: StepResult[];
  best: StepResult | null;
  points: LatencyPoint[];
}

export function sustainedRate(step: StepResult | null): number {
  return step ? (step.ackedRate ?? step.deliveredRate) : 0;
}

export async function measurePoints(
  rig: LoadRig,
  max: number,
  settings: Settings,
  log: (line: string) => void,
  extra: Array<{ label: string; rate: number }> = [],
): Promise<LatencyPoint[]> {
  const wanted = [
    ...(max > 0 ? [{ label: '50% of max', rate: roundRate(0.5 * max) }, { label: '90% of max', rate: roundRate(0.9 * max) }] : []),
    // "If reachable": only when the fixed rate was sustained in the ramp.
    ...(max >= TARGETS.fixedRate ? [{ label: `fixed ${TARGETS.fixedRate}/s`, rate: TARGETS.fixedRate }] : []),
    ...extra,
  ];
  const points: LatencyPoint[] = [];
  for (const { label, rate } of wanted) {
    const result = await rig.step(rate, settings.pointMs);
    log(`    ${label}: ${formatStep(result)}`);
    points.push({ label, rate, result });
  }
  return points;
}
