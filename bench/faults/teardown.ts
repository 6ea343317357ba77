/**
 * Everything the harness starts registers how to stop it here; `run()` stops it all in reverse
 * order, each step bounded, and keeps going past a failing step so nothing is left running.
 */
import { withTimeout } from './waiting';

export interface Teardown {
  add(what: string, stop: () => Promise<void> | void, timeoutMs?: number): void;
  run(): Promise<string[]>;
}

export function createTeardown(): Teardown {
  const steps: Array<{ what: string; stop: () => Promise<void> | void; timeoutMs: number }> = [];
  return {
    add(what, stop, timeoutMs = 20_000) {
      steps.push({ what, stop, timeoutMs });
    },
    async run() {
      const failures: string[] = [];
      while (steps.length > 0) {
        const step = steps.pop()!;
        try {
          await withTimeout(Promise.resolve().then(step.stop), step.timeoutMs, `stopping ${step.what}`);
        } catch (error) {
          failures.push(`${step.what}: ${(error as Error).message}`);
        }
      }
      return failures;
    },
  };
}
