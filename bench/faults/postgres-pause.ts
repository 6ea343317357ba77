/**
 * Freezes a running Postgres without closing a single connection: SIGSTOP to the postmaster
 * (read from postmaster.pid) and to each of its children (`pgrep -P`), SIGCONT to all of them to
 * thaw. To the relay this looks like a database that stops answering mid-query, which a clean
 * shutdown or a blocked port would not show.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface FrozenPostgres {
  pids: number[];
  thaw(): void;
}

function childPids(parent: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(parent)], { encoding: 'utf8' })
      .split('\n')
      .map((line) => Number(line.trim()))
      .filter((pid) => Number.isInteger(pid) && pid > 0);
  } catch {
    // pgrep exits 1 when there are no children.
    return [];
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // The process ended meanwhile (a backend whose client left): nothing to stop or continue.
  }
}

export function freezePostgres(dataDir: string): FrozenPostgres {
  const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  if (!Number.isInteger(postmaster) || postmaster <= 0) throw new Error(`no postmaster pid in ${dataDir}/postmaster.pid`);
  // The postmaster first, so it forks no new backend between listing the children and stopping them.
  signal(postmaster, 'SIGSTOP');
  const children = childPids(postmaster);
  for (const pid of children) signal(pid, 'SIGSTOP');
  let thawed = false;
  return {
    pids: [postmaster, ...children],
    thaw() {
      if (thawed) return;
      thawed = true;
      for (const pid of children) signal(pid, 'SIGCONT');
      signal(postmaster, 'SIGCONT');
    },
  };
}
