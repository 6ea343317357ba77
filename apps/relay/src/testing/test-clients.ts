/**
 * Clients for integration tests: the real @parley/client over the `ws` package (which, unlike a
 * browser, lets a test set the Origin header), plus a raw socket for sending malformed frames.
 */
import {
  createRealtimeClient,
  memoryOutbox,
  type ConsoleSide,
  type RealtimeClient,
  type WebSocketLike,
  type WidgetSide,
} from '@parley/client';
import { PROTOCOL_VERSION, WS_PATHS, type Message } from '@parley/protocol';
import WebSocket from 'ws';
import type { SeededWorkspace } from './relay-harness';

export function wsFactory(origin: string, cookie?: string) {
  return (url: string) =>
    new WebSocket(url, { headers: { origin, ...(cookie ? { cookie } : {}) } }) as unknown as WebSocketLike;
}

export interface VisitorHandle {
  client: RealtimeClient<WidgetSide>;
  messages: Message[];
  token: () => string | undefined;
  welcome: Promise<void>;
}

export function connectVisitor(
  relay: { wsUrl: string },
  site: Pick<SeededWorkspace, 'siteKey' | 'origin'>,
  opts: { token?: string } = {},
): VisitorHandle {
  let token = opts.token;
  const messages: Message[] = [];
  const client = createRealtimeClient<WidgetSide>({
    url: `${relay.wsUrl}${WS_PATHS.widget}?siteKey=${encodeURIComponent(site.siteKey)}`,
    hello: (resume) => ({ type: 'hello', protocolVersion: PROTOCOL_VERSION, ...(token ? { token } : {}), resume }),
    createSocket: wsFactory(site.origin),
    outbox: memoryOutbox(),
    backoff: { baseMs: 20, maxMs: 200 },
  });
  const welcome = new Promise<void>((resolve) => {
    client.on('welcome', (frame) => {
      token = frame.token;
      resolve();
    });
  });
  client.onMessage((message) => messages.push(message));
  client.connect();
  return { client, messages, token: () => token, welcome };
}

export async function signIn(relay: { baseUrl: string }, agent: { email: string; password: string }): Promise<string> {
  const response = await fetch(`${relay.baseUrl}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: agent.email, password: agent.password }),
  });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  const setCookie = response.headers.get('set-cookie') ?? '';
  return setCookie.split(';')[0]!;
}

export interface AgentHandle {
  client: RealtimeClient<ConsoleSide>;
  messages: Message[];
  welcome: Promise<void>;
}

export function connectAgent(relay: { wsUrl: string; baseUrl: string }, cookie: string, origin = relay.baseUrl): AgentHandle {
  const messages: Message[] = [];
  const client = createRealtimeClient<ConsoleSide>({
    url: `${relay.wsUrl}${WS_PATHS.console}`,
    hello: (resume) => ({ type: 'hello', protocolVersion: PROTOCOL_VERSION, resume }),
    createSocket: wsFactory(origin, cookie),
    outbox: memoryOutbox(),
    backoff: { baseMs: 20, maxMs: 200 },
  });
  const welcome = new Promise<void>((resolve) => client.on('welcome', () => resolve()));
  client.onMessage((message) => messages.push(message));
  client.connect();
  return { client, messages, welcome };
}

/** Polls until `check` is true (condition-based waiting, not a timing assertion). */
export async function eventually(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Waits for `check` as long as things move: fails only when `progress` (any value that changes
 * while work gets done, e.g. counts) stayed the same for `stallMs`. A loaded machine makes the
 * wait longer, never a failure; a real stall still fails, with what was last seen.
 */
export async function whileProgressing(check: () => boolean, progress: () => string, what: string, stallMs = 30_000): Promise<void> {
  let last = progress();
  let since = Date.now();
  while (!check()) {
    const now = progress();
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since > stallMs) {
      throw new Error(`stalled waiting for: ${what} (no progress for ${stallMs} ms at ${now})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A raw socket that records every frame, for sending malformed input. */
export class RawSocket {
  readonly frames: Array<Record<string, unknown>> = [];
  closeCode: number | null = null;
  readonly socket: WebSocket;
  readonly opened: Promise<void>;
  readonly failedUpgrade: Promise<number | null>;

  constructor(url: string, headers: Record<string, string>) {
    this.socket = new WebSocket(url, { headers });
    this.socket.on('message', (data) => this.frames.push(JSON.parse(String(data)) as Record<string, unknown>));
    this.socket.on('close', (code) => (this.closeCode = code));
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('error', reject);
    });
    // Refused-upgrade tests never await `opened`; its rejection is expected there, not unhandled.
    this.opened.catch(() => {});
    this.socket.on('error', () => {});
    this.failedUpgrade = new Promise((resolve) => {
      this.socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? null));
      this.socket.once('open', () => resolve(null));
      this.socket.once('error', () => resolve(null));
    });
  }

  send(data: string | Buffer): void {
    this.socket.send(data);
  }

  async next(type: string): Promise<Record<string, unknown>> {
    let found: Record<string, unknown> | undefined;
    await eventually(() => (found = this.frames.find((frame) => frame.type === type)) !== undefined, `frame ${type}`);
    this.frames.splice(this.frames.indexOf(found!), 1);
    return found!;
  }

  close(): void {
    this.socket.terminate();
  }
}
