import type { AgentPresence } from '@parley/protocol';

/** "2 / 3 chats": how many open conversations the agent holds against their capacity. */
export function CapacityMeter({ me }: { me: Pick<AgentPresence, 'load' | 'capacity'> | null }) {
  if (!me) return null;
  const full = me.load >= me.capacity;
  return (
    <span class={`capacity${full ? ' is-full' : ''}`} title="Open conversations assigned to you / your capacity">
      <meter min={0} max={Math.max(1, me.capacity)} value={me.load} aria-label="Capacity" />
      <span class="capacity-text">
        {me.load} / {me.capacity} chats
      </span>
    </span>
  );
}
