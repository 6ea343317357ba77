/**
 * A relay as a real OS process (server.ts under tsx), for multi-node tests and the fault harness:
 * started with its own environment, ready when /readyz answers, stopped by its PID.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '@parley/test-services/start';

const SERVER = fileURLToPath(new URL('../server.ts', import.meta.url));
const WORKSPACE_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface RelayProcess {
  port: number;
  baseUrl: string;
  wsUrl: string;
  child: ChildProcess;
  output: () => string;
  /** SIGTERM and wait (graceful), or SIGKILL with `{ kill: true }` (a crash). */
  stop(options?: { kill?: boolean }): Promise<void>;
}

export async function startRelayProcess(env: Record<string, string>, options: { port?: number; nodeArgs?: string[] } = {}): Promise<RelayProcess> {
  const port = options.port ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', SERVER], {
    cwd: WORKSPACE_ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: baseUrl, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stopOnExit = () => child.kill('SIGKILL');
  process.once('exit', stopOnExit);

  // Generous: under a loaded machine (benchmarks, CI on 2 cores) a start can take tens of seconds.
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`relay process exited during start:\n${output}`);
    const ready = await fetch(`${baseUrl}/readyz`).then((r) => r.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`relay process not ready after 90 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    port,
    baseUrl,
    wsUrl: `ws://127.0.0.1:${port}`,
    child,
    output: () => output,
    async stop({ kill = false } = {}) {
      process.removeListener('exit', stopOnExit);
      if (child.exitCode === null && child.signalCode === null) child.kill(kill ? 'SIGKILL' : 'SIGTERM');
      await exited;
    },
  };
}
