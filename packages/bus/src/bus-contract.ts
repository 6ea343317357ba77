/**
 * What every Bus does, as one suite both implementations run (in-process-bus.test.ts,
 * redis-bus.int.test.ts), so the single-node default cannot drift from the Redis bus.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Bus } from './bus';
import { BusClosedError } from './bus-errors';
import type { BusLogger } from './bus-logger';

export type BusFactory = (logger: BusLogger) => Bus;

/** Generous for a loaded CI machine; a passing run waits only as long as delivery takes. */
const DELIVERY_TIMEOUT_MS = 5_000;

function collector() {
  const received: string[] = [];
  return {
    received,
    handler: (payload: string) => {
      received.push(payload);
    },
    until: (count: number) =>
      vi.waitFor(() => expect(received.length).toBeGreaterThanOrEqual(count), { timeout: DELIVERY_TIMEOUT_MS }),
  };
}

/** Channels unique to one test: the Redis server is shared with every other integration suite. */
function channelPrefix(): string {
  return `bus-contract:${randomUUID()}`;
}

export function busContract(name: string, factory: BusFactory): void {
  describe(`${name} bus: the Bus contract`, () => {
    const open: Bus[] = [];

    function openBus(): { bus: Bus; logger: { warn: ReturnType<typeof vi.fn>; info: ReturnType<typeof vi.fn> } } {
      const logger = { warn: vi.fn(), info: vi.fn() };
      const bus = factory(logger);
      open.push(bus);
      return { bus, logger };
    }

    afterEach(async () => {
      await Promise.all(open.splice(0).map((bus) => bus.close()));
    });

    it('delivers a publish to every handler of its channel and to no other channel', async () => {
      const { bus } = openBus();
      const prefix = channelPrefix();
      // `:1` is a prefix of `:10`: channels match exactly, never as patterns or prefixes.
      const [first, second, other] = [collector(), collector(), collector()];
      await bus.subscribe(`${prefix}:1`, first.handler);
      await bus.subscribe(`${prefix}:1`, second.handler);
      await bus.subscribe(`${prefix}:10`, other.handler);

      await bus.publish(`${prefix}:10`, 'for ten');
      await bus.publish(`${prefix}:1`, 'for one');
      await Promise.all([first.until(1), second.until(1), other.until(1)]);

      expect(first.received).toEqual(['for one']);
      expect(second.received).toEqual(['for one']);
      expect(other.received).toEqual(['for ten']);
    });

    it('unsubscribe stops delivery to that handler while the others keep theirs', async () => {
      const { bus } = openBus();
      const channel = channelPrefix();
      const [leaving, staying] = [collector(), collector()];
      const unsubscribe = await bus.subscribe(channel, leaving.handler);
      await bus.subscribe(channel, staying.handler);
      await bus.publish(channel, 'one');
      await Promise.all([leaving.until(1), staying.until(1)]);

      await unsubscribe();
      await unsubscribe();
      await bus.publish(channel, 'two');
      await staying.until(2);

      expect(leaving.received).toEqual(['one']);
      expect(staying.received).toEqual(['one', 'two']);
    });

    it('a channel whose last handler left can be subscribed again', async () => {
      const { bus } = openBus();
      const channel = channelPrefix();
      const [before, after] = [collector(), collector()];
      const unsubscribe = await bus.subscribe(channel, before.handler);
      await unsubscribe();
      await bus.subscribe(channel, after.handler);

      await bus.publish(channel, 'again');
      await after.until(1);

      expect(after.received).toEqual(['again']);
      expect(before.received).toEqual([]);
    });

    it('the same function subscribed twice gets each message twice and leaves one subscription at a time', async () => {
      const { bus } = openBus();
      const channel = channelPrefix();
      const sink = collector();
      const unsubscribeFirst = await bus.subscribe(channel, sink.handler);
      await bus.subscribe(channel, sink.handler);

      await bus.publish(channel, 'a');
      await sink.until(2);
      await unsubscribeFirst();
      await bus.publish(channel, 'b');
      await sink.until(3);

      expect(sink.received).toEqual(['a', 'a', 'b']);
    });

    it('keeps the order of one publisher on one channel', async () => {
      const { bus } = openBus();
      const channel = channelPrefix();
      const sink = collector();
      await bus.subscribe(channel, sink.handler);
      const payloads = Array.from({ length: 200 }, (_, index) => `message ${index}`);

      // Not awaited one by one: the order must hold for publishes in flight together.
      await Promise.all(payloads.map((payload) => bus.publish(channel, payload)));
      await sink.until(payloads.length);

      expect(sink.received).toEqual(payloads);
    });

    it('delivers payloads unchanged: unicode, control characters, empty, 30 KB', async () => {
      const { bus } = openBus();
      const channel = channelPrefix();
      const sink = collector();
      await bus.subscribe(channel, sink.handler);
      const printable = Array.from({ length: 95 }, (_, index) => String.fromCharCode(32 + index)).join('');
      const payloads = [
        'héllo wörld — 你好，世界 — مرحبا — 👋🏽👨‍👩‍👧 — \u200b\u202e',
        'nul \u0000 tab \t newline \n crlf \r\n',
        '',
        JSON.stringify({ type: 'message.created', body: '"quoted" \\ back' }),
        (printable + '✓€𝄞').repeat(Math.ceil((30 * 1024) / 100)).slice(0, 30 * 1024),
      ];

      for (const payload of payloads) await bus.publish(channel, payload);
      await sink.until(payloads.length);

      expect(sink.received).toEqual(payloads);
    });

    it('a handler that throws or rejects is reported, and the others still get every message', async () => {
      const { bus, logger } = openBus();
      const channel = channelPrefix();
      const sink = collector();
      const throwing = vi.fn(() => {
        throw new Error('handler broke');
      });
      const rejecting = vi.fn(async () => {
        throw new Error('async handler broke');
      });
      await bus.subscribe(channel, throwing);
      await bus.subscribe(channel, rejecting);
      await bus.subscribe(channel, sink.handler);

      await bus.publish(channel, 'first');
      await bus.publish(channel, 'second');
      await sink.until(2);
      await vi.waitFor(() => expect(logger.warn).toHaveBeenCalledTimes(4), { timeout: DELIVERY_TIMEOUT_MS });

      expect(sink.received).toEqual(['first', 'second']);
      expect(throwing).toHaveBeenCalledTimes(2);
      expect(rejecting).toHaveBeenCalledTimes(2);
      const reported = logger.warn.mock.calls.map(([details]) => ((details as { err: Error }).err).message);
      expect(reported.sort()).toEqual(['async handler broke', 'async handler broke', 'handler broke', 'handler broke']);
    });

    it('is healthy while open; close() stops delivery, publish and subscribe, and can be called again', async () => {
      const { bus } = openBus();
      const channel = channelPrefix();
      const sink = collector();
      await bus.subscribe(channel, sink.handler);
      expect(bus.isHealthy()).toBe(true);

      // Published but not yet delivered when close() starts: it must not arrive afterwards.
      // Whether that publish itself succeeds depends on how far it got; either outcome is fine.
      const inFlight = bus.publish(channel, 'too late').catch(() => {});
      await bus.close();
      await inFlight;

      expect(sink.received).toEqual([]);
      expect(bus.isHealthy()).toBe(false);
      await expect(bus.publish(channel, 'after close')).rejects.toBeInstanceOf(BusClosedError);
      await expect(bus.subscribe(channel, sink.handler)).rejects.toBeInstanceOf(BusClosedError);
      await bus.close();
    });
  });
}
