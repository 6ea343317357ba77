/**
 * A scripted stand-in for the relay's end of a WebSocket, for tests: it records what the client
 * sends and lets the test open it, push frames and close it with a code. Not exported.
 */
import type { WebSocketLike } from './types';

export type SentFrame = { type: string } & Record<string, unknown>;

export class FakeSocket implements WebSocketLike {
  readyState = 0;
  onopen: WebSocketLike['onopen'] = null;
  onclose: WebSocketLike['onclose'] = null;
  onerror: WebSocketLike['onerror'] = null;
  onmessage: WebSocketLike['onmessage'] = null;
  readonly sent: SentFrame[] = [];
  closedWith: number | undefined;

  constructor(readonly url: string) {}

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('InvalidStateError: the socket is not open');
    this.sent.push(JSON.parse(data) as SentFrame);
  }

  /** Like a browser socket, the close event follows later, on a timer. */
  close(code = 1000, reason = ''): void {
    if (this.readyState === 3) return;
    this.closedWith = code;
    this.readyState = 3;
    setTimeout(() => this.onclose?.({ code, reason }), 0);
  }

  accept(): void {
    this.readyState = 1;
    this.onopen?.({});
  }

  push(frame: unknown): void {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
  }

  /** The relay (or the network) closes the socket. */
  drop(code: number, reason = ''): void {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }

  sentOfType(type: string): SentFrame[] {
    return this.sent.filter((frame) => frame.type === type);
  }
}

export function fakeSockets() {
  const all: FakeSocket[] = [];
  return {
    all,
    create: (url: string): FakeSocket => {
      const socket = new FakeSocket(url);
      all.push(socket);
      return socket;
    },
    get last(): FakeSocket {
      const socket = all.at(-1);
      if (!socket) throw new Error('no socket was created');
      return socket;
    },
  };
}
