/**
 * Finding the highest sustained rate: offer geometrically rising rates, one step each, until a
 * step fails the criterion; then, if the gap is wide, try once in between. If even the first
 * step fails, halve downwards. The number of steps is bounded either way.
 */
import type { StepResult } from './load-rig';

export interface RampOptions {
  startRate: number;
  factor: number;
  maxRate: number;
  stepMs: number;
  /** The step counts as sustained. */
  passes: (result: StepResult) => boolean;
  log: (line: string) => void;
}

export interface RampResult {
  steps: StepResult[];
  /** The highest sustained step, or null if none passed. */
  best: StepResult | null;
}

const MAX_DOWNWARD_STEPS = 3;
/** A failing step this much above the last passing one earns one try in between. */
const REFINE_ABOVE = 1.2;

/** Two significant digits: rates people can read and compare across runs. */
export function roundRate(rate: number): number {
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(rate)) - 1);
  return Math.max(1, Math.round(rate / magnitude) * magnitude);
}

export function sustainedCriterion(maxP99Ms: number, minShare: number): (result: StepResult) => boolean {
  return (r) => {
    const enough = (rate: number) => rate >= minShare * r.offered;
    const delivered = enough(r.deliveredRate) && r.deliveryP99Ms < maxP99Ms;
    const acked = r.ackedRate === null || (enough(r.ackedRate) && (r.ackP99Ms ?? Infinity) < maxP99Ms);
    const clean = r.errors <= 0.001 * r.offered * r.seconds;
    return delivered && acked && clean;
  };
}

export async function rampToMax(run: (rate: number, durationMs: number) => Promise<StepResult>, options: RampOptions): Promise<RampResult> {
  const steps: StepResult[] = [];
  let best: StepResult | null = null;
  let firstFail: StepResult | null = null;
  const attempt = async (rate: number) => {
    const result = await run(rate, options.stepMs);
    steps.push(result);
    const ok = options.passes(result);
    options.log(`    ${formatStep(result)} ${ok ? 'sustained' : 'NOT sustained'}`);
    return ok;
  };

  for (let rate = options.startRate; rate <= options.maxRate; rate = roundRate(rate * options.factor)) {
    if (await attempt(rate)) best = steps.at(-1)!;
    else {
      firstFail = steps.at(-1)!;
      break;
    }
  }
  if (!best) {
    for (let i = 1, rate = options.startRate / 2; i <= MAX_DOWNWARD_STEPS && !best; i++, rate /= 2) {
      if (await attempt(roundRate(rate))) best = steps.at(-1)!;
      else firstFail = steps.at(-1)!;
    }
  }
  if (best && firstFail && firstFail.offered / best.offered > REFINE_ABOVE) {
    const between = roundRate(Math.sqrt(best.offered * firstFail.offered));
    if (between > best.offered && between < firstFail.offered && (await attempt(between))) best = steps.at(-1)!;
  }
  return { steps, best };
}

export function formatStep(r: StepResult): string {
  const fixed = (value: number | null, digits = 1) => (value === null || Number.isNaN(value) ? '-' : value.toFixed(digits));
  const cpu = Object.entries(r.cpu.groups)
    .map(([name, use]) => `${name} ${use.toFixed(0)}%`)
    .join(', ');
  return [
    `offered ${r.offered}/s:`,
    r.ackedRate === null ? '' : `acked ${r.ackedRate.toFixed(0)}/s (p50 ${fixed(r.ackP50Ms)} p99 ${fixed(r.ackP99Ms)} ms),`,
    `delivered ${r.deliveredRate.toFixed(0)}/s (p50 ${fixed(r.deliveryP50Ms)} p99 ${fixed(r.deliveryP99Ms)} ms),`,
    r.errors ? `errors ${r.errors} ${JSON.stringify(r.errorCodes)},` : '',
    `cpu ${cpu}; machine ${r.cpu.machine.toFixed(0)}%`,
  ]
    .filter(Boolean)
    .join(' ');
}
