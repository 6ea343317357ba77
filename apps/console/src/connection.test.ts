import type { WebSocketLike } from '@parley/client';
import { PROTOCOL_VERSION } from '@parley/protocol/light';
import { ERRORS } from '@parley/protocol/light';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { consoleSocketUrl, createConsoleClient } from './connection';

/** A scripted socket for the real realtime client: records what it writes, lets the test be the relay. */
function fakeSocket() {
  const written: unknown[] = [];
  const socket: WebSocketLike & { written: unknown[]; relay(frame: unknown): void; shut(code: number): void } = {
    readyState: 0,
    written,
    send: (data) => void written.push(JSON.parse(data)),
    close: () => {},
    onopen: null,
    onclose: null,
    onerror: null,
    onmessage: null,
    relay(frame) {
      socket.onmessage?.({ data: JSON.stringify(frame) });
    },
    shut(code) {
      (socket as { readyState: number }).readyState = 3;
      socket.onclose?.({ code, reason: '' });
    },
  };
  return socket;
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('consoleSocketUrl', () => {
  it('uses ws on http and wss on https, on the page host', () => {
    expect(consoleSocketUrl({ protocol: 'http:', host: '127.0.0.1:8080' })).toBe('ws://127.0.0.1:8080/v1/console/ws');
    expect(consoleSocketUrl({ protocol: 'https:', host: 'chat.example.com' })).toBe('wss://chat.example.com/v1/console/ws');
  });
});

describe('createConsoleClient', () => {
  function connect() {
    const sockets: { url: string; socket: ReturnType<typeof fakeSocket> }[] = [];
    const session = { expire: vi.fn() };
    const client = createConsoleClient(session, {
      location: { protocol: 'https:', host: 'relay.test' },
      createSocket: (url) => {
        const socket = fakeSocket();
        sockets.push({ url, socket });
        return socket;
      },
    });
    client.connect();
    const first = sockets[0]!;
    (first.socket as { readyState: number }).readyState = 1;
    first.socket.onopen?.({});
    return { client, session, sockets, socket: first.socket };
  }

  it('opens the console socket and says hello with the protocol version', () => {
    const { client, sockets, socket } = connect();
    expect(sockets.map((s) => s.url)).toEqual(['wss://relay.test/v1/console/ws']);
    expect(socket.written).toEqual([{ type: 'hello', protocolVersion: PROTOCOL_VERSION, resume: {} }]);
    client.close();
  });

  it.each(['session_ended', 'unauthorized'] as const)('expires the session on %s', (code) => {
    const { client, session, socket } = connect();
    socket.relay({ type: 'error', code, message: ERRORS[code].message });
    socket.shut(4401);
    expect(session.expire).toHaveBeenCalledWith(ERRORS[code].message);
    expect(client.state).toBe('closed');
    client.close();
  });

  it('does not expire the session for other errors', () => {
    const { client, session, socket } = connect();
    socket.relay({ type: 'error', code: 'rate_limited', message: ERRORS.rate_limited.message });
    expect(session.expire).not.toHaveBeenCalled();
    client.close();
  });
});
