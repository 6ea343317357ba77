/** The one contract both presence stores pass (memory in the unit layer, Redis in the integration layer). */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { effectiveStatus, type PresenceStore } from './presence-store';

export function presenceStoreContract(name: string, makeStore: () => PresenceStore): void {
  describe(`${name} presence store`, () => {
    // Fresh ids per test: the Redis store is shared with other tests on the same server.
    const ids = () => ({ workspaceId: randomUUID(), agentId: randomUUID() });

    it('reads nothing for a workspace nobody joined', async () => {
      expect(await makeStore().read(randomUUID())).toEqual([]);
    });

    it('keeps an agent alive until the latest expiry of any of their sockets', async () => {
      const store = makeStore();
      const { workspaceId, agentId } = ids();
      await store.keepAlive(workspaceId, agentId, 'tab-1', 5_000);
      await store.keepAlive(workspaceId, agentId, 'tab-2', 9_000);
      // A socket closing with a grace period moves only its own expiry.
      await store.keepAlive(workspaceId, agentId, 'tab-2', 7_000);
      const [record] = await store.read(workspaceId);
      expect(record).toEqual({ agentId, liveUntil: 7_000, chosen: 'online', activeAt: 0 });
      expect(await store.workspaces()).toContain(workspaceId);
    });

    it('stores the chosen status and the latest activity, whatever order reports arrive in', async () => {
      const store = makeStore();
      const { workspaceId, agentId } = ids();
      await store.keepAlive(workspaceId, agentId, 'tab', 10_000);
      await store.choose(workspaceId, agentId, 'away');
      await store.activity(workspaceId, agentId, 4_000);
      await store.activity(workspaceId, agentId, 3_000);
      expect(await store.read(workspaceId)).toEqual([{ agentId, liveUntil: 10_000, chosen: 'away', activeAt: 4_000 }]);
    });

    it('keeps agents of different workspaces apart', async () => {
      const store = makeStore();
      const one = ids();
      const other = ids();
      await store.keepAlive(one.workspaceId, one.agentId, 's', 1_000);
      await store.keepAlive(other.workspaceId, other.agentId, 's', 2_000);
      expect((await store.read(one.workspaceId)).map((record) => record.agentId)).toEqual([one.agentId]);
    });

    it('announces a status once: the first swap to a new value wins, repeats are no change', async () => {
      const store = makeStore();
      const { workspaceId, agentId } = ids();
      const swaps = await Promise.all([store.swapAnnounced(workspaceId, agentId, 'online'), store.swapAnnounced(workspaceId, agentId, 'online')]);
      expect(swaps.sort()).toEqual([false, true]);
      expect(await store.swapAnnounced(workspaceId, agentId, 'online')).toBe(false);
      expect(await store.swapAnnounced(workspaceId, agentId, 'away')).toBe(true);
    });

    it('derives what everyone sees from the record', async () => {
      const store = makeStore();
      const { workspaceId, agentId } = ids();
      await store.keepAlive(workspaceId, agentId, 'tab', 10_000);
      await store.activity(workspaceId, agentId, 1_000);
      const [record] = await store.read(workspaceId);
      expect(effectiveStatus(record, 2_000, 5_000)).toBe('online');
      expect(effectiveStatus(record, 6_000, 5_000)).toBe('away');
      expect(effectiveStatus(record, 10_000, 5_000)).toBe('offline');
      await store.choose(workspaceId, agentId, 'offline');
      expect(effectiveStatus((await store.read(workspaceId))[0], 2_000, 5_000)).toBe('offline');
      await store.choose(workspaceId, agentId, 'away');
      expect(effectiveStatus((await store.read(workspaceId))[0], 2_000, 5_000)).toBe('away');
      expect(effectiveStatus(undefined, 0, 5_000)).toBe('offline');
    });
  });
}
