import { describe, expect, it, vi } from 'vitest';
import { busContract } from './bus-contract';
import { createBus } from './create-bus';
import { createInProcessBus } from './in-process-bus';

busContract('in-process', (logger) => createInProcessBus({ logger }));

describe('createInProcessBus', () => {
  it('never runs a handler inside publish(): delivery comes later, as through Redis', async () => {
    const bus = createInProcessBus();
    try {
      const handler = vi.fn();
      await bus.subscribe('conv:1', handler);
      const published = bus.publish('conv:1', 'hello');
      expect(handler).not.toHaveBeenCalled();
      await published;
      await vi.waitFor(() => expect(handler).toHaveBeenCalledWith('hello'));
    } finally {
      await bus.close();
    }
  });

  it('is what createBus returns without a Redis URL', async () => {
    for (const bus of [createBus(), createBus({ redisUrl: undefined }), createBus({ redisUrl: '' })]) {
      expect(bus.kind).toBe('in-process');
      await bus.close();
    }
  });
});
