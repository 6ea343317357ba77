import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WidgetApi, type ApiTarget } from './widget-api';

function recordingTarget() {
  const calls: unknown[][] = [];
  const target: ApiTarget = {
    identify: (proof) => void calls.push(['identify', proof]),
    setAttributes: (attributes) => void calls.push(['set', attributes]),
    shutdown: () => void calls.push(['shutdown']),
  };
  return { calls, target };
}

describe('WidgetApi', () => {
  let warn: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  it('passes identify, set and shutdown to the connection, in order', () => {
    const { calls, target } = recordingTarget();
    const api = new WidgetApi(target);
    api.run(['identify', { token: 'jwt' }]);
    api.run(['set', { attributes: { plan: 'pro' } }]);
    api.run(['shutdown']);
    expect(calls).toEqual([['identify', { token: 'jwt' }], ['set', { plan: 'pro' }], ['shutdown']]);
    expect(warn).not.toHaveBeenCalled();
  });

  it.each([
    [['identify']],
    [['identify', 'a-token-not-in-an-object']],
    [['set', { plan: 'pro' }]],
    [['set', null]],
    [['on', 'hover', () => undefined]],
    [['on', 'open', 'not a function']],
    [['fly']],
  ])('warns about %j instead of acting or throwing', (args) => {
    const { calls, target } = recordingTarget();
    expect(() => new WidgetApi(target).run(args)).not.toThrow();
    expect(calls).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]!.join(' ')).toMatch(/^Parley: bad arguments for \w+; see docs\/widget.md/);
  });

  it('calls every listener of an event with its detail, and survives one that throws', () => {
    const api = new WidgetApi(recordingTarget().target);
    const seen: unknown[] = [];
    api.run(['on', 'unread', () => {
      throw new Error('page bug');
    }]);
    api.run(['on', 'unread', (count: unknown) => seen.push(count)]);
    api.run(['on', 'open', () => seen.push('opened')]);
    api.emit('unread', 2);
    api.emit('close', undefined);
    expect(seen).toEqual([2]);
    expect(warn.mock.calls[0]!.join(' ')).toMatch(/listener threw/);
  });
});
