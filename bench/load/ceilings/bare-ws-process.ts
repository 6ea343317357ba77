/** Starts the bare ws ceiling server as a child process and stops it by its PID. */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SERVER = fileURLToPath(new URL('./bare-ws-server.ts', import.meta.url));
const START_TIMEOUT_MS = 30_000;

export interface BareWsProcess {
  pid: number;
  url: string;
  stop(): Promise<void>;
}

export async function startBareWsServer(): Promise<BareWsProcess> {
  const child = fork(SERVER, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('bare ws server did not start'));
    }, START_TIMEOUT_MS);
    child.once('message', (message: { port: number }) => {
      clearTimeout(timer);
      resolve(message.port);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bare ws server exited during start (${code})`));
    });
  });
  return {
    pid: child.pid!,
    url: `ws://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, 'SIGKILL');
      await exited;
    },
  };
}
