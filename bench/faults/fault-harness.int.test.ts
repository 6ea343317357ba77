/**
 * A short, bounded fault run (about 60-90 s): three relay processes over real Postgres and Redis,
 * 40 visitors and 4 agents chatting while every kind of fault is injected at least once. It checks
 * correctness only: nothing acknowledged is lost, nothing is shown or stored twice, nothing is out
 * of order. Set PARLEY_FAULT_SEED to repeat a run; the seed is in every failure message.
 */
import { postgresUrl, redisUrl } from '@parley/test-services';
import { describe, expect, it } from 'vitest';
import { FAULT_KINDS, formatReport, runFaultHarness } from './index';

const seed = process.env.PARLEY_FAULT_SEED ? Number(process.env.PARLEY_FAULT_SEED) : undefined;

// The harness starts its own Postgres and Redis (it has to kill and freeze them); the global
// setup's finding them tells that the Debian packages are there.
describe.skipIf(!postgresUrl() || !redisUrl())('fault harness, short run', () => {
  it('loses, duplicates and reorders nothing while nodes die, Redis restarts, Postgres freezes and sockets break', async () => {
    const log: string[] = [];
    const report = await runFaultHarness({
      nodes: 3,
      visitors: 40,
      agents: 4,
      durationSeconds: 45,
      visitorRate: 12,
      agentRate: 5,
      faultGapSeconds: 2,
      settleSeconds: 40,
      seed,
      log: (line) => log.push(line),
    });
    const evidence = `${formatReport(report)}\n\nLog:\n${log.join('\n')}`;

    // The run did something: messages went both ways and every conversation had an agent.
    expect(report.conversations, evidence).toBe(40);
    expect(report.sent, evidence).toBeGreaterThan(40);
    expect(report.latencyMs.samples, evidence).toBeGreaterThan(0);
    expect(report.unwatchedOverflow, evidence).toBe(0);
    for (const kind of FAULT_KINDS) expect(report.faults[kind], `${kind} never injected\n${evidence}`).toBeGreaterThanOrEqual(1);
    expect(report.resends.checked, evidence).toBeGreaterThanOrEqual(1);

    expect(report.settled, evidence).toBe(true);
    expect(report.unacked, evidence).toBe(0);
    expect(report.ackedNotStored, evidence).toBe(0);
    expect(report.stored, evidence).toBe(report.acked);
    expect(report.lost, evidence).toBe(0);
    expect(report.duplicated, evidence).toBe(0);
    expect(report.resends.mismatched, evidence).toBe(0);
    expect(report.outOfOrder, evidence).toBe(0);
    expect(report.seqGaps, evidence).toBe(0);
    expect(report.corrupted + report.leaked, evidence).toBe(0);
    expect(report.unexpectedExits, evidence).toEqual([]);
    expect(report.teardownFailures, evidence).toEqual([]);
  }, 300_000);
});
