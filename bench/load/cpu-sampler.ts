/**
 * CPU use of named process groups over an interval, as a percentage of one core (so 100% is a
 * saturated single-threaded process), plus the whole machine's busy share. With the load
 * generator on the same two cores, this is what tells a server limit from a generator limit.
 */
import { cpus, loadavg } from 'node:os';
import { cpuSeconds, machineCpuSeconds } from './proc-stats';

/** A group's pids are looked up at each sample: Postgres starts and ends backends on its own. */
export type CpuGroups = Record<string, () => number[]>;

export interface CpuUse {
  /** Per group, % of one core. */
  groups: Record<string, number>;
  /** Whole machine, % of all cores. */
  machine: number;
  /** The 1-minute load average at the end of the interval: how busy the shared machine was. */
  load1: number;
}

export function startCpuSample(groups: CpuGroups): () => CpuUse {
  // Per pid: a Postgres backend that ended in between would otherwise take its whole lifetime's
  // CPU out of the sum; one that started in between counts from zero, which is right.
  const read = () =>
    Object.fromEntries(Object.entries(groups).map(([name, pids]) => [name, new Map(pids().map((pid) => [pid, cpuSeconds(pid)]))]));
  const startedAt = process.hrtime.bigint();
  const before = read();
  const machineBefore = machineCpuSeconds();
  return () => {
    const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
    const after = read();
    const machineAfter = machineCpuSeconds();
    const groupUse: Record<string, number> = {};
    for (const name of Object.keys(groups)) {
      let used = 0;
      for (const [pid, cpu] of after[name]!) used += Math.max(0, cpu - (before[name]!.get(pid) ?? 0));
      groupUse[name] = (100 * used) / seconds;
    }
    const total = machineAfter.total - machineBefore.total;
    const machine = total > 0 ? (100 * (machineAfter.busy - machineBefore.busy)) / total : 0;
    // Whatever else ran meanwhile (the orchestrator, the kernel, other people's work on a shared machine).
    const named = Object.values(groupUse).reduce((sum, use) => sum + use, 0);
    groupUse.other = Math.max(0, machine * cpus().length - named);
    return { groups: groupUse, machine, load1: loadavg()[0]! };
  };
}
