/**
 * Where agent presence lives: in Redis when several relay nodes share it (TTL heartbeats), in
 * this process otherwise. Both keep the same small record per agent and pass the same contract
 * suite (presence-store-contract.ts). The status people see is derived from the record by
 * `effectiveStatus`, never stored in Postgres.
 */
import type { AgentStatus } from '@parley/protocol';

export interface PresenceRecord {
  agentId: string;
  /** Until when (ms since epoch) at least one console socket of the agent counts as alive. */
  liveUntil: number;
  /** What the agent chose (presence.set); 'online' until they choose otherwise. */
  chosen: AgentStatus;
  /** The agent's last activity (presence.activity, or opening a console). */
  activeAt: number;
}

export interface PresenceStore {
  /** This socket of the agent counts as alive until `until`: heartbeats push it on, a closed socket gets the grace period. */
  keepAlive(workspaceId: string, agentId: string, socketId: string, until: number): Promise<void>;
  choose(workspaceId: string, agentId: string, status: AgentStatus): Promise<void>;
  activity(workspaceId: string, agentId: string, at: number): Promise<void>;
  /** Every agent of the workspace with a record. */
  read(workspaceId: string): Promise<PresenceRecord[]>;
  /**
   * Records `status` as the last one announced for the agent and tells whether it differs from
   * the one announced before — atomically, so of several nodes noticing one change, one announces it.
   */
  swapAnnounced(workspaceId: string, agentId: string, status: AgentStatus): Promise<boolean>;
  /** Workspaces with any presence record: what the presence sweep visits. */
  workspaces(): Promise<string[]>;
}

/** What everyone sees, from the record at `now`. */
export function effectiveStatus(record: PresenceRecord | undefined, now: number, awayAfterMs: number): AgentStatus {
  if (!record || record.liveUntil <= now || record.chosen === 'offline') return 'offline';
  if (record.chosen === 'away' || now - record.activeAt >= awayAfterMs) return 'away';
  return 'online';
}
