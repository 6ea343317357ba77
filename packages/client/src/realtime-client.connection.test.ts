import { makeMessage } from '@parley/protocol/testing';
import { CLOSE_INCOMPATIBLE, ERRORS, HEARTBEAT_MS, PROTOCOL_VERSION } from '@parley/protocol/light';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HEARTBEAT, startClient, welcome } from './client-harness';

const CONV_A = '00000000-0000-4000-8000-00000000000a';
const CONV_B = '00000000-0000-4000-8000-00000000000b';

let stop: (() => void) | undefined;
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  stop?.();
  stop = undefined;
  vi.useRealTimers();
});

function start(...args: Parameters<typeof startClient>) {
  const harness = startClient(...args);
  stop = () => harness.client.close();
  return harness;
}

describe('handshake', () => {
  it('sends hello on open carrying the last seq of every known conversation', () => {
    const { client, sockets, open } = start();
    const first = open();
    expect(first.sent[0]).toEqual({ type: 'hello', protocolVersion: PROTOCOL_VERSION, token: 'visitor-token', resume: {} });

    first.push({ type: 'message.created', message: makeMessage({ conversationId: CONV_A, seq: 1 }) });
    first.push({ type: 'message.created', message: makeMessage({ conversationId: CONV_A, seq: 2 }) });
    client.track(CONV_B, 7);
    first.drop(1006);
    vi.runOnlyPendingTimers();

    sockets.last.accept();
    expect(sockets.last.sent[0]).toMatchObject({ type: 'hello', resume: { [CONV_A]: 2, [CONV_B]: 7 } });
  });

  it('is open only after welcome, and send() refuses until then', () => {
    const { client, sockets, states } = start();
    client.connect();
    expect(client.state).toBe('connecting');
    sockets.last.accept();
    expect(client.send({ type: 'typing.start', conversationId: CONV_A })).toBe(false);
    sockets.last.push(welcome());
    expect(client.state).toBe('open');
    expect(client.send({ type: 'typing.start', conversationId: CONV_A })).toBe(true);
    expect(sockets.last.sentOfType('typing.start')).toEqual([{ type: 'typing.start', conversationId: CONV_A }]);
    expect(states).toEqual(['connecting', 'open']);
  });

  it('reports incompatible once and does not reconnect', () => {
    const { client, sockets, errors } = start();
    client.connect();
    sockets.last.accept();
    sockets.last.push({ type: 'incompatible', protocolVersion: 2, minProtocolVersion: 2, message: 'Update the widget.' });
    sockets.last.drop(CLOSE_INCOMPATIBLE);
    vi.advanceTimersByTime(10 * 60_000);

    expect(errors).toEqual([{ code: 'incompatible', message: 'Update the widget.' }]);
    expect(client.state).toBe('closed');
    expect(sockets.all).toHaveLength(1);
  });
});

describe('reconnect', () => {
  it('backs off with full jitter, doubling up to the cap, and resets after welcome', () => {
    const { client, sockets, states } = start({ backoff: { baseMs: 100, maxMs: 1000 }, random: () => 0.5 });
    client.connect();
    // Each attempt fails before opening; expected delays: 0.5 * min(1000, 100 * 2^n).
    const expected = [50, 100, 200, 400, 500, 500];
    for (const delay of expected) {
      const before = sockets.all.length;
      sockets.last.drop(1006);
      vi.advanceTimersByTime(delay - 1);
      expect(sockets.all).toHaveLength(before);
      vi.advanceTimersByTime(1);
      expect(sockets.all).toHaveLength(before + 1);
    }
    expect(client.state).toBe('reconnecting');

    sockets.last.accept();
    sockets.last.push(welcome());
    expect(client.state).toBe('open');
    sockets.last.drop(1001);
    const before = sockets.all.length;
    vi.advanceTimersByTime(50);
    expect(sockets.all).toHaveLength(before + 1);
    expect(states).toEqual(['connecting', 'reconnecting', 'open', 'reconnecting']);
  });

  it('uses the injected random for the jitter', () => {
    const { client, sockets } = start({ backoff: { baseMs: 1000, maxMs: 30_000 }, random: () => 0.1 });
    client.connect();
    sockets.last.drop(1006);
    vi.advanceTimersByTime(99);
    expect(sockets.all).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets.all).toHaveLength(2);
  });

  it('reconnects after an error frame followed by an ordinary close', () => {
    const { sockets, errors, open } = start();
    const first = open();
    first.push({ type: 'error', code: 'unavailable', message: 'db down' });
    first.drop(1011);
    vi.advanceTimersByTime(250);
    expect(sockets.all).toHaveLength(2);
    expect(errors).toEqual([{ type: 'error', code: 'unavailable', message: 'db down' }]);
  });

  it.each([
    [4401, 'unauthorized'],
    [4403, 'forbidden_origin'],
    [4404, 'unknown_site'],
  ] as const)('stops after close %i, reporting %s once, until connect() is called', (close, code) => {
    const { client, sockets, errors, open } = start();
    open().drop(close);
    vi.advanceTimersByTime(10 * 60_000);
    expect(sockets.all).toHaveLength(1);
    expect(client.state).toBe('closed');
    expect(errors).toHaveLength(1);
    // No error frame explained the close, so the report names the code the registry gives it.
    expect(errors[0]).toMatchObject({ type: 'error', code, message: expect.stringContaining(`${close} ${code}`) });

    client.connect();
    expect(sockets.all).toHaveLength(2);
    expect(client.state).toBe('connecting');
  });

  it('does not report the close again when an error frame already explained it', () => {
    const { sockets, errors, open } = start();
    const socket = open();
    socket.push({ type: 'error', code: 'unauthorized', message: ERRORS.unauthorized.message });
    socket.drop(4401);
    vi.advanceTimersByTime(60_000);
    expect(errors).toEqual([{ type: 'error', code: 'unauthorized', message: ERRORS.unauthorized.message }]);
    expect(sockets.all).toHaveLength(1);
  });

  it('does not reconnect after close(), even when the close event comes later', () => {
    const { client, sockets, states, open } = start();
    const socket = open();
    client.close();
    expect(socket.closedWith).toBe(1000);
    vi.advanceTimersByTime(10 * 60_000);
    expect(sockets.all).toHaveLength(1);
    expect(states).toEqual(['connecting', 'open', 'closed']);
  });

  it('close() while waiting to reconnect cancels the attempt', () => {
    const { client, sockets, open } = start();
    open().drop(1006);
    client.close();
    vi.advanceTimersByTime(10 * 60_000);
    expect(sockets.all).toHaveLength(1);
    expect(client.state).toBe('closed');
  });

  it('retries when creating the socket throws', () => {
    let calls = 0;
    const { client } = start({
      createSocket: () => {
        calls++;
        throw new Error('blocked by CSP');
      },
    });
    client.connect();
    expect(client.state).toBe('reconnecting');
    vi.advanceTimersByTime(250);
    expect(calls).toBe(2);
  });
});

describe('heartbeat', () => {
  it('pings every heartbeat interval once open', () => {
    const { client, open } = start();
    const socket = open();
    for (let beat = 0; beat < 3; beat++) {
      vi.advanceTimersByTime(HEARTBEAT);
      socket.push({ type: 'pong' });
    }
    expect(socket.sentOfType('ping')).toHaveLength(3);
    expect(client.state).toBe('open');
    expect(socket.sentOfType('ping')[0]).toEqual({ type: 'ping', ts: expect.any(Number) });
  });

  it("follows the welcome's interval when the options set none", () => {
    const { open } = start();
    const socket = open(4000);
    vi.advanceTimersByTime(8000);
    expect(socket.sentOfType('ping')).toHaveLength(2);
  });

  it("lets the options override the welcome's interval", () => {
    const { open } = start({ heartbeatMs: 3000 });
    const socket = open(4000);
    // Pings at 3 s and 6 s; the welcome's 4 s would have given one.
    vi.advanceTimersByTime(7000);
    expect(socket.sentOfType('ping')).toHaveLength(2);
  });

  it('drops a socket silent for 2.5 heartbeats and reconnects', () => {
    const { client, sockets, open } = start();
    const socket = open();
    vi.advanceTimersByTime(HEARTBEAT * 2);
    socket.push({ type: 'pong' });
    vi.advanceTimersByTime(HEARTBEAT * 2.5 - 1);
    expect(socket.closedWith).toBeUndefined();
    vi.advanceTimersByTime(1);
    expect(socket.closedWith).toBe(4408);
    expect(client.state).toBe('reconnecting');
    vi.advanceTimersByTime(250);
    expect(sockets.all).toHaveLength(2);
  });

  it('gives up on a socket that never answers hello', () => {
    const { client, sockets } = start();
    client.connect();
    sockets.last.accept();
    vi.advanceTimersByTime(HEARTBEAT_MS * 2.5 - 1);
    expect(sockets.all[0]?.closedWith).toBeUndefined();
    vi.advanceTimersByTime(1);
    expect(sockets.all[0]?.closedWith).toBe(4408);
    expect(client.state).toBe('reconnecting');
  });

  it('stops pinging after close()', () => {
    const { client, open } = start();
    const socket = open();
    client.close();
    vi.advanceTimersByTime(HEARTBEAT * 5);
    expect(socket.sentOfType('ping')).toHaveLength(0);
  });
});

describe('robustness', () => {
  it('ignores frames of unknown type and frames that are not JSON', () => {
    const { client, open, delivered, errors } = start();
    const seen: unknown[] = [];
    client.on('pong', (frame) => seen.push(frame));
    const socket = open();
    socket.push({ type: 'visitor.teleported', where: 'mars' });
    socket.push('{not json');
    socket.push('null');
    socket.push({ type: 'pong', ts: 1 });
    expect(seen).toEqual([{ type: 'pong', ts: 1 }]);
    expect(delivered).toEqual([]);
    expect(errors).toEqual([]);
    expect(client.state).toBe('open');
  });

  it('isolates a throwing handler from the other handlers and from the client', () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { client, open, delivered } = start();
    client.onMessage(() => {
      throw new Error('broken widget code');
    });
    const after: number[] = [];
    client.onMessage((m) => after.push(m.seq));
    const socket = open();
    socket.push({ type: 'message.created', message: makeMessage({ conversationId: CONV_A, seq: 1 }) });
    socket.push({ type: 'message.created', message: makeMessage({ conversationId: CONV_A, seq: 2 }) });
    expect(after).toEqual([1, 2]);
    expect(delivered.map((m) => m.seq)).toEqual([1, 2]);
    expect(client.lastSeq(CONV_A)).toBe(2);
    expect(consoleError).toHaveBeenCalledTimes(2);
    consoleError.mockRestore();
  });

  it('returns working unsubscribe functions', () => {
    const { client, open } = start();
    const seqs: number[] = [];
    const off = client.onMessage((m) => seqs.push(m.seq));
    const socket = open();
    socket.push({ type: 'message.created', message: makeMessage({ conversationId: CONV_A, seq: 1 }) });
    off();
    socket.push({ type: 'message.created', message: makeMessage({ conversationId: CONV_A, seq: 2 }) });
    expect(seqs).toEqual([1]);
  });

  it('reports error frames that name no pending message', () => {
    const { open, errors } = start();
    open().push({ type: 'error', code: 'rate_limited', message: 'slow down', ref: 'typing.start' });
    expect(errors).toEqual([{ type: 'error', code: 'rate_limited', message: 'slow down', ref: 'typing.start' }]);
  });
});
