/** Presence for a single relay node: the same record as in Redis, in a Map. */
import type { AgentStatus } from '@parley/protocol';
import type { PresenceRecord, PresenceStore } from './presence-store';

interface Entry {
  sockets: Map<string, number>;
  chosen: AgentStatus;
  activeAt: number;
  announced: AgentStatus | null;
}

export function createMemoryPresenceStore(): PresenceStore {
  const byWorkspace = new Map<string, Map<string, Entry>>();
  const entry = (workspaceId: string, agentId: string): Entry => {
    let agents = byWorkspace.get(workspaceId);
    if (!agents) byWorkspace.set(workspaceId, (agents = new Map()));
    let found = agents.get(agentId);
    if (!found) agents.set(agentId, (found = { sockets: new Map(), chosen: 'online', activeAt: 0, announced: null }));
    return found;
  };
  return {
    async keepAlive(workspaceId, agentId, socketId, until) {
      const sockets = entry(workspaceId, agentId).sockets;
      sockets.set(socketId, until);
      // Forget sockets long gone, so the map does not grow with every reload.
      for (const [id, expiry] of sockets) if (expiry < until - 3600_000) sockets.delete(id);
    },
    async choose(workspaceId, agentId, status) {
      entry(workspaceId, agentId).chosen = status;
    },
    async activity(workspaceId, agentId, at) {
      const found = entry(workspaceId, agentId);
      found.activeAt = Math.max(found.activeAt, at);
    },
    async read(workspaceId) {
      const records: PresenceRecord[] = [];
      for (const [agentId, found] of byWorkspace.get(workspaceId) ?? []) {
        records.push({ agentId, liveUntil: Math.max(0, ...found.sockets.values()), chosen: found.chosen, activeAt: found.activeAt });
      }
      return records;
    },
    async swapAnnounced(workspaceId, agentId, status) {
      const found = entry(workspaceId, agentId);
      const changed = found.announced !== status;
      found.announced = status;
      return changed;
    },
    async workspaces() {
      return [...byWorkspace.keys()];
    },
  };
}
