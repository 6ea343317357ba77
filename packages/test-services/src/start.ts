/** The service starters without vitest, for scripts (the fault harness, the benchmarks). */
export { startPostgres, type RunningPostgres } from './postgres';
export { startRedis, type RunningRedis } from './redis';
export { freePort } from './free-port';
