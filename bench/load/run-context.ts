/** What every section gets: the settings, the shared services, the run's cleanup and a progress log. */
import type { RunningPostgres, RunningRedis } from '@parley/test-services/start';
import type { Cleanup } from './cleanup';
import { pidsWithCommandLine, postmasterPid, processTree } from './proc-stats';
import type { Settings } from './settings';

export interface RunContext {
  settings: Settings;
  cleanup: Cleanup;
  /** Started on first use, stopped at the end of the run. */
  postgres: () => Promise<RunningPostgres>;
  redis: () => Promise<RunningRedis>;
  secret: string;
  log: (line: string) => void;
}

export function postgresPids(postgres: RunningPostgres): () => number[] {
  return () => {
    const root = postmasterPid(postgres.dataDir);
    return root ? processTree(root) : [];
  };
}

export function redisPids(redis: RunningRedis): () => number[] {
  let cached: number[] | null = null;
  return () => (cached ??= pidsWithCommandLine(`redis-server 127.0.0.1:${redis.port}`));
}
