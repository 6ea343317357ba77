/**
 * Everything a benchmark starts is registered here with its stop function and stopped in reverse
 * order: at the end of its section, on an error, and on Ctrl-C. A stop that fails is reported and
 * the others still run, so nothing is left behind because one thing went wrong.
 */
export class Cleanup {
  private readonly stops: Array<{ name: string; stop: () => Promise<void> | void }> = [];

  add(name: string, stop: () => Promise<void> | void): void {
    this.stops.push({ name, stop });
  }

  async run(): Promise<void> {
    while (this.stops.length > 0) {
      const { name, stop } = this.stops.pop()!;
      try {
        await stop();
      } catch (error) {
        process.stderr.write(`bench: stopping ${name} failed: ${(error as Error).message}\n`);
      }
    }
  }
}

/** Runs `body` with a fresh Cleanup and always runs it afterwards. */
export async function withCleanup<T>(body: (cleanup: Cleanup) => Promise<T>, parent?: Cleanup): Promise<T> {
  const cleanup = new Cleanup();
  // If the whole run is interrupted mid-section, the parent stops this section's things too.
  parent?.add('section', () => cleanup.run());
  try {
    return await body(cleanup);
  } finally {
    await cleanup.run();
  }
}
