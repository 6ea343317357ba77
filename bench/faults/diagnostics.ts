/**
 * What the report says beyond the verdict: which deliveries came late and which error frames
 * clients got, each pinned on the fault it fell in or shortly after.
 */
import type { ClientRecord } from './client-record';
import type { FaultEvent } from './fault-schedule';
import { tallyByFault, type FaultTally } from './report';

export interface ErrorSeen {
  code: string;
  /** What it was about, e.g. "agent conversation.watch". */
  subject: string;
  label: string;
  at: number;
}

/** Send times of visitor messages an agent got more than `thresholdMs` after they were sent. */
export function lateSends(visitors: readonly ClientRecord[], agents: readonly ClientRecord[], thresholdMs: number): number[] {
  const sentAt = new Map<string, number>();
  for (const visitor of visitors) for (const [clientId, sent] of visitor.sent) sentAt.set(clientId, sent.at);
  const late: number[] = [];
  for (const agent of agents) {
    for (const deliveries of agent.views.values()) {
      for (const delivery of deliveries) {
        const at = delivery.clientId === null ? undefined : sentAt.get(delivery.clientId);
        if (at !== undefined && delivery.at - at > thresholdMs) late.push(at);
      }
    }
  }
  return late;
}

export function tallyErrors(errors: readonly ErrorSeen[], timeline: readonly FaultEvent[]): { bySubject: Record<string, number>; byFault: FaultTally } {
  const bySubject: Record<string, number> = {};
  for (const { code, subject } of errors) bySubject[`${code} on ${subject}`] = (bySubject[`${code} on ${subject}`] ?? 0) + 1;
  const byFault: FaultTally = {};
  for (const code of new Set(errors.map((error) => error.code))) {
    const times = errors.filter((error) => error.code === code).map((error) => error.at);
    Object.assign(byFault, tallyByFault(times, timeline, `${code} `));
  }
  return { bySubject, byFault };
}
