import { createInProcessBus, type Bus, type BusHandler } from '@parley/bus';
import { afterEach, describe, expect, it } from 'vitest';
import type { BusEvent } from './bus-events';
import { Hub, type HubMember } from './hub';

function member(id: string): HubMember & { got: string[] } {
  const got: string[] = [];
  return { id, got, receive: (_event: BusEvent, json: string | null) => got.push(json ?? 'control') };
}

const pong = (ts: number): BusEvent => ({ kind: 'frame', frame: { type: 'pong', ts } });
const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

/** A bus that can be switched off, like Redis going away: the hub's outage behaviour needs one. */
function switchableBus(): Bus & { up: boolean; recover(): void } {
  const inner = createInProcessBus();
  const listeners = new Set<() => void>();
  const bus = {
    kind: 'in-process' as const,
    up: true,
    publish: (channel: string, payload: string) => (bus.up ? inner.publish(channel, payload) : Promise.reject(new Error('down'))),
    subscribe: (channel: string, handler: BusHandler) =>
      bus.up ? inner.subscribe(channel, handler) : Promise.reject(new Error('down')),
    onRecovered: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    isHealthy: () => bus.up,
    close: () => inner.close(),
    recover() {
      bus.up = true;
      for (const listener of listeners) listener();
    },
  };
  return bus;
}

describe('Hub', () => {
  const hubs: Hub[] = [];
  afterEach(() => hubs.splice(0).forEach((hub) => hub.close()));

  it('delivers to local members once and to other nodes through the bus', async () => {
    const bus = createInProcessBus();
    const node1 = new Hub(bus, () => {});
    const node2 = new Hub(bus, () => {});
    hubs.push(node1, node2);
    const local = member('local');
    const remote = member('remote');
    await node1.join('ch', local);
    await node2.join('ch', remote);
    await node1.publish('ch', pong(1));
    await settle();
    expect(local.got).toEqual(['{"type":"pong","ts":1}']);
    expect(remote.got).toEqual(['{"type":"pong","ts":1}']);
  });

  it('skips the socket a frame came from', async () => {
    const hub = new Hub(createInProcessBus(), () => {});
    hubs.push(hub);
    const sender = member('sender');
    const other = member('other');
    await hub.join('ch', sender);
    await hub.join('ch', other);
    await hub.publish('ch', { kind: 'frame', origin: 'sender', frame: { type: 'pong' } });
    await settle();
    expect(sender.got).toEqual([]);
    expect(other.got).toEqual(['{"type":"pong"}']);
  });

  it('keeps serving local members while the bus is down, and subscribes and announces recovery when it is back', async () => {
    const bus = switchableBus();
    const errors: string[] = [];
    const hub = new Hub(bus, (_error, context) => errors.push(context));
    hubs.push(hub);
    bus.up = false;
    const socket = member('s');
    await hub.join('ch', socket);
    await expect(hub.publish('ch', pong(1))).rejects.toThrow('down');
    expect(socket.got).toEqual(['{"type":"pong","ts":1}']);
    expect(errors).toEqual(['subscribe ch']);

    let recovered = 0;
    hub.onRecovered(() => recovered++);
    bus.recover();
    await settle();
    expect(recovered).toBe(1);
    // Subscribed upstream again: a publish from another node now arrives.
    const otherNode = new Hub(bus, () => {});
    hubs.push(otherNode);
    await otherNode.publish('ch', pong(2));
    await settle();
    expect(socket.got).toEqual(['{"type":"pong","ts":1}', '{"type":"pong","ts":2}']);
  });

  it('stops delivering after leave, and drops the upstream subscription with the last member', async () => {
    const bus = createInProcessBus();
    const hub = new Hub(bus, () => {});
    const otherNode = new Hub(bus, () => {});
    hubs.push(hub, otherNode);
    const a = member('a');
    const b = member('b');
    await hub.join('ch', a);
    await hub.join('ch', b);
    hub.leave('ch', a);
    await otherNode.publish('ch', pong(1));
    await settle();
    expect(a.got).toEqual([]);
    expect(b.got).toHaveLength(1);
    hub.leaveAll(b);
    await settle();
    await otherNode.publish('ch', pong(2));
    await settle();
    expect(b.got).toHaveLength(1);
  });
});
