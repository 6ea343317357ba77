/**
 * A throwaway Redis from the Debian package on a loopback port: nothing saved to disk, nothing
 * left behind. `restart()` kills the server the hard way and brings it back on the same port, so
 * the fault tests can watch clients lose and regain it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { delimiter, join } from 'node:path';
import { freePort } from './free-port';

export interface RunningRedis {
  url: string;
  port: number;
  /** SIGTERM, then wait for the process to exit. Safe to call twice. */
  stop(): Promise<void>;
  /**
   * SIGKILL (a crash: clients see their sockets drop), then start again on the same port and wait
   * until it answers. `whileDown` runs while nothing listens, for asserting on the outage.
   */
  restart(opts?: { whileDown?: () => unknown }): Promise<void>;
}

const READY_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 10_000;
const PING_TIMEOUT_MS = 1_000;
/** Only the tail of the server log is kept: enough to explain a failed start. */
const LOG_LIMIT = 16 * 1024;
/** With a port of our own choosing, another process may grab it between freePort() and bind. */
const BIND_ATTEMPTS = 3;

function redisServerPath(): string {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/bin'];
  for (const dir of dirs) {
    const candidate = join(dir, 'redis-server');
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(
    'No redis-server found on PATH or in /usr/bin. Install it (apt-get install redis-server) ' +
      'or set PARLEY_TEST_REDIS_URL to a server of your own.',
  );
}

/** True when a server on `port` answers PING with PONG (a server still loading answers -LOADING). */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let reply = '';
    const finish = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(PING_TIMEOUT_MS, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) finish(reply.startsWith('+PONG'));
    });
    socket.once('close', () => finish(false));
  });
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function exited(child: ChildProcess): Promise<void> {
  if (hasExited(child)) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

interface Server {
  child: ChildProcess;
  log: () => string;
}

function spawnServer(bin: string, port: number): Server {
  const child = spawn(
    bin,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  const append = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-LOG_LIMIT);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  // A spawn failure (binary gone, not executable) arrives as an event; the exit check reports it.
  child.on('error', (error) => append(Buffer.from(`\n${error.message}\n`)));
  return { child, log: () => log };
}

/** Polls until the server answers PING; rejects early if the process dies. */
async function waitUntilReady(server: Server, port: number): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (hasExited(server.child)) {
      throw new Error(`redis-server exited during start-up (code ${server.child.exitCode ?? server.child.signalCode}).\n${server.log()}`);
    }
    // Checked again after the PING: another process may own the port our server failed to bind.
    if ((await answersPing(port)) && !hasExited(server.child)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis-server did not answer PING within ${READY_TIMEOUT_MS / 1000} s.\n${server.log()}`);
}

async function kill(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (hasExited(child)) return;
  const done = exited(child);
  child.kill(signal);
  const escalate = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  try {
    await done;
  } finally {
    clearTimeout(escalate);
  }
}

/** Spawns a server on `port` and waits for it; the caller owns the process afterwards. */
async function launch(bin: string, port: number): Promise<Server> {
  const server = spawnServer(bin, port);
  try {
    await waitUntilReady(server, port);
  } catch (error) {
    await kill(server.child, 'SIGKILL');
    throw error;
  }
  return server;
}

export async function startRedis(opts: { port?: number } = {}): Promise<RunningRedis> {
  const bin = redisServerPath();

  let server: Server | undefined;
  let port = 0;
  for (let attempt = 1; !server; attempt++) {
    port = opts.port ?? (await freePort());
    try {
      server = await launch(bin, port);
    } catch (error) {
      const portTaken = /address already in use|could not create server tcp listening socket/i.test((error as Error).message);
      if (!portTaken || opts.port !== undefined || attempt >= BIND_ATTEMPTS) throw error;
    }
  }

  let current: Server = server;
  // A crashed or interrupted test run must not leave a server behind.
  const killOnExit = () => {
    current.child.kill('SIGKILL');
  };
  process.on('exit', killOnExit);

  let stopped = false;
  let stopping: Promise<void> | null = null;
  // restart() and stop() run one after the other, so a stop never races a half-started server.
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (step: () => Promise<void>) => {
    const run = queue.then(step);
    queue = run.catch(() => {});
    return run;
  };

  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop() {
      stopping ??= enqueue(async () => {
        stopped = true;
        await kill(current.child, 'SIGTERM');
        process.off('exit', killOnExit);
      });
      return stopping;
    },
    restart({ whileDown } = {}) {
      return enqueue(async () => {
        if (stopped) throw new Error('This Redis was stopped; start a new one with startRedis().');
        await kill(current.child, 'SIGKILL');
        await whileDown?.();
        current = await launch(bin, port);
      });
    },
  };
}
