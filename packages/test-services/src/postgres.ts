/**
 * A throwaway Postgres from the Debian packages: initdb into a temp dir, start on a loopback
 * port, stop and delete everything afterwards. Durability is switched off (fsync, synchronous
 * commit, full page writes): the data lives for one test run and speed is what matters.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port';

export interface RunningPostgres {
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

const POSTGRES_ROOT = '/usr/lib/postgresql';
const READY_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 10_000;
/** Only the tail of the server log is kept: enough to explain a failed start. */
const LOG_LIMIT = 16 * 1024;
/** With a port of our own choosing, another process may grab it between freePort() and bind. */
const BIND_ATTEMPTS = 3;

/** The bin directory of the highest installed major version. */
function postgresBinDir(): string {
  const versions = existsSync(POSTGRES_ROOT)
    ? readdirSync(POSTGRES_ROOT)
        .filter((name) => /^\d+$/.test(name) && existsSync(join(POSTGRES_ROOT, name, 'bin', 'postgres')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = versions[0];
  if (!newest) {
    throw new Error(
      `No Postgres server found under ${POSTGRES_ROOT}/*/bin. Install it (apt-get install postgresql) ` +
        'or set PARLEY_TEST_POSTGRES_URL to a server of your own.',
    );
  }
  return join(POSTGRES_ROOT, newest, 'bin');
}

interface RunAs {
  uid: number;
  gid: number;
}

/** Postgres refuses to run as root, so as root we hand the files and the process to `postgres`. */
function runAs(): RunAs | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error('Running as root, but there is no `postgres` user to run the server as (Debian creates it with the postgresql package).');
  }
}

function initDataDir(bin: string, root: string, user: RunAs | null): string {
  const dataDir = join(root, 'data');
  try {
    execFileSync(
      join(bin, 'initdb'),
      ['-D', dataDir, '--auth=trust', '-U', 'postgres', '--no-sync', '--encoding=UTF8', '--locale=C'],
      { cwd: root, stdio: 'pipe', ...(user ?? {}) },
    );
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`initdb failed: ${(error as Error).message}\n${stderr}`);
  }
  return dataDir;
}

async function acceptsConnections(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

interface Server {
  child: ChildProcess;
  log: () => string;
}

function spawnServer(bin: string, dataDir: string, socketDir: string, port: number, user: RunAs | null): Server {
  const child = spawn(
    join(bin, 'postgres'),
    [
      '-D', dataDir,
      '-p', String(port),
      '-c', 'listen_addresses=127.0.0.1',
      '-k', socketDir,
      '-c', 'fsync=off',
      '-c', 'synchronous_commit=off',
      '-c', 'full_page_writes=off',
      '-c', 'max_connections=300',
    ],
    { cwd: dataDir, stdio: ['ignore', 'pipe', 'pipe'], ...(user ?? {}) },
  );
  let log = '';
  const append = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-LOG_LIMIT);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return { child, log: () => log };
}

/** Polls until the server answers a query; rejects early if the process dies. */
async function waitUntilReady(server: Server, url: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(`Postgres exited during start-up (code ${server.child.exitCode ?? server.child.signalCode}).\n${server.log()}`);
    }
    if (await acceptsConnections(url)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Postgres did not accept connections within ${READY_TIMEOUT_MS / 1000} s.\n${server.log()}`);
}

/** Fast shutdown (SIGINT disconnects clients, unlike SIGTERM's smart shutdown), then harder signals. */
async function shutDown(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = exited(child);
  child.kill('SIGINT');
  const escalate = setTimeout(() => child.kill('SIGQUIT'), STOP_TIMEOUT_MS);
  try {
    await done;
  } finally {
    clearTimeout(escalate);
  }
}

export async function startPostgres(opts: { port?: number } = {}): Promise<RunningPostgres> {
  const bin = postgresBinDir();
  const user = runAs();
  const root = mkdtempSync(join(tmpdir(), 'parley-pg-'));
  const socketDir = join(root, 'socket');
  mkdirSync(socketDir);
  if (user) {
    chownSync(root, user.uid, user.gid);
    chownSync(socketDir, user.uid, user.gid);
  }

  let dataDir: string;
  try {
    dataDir = initDataDir(bin, root, user);
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }

  for (let attempt = 1; ; attempt++) {
    const port = opts.port ?? (await freePort());
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    const server = spawnServer(bin, dataDir, socketDir, port, user);
    // An immediate shutdown on the way out, so a crashed or interrupted run leaves no server behind.
    const killOnExit = () => {
      server.child.kill('SIGQUIT');
    };
    process.on('exit', killOnExit);

    try {
      await waitUntilReady(server, url);
    } catch (error) {
      await shutDown(server.child);
      process.off('exit', killOnExit);
      const portTaken = /could not bind|address already in use/i.test(server.log());
      if (portTaken && opts.port === undefined && attempt < BIND_ATTEMPTS) continue;
      rmSync(root, { recursive: true, force: true });
      throw error;
    }

    let stopping: Promise<void> | null = null;
    return {
      url,
      port,
      dataDir,
      stop() {
        stopping ??= (async () => {
          await shutDown(server.child);
          process.off('exit', killOnExit);
          rmSync(root, { recursive: true, force: true });
        })();
        return stopping;
      },
    };
  }
}
