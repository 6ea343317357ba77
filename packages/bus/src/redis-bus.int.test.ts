import { randomUUID } from 'node:crypto';
import { freePort } from '@parley/test-services/start';
import { redisUrl, startRedis } from '@parley/test-services';
import { Redis } from 'ioredis';
import { describe, expect, it, vi } from 'vitest';
import type { Bus } from './bus';
import { busContract } from './bus-contract';
import { BusUnavailableError } from './bus-errors';
import { createBus } from './create-bus';
import { createRedisBus } from './redis-bus';

const WAIT = { timeout: 10_000 };
const quiet = { warn: () => {}, info: () => {} };

function collector() {
  const received: string[] = [];
  return {
    received,
    handler: (payload: string) => {
      received.push(payload);
    },
    until: (count: number) => vi.waitFor(() => expect(received.length).toBeGreaterThanOrEqual(count), WAIT),
  };
}

/** How many connections Redis itself has subscribed to `channel` (whatever the buses think). */
async function upstreamSubscribers(url: string, channel: string): Promise<number> {
  const admin = new Redis(url, { lazyConnect: true });
  try {
    await admin.connect();
    const [, count] = (await admin.pubsub('NUMSUB', channel)) as [string, number];
    return Number(count);
  } finally {
    admin.disconnect();
  }
}

/** Closes every bus it made, whatever the test did. */
async function withBuses(url: string, count: number, test: (buses: Bus[]) => Promise<void>): Promise<void> {
  const buses = Array.from({ length: count }, (_, index) => createRedisBus(url, { logger: quiet, name: `test-node-${index}` }));
  try {
    await test(buses);
  } finally {
    await Promise.all(buses.map((bus) => bus.close()));
  }
}

const url = redisUrl();

describe.skipIf(!url)('Redis bus', () => {
  busContract('redis', (logger) => createRedisBus(url!, { logger }));

  it('two buses, as two relay nodes, see each other’s publishes', async () => {
    await withBuses(url!, 2, async ([nodeA, nodeB]) => {
      const channel = `test:${randomUUID()}`;
      const [onA, onB] = [collector(), collector()];
      await nodeA!.subscribe(channel, onA.handler);
      await nodeB!.subscribe(channel, onB.handler);

      await nodeA!.publish(channel, 'from a');
      await onB.until(1);
      await nodeB!.publish(channel, 'from b');
      await onA.until(2);
      await onB.until(2);

      expect(onA.received).toEqual(['from a', 'from b']);
      expect(onB.received).toEqual(['from a', 'from b']);
    });
  });

  it('holds one upstream subscription per channel however many local handlers, and drops it with the last', async () => {
    await withBuses(url!, 1, async ([bus]) => {
      const channel = `test:${randomUUID()}`;
      const unsubscribes = await Promise.all([1, 2, 3].map(() => bus!.subscribe(channel, () => {})));
      expect(await upstreamSubscribers(url!, channel)).toBe(1);

      await unsubscribes[0]!();
      await unsubscribes[1]!();
      expect(await upstreamSubscribers(url!, channel)).toBe(1);

      await unsubscribes[2]!();
      expect(await upstreamSubscribers(url!, channel)).toBe(0);
    });
  });

  it('calls made right after creation wait for the first connection', async () => {
    await withBuses(url!, 1, async ([bus]) => {
      const channel = `test:${randomUUID()}`;
      const sink = collector();
      expect(bus!.isHealthy()).toBe(false);

      await bus!.subscribe(channel, sink.handler);
      await bus!.publish(channel, 'first');
      await sink.until(1);

      expect(sink.received).toEqual(['first']);
      expect(bus!.isHealthy()).toBe(true);
    });
  });

  it('without a reachable Redis, publish and subscribe reject with BusUnavailableError instead of hanging', async () => {
    const nobody = `redis://127.0.0.1:${await freePort()}`;
    await withBuses(nobody, 1, async ([bus]) => {
      await Promise.all([
        expect(bus!.publish('test:nowhere', 'x')).rejects.toBeInstanceOf(BusUnavailableError),
        expect(bus!.subscribe('test:nowhere', () => {})).rejects.toBeInstanceOf(BusUnavailableError),
      ]);
      expect(bus!.isHealthy()).toBe(false);
    });
  });

  it('createBus picks the Redis bus when given a URL', async () => {
    const bus = createBus({ redisUrl: url!, logger: quiet });
    try {
      expect(bus.kind).toBe('redis');
    } finally {
      await bus.close();
    }
  });

  it('after a Redis crash: unhealthy and failing fast while down, then resubscribed, healthy and onRecovered', async () => {
    const redis = await startRedis();
    try {
      await withBuses(redis.url, 2, async ([subscriberNode, publisherNode]) => {
        const [kept, alsoKept, left] = ['kept', 'also-kept', 'left'].map((name) => `test:${name}:${randomUUID()}`) as [string, string, string];
        const [onKept, onAlsoKept] = [collector(), collector()];
        await subscriberNode!.subscribe(kept, onKept.handler);
        await subscriberNode!.subscribe(alsoKept, onAlsoKept.handler);
        const leave = await subscriberNode!.subscribe(left, () => {});
        await publisherNode!.subscribe(kept, () => {});

        const recoveredSubscriber = new Promise<void>((resolve) => subscriberNode!.onRecovered(resolve));
        const recoveredPublisher = new Promise<void>((resolve) => publisherNode!.onRecovered(resolve));
        const removedListener = vi.fn();
        subscriberNode!.onRecovered(removedListener)();
        expect(subscriberNode!.isHealthy()).toBe(true);

        await redis.restart({
          whileDown: async () => {
            await vi.waitFor(() => expect(subscriberNode!.isHealthy()).toBe(false), WAIT);
            await vi.waitFor(() => expect(publisherNode!.isHealthy()).toBe(false), WAIT);
            await expect(publisherNode!.publish(kept, 'lost')).rejects.toBeInstanceOf(BusUnavailableError);
            await expect(subscriberNode!.subscribe(`test:new:${randomUUID()}`, () => {})).rejects.toBeInstanceOf(BusUnavailableError);
            // Leaving works while down; the channel must not come back with the resubscribe.
            await leave();
          },
        });
        await Promise.all([recoveredSubscriber, recoveredPublisher]);

        expect(subscriberNode!.isHealthy()).toBe(true);
        expect(publisherNode!.isHealthy()).toBe(true);
        expect(removedListener).not.toHaveBeenCalled();
        expect(await upstreamSubscribers(redis.url, kept)).toBe(2);
        expect(await upstreamSubscribers(redis.url, alsoKept)).toBe(1);
        expect(await upstreamSubscribers(redis.url, left)).toBe(0);

        await publisherNode!.publish(kept, 'after');
        await publisherNode!.publish(alsoKept, 'also after');
        await Promise.all([onKept.until(1), onAlsoKept.until(1)]);
        expect(onKept.received).toEqual(['after']);
        expect(onAlsoKept.received).toEqual(['also after']);
      });
    } finally {
      await redis.stop();
    }
  });

  it('recovers again after a second crash', async () => {
    const redis = await startRedis();
    try {
      await withBuses(redis.url, 1, async ([bus]) => {
        const channel = `test:${randomUUID()}`;
        const sink = collector();
        await bus!.subscribe(channel, sink.handler);
        let recoveries = 0;
        bus!.onRecovered(() => recoveries++);

        for (const round of [1, 2]) {
          await redis.restart({ whileDown: () => vi.waitFor(() => expect(bus!.isHealthy()).toBe(false), WAIT) });
          await vi.waitFor(() => expect(recoveries).toBe(round), WAIT);
          await bus!.publish(channel, `round ${round}`);
          await sink.until(round);
        }

        expect(sink.received).toEqual(['round 1', 'round 2']);
      });
    } finally {
      await redis.stop();
    }
  });
});
