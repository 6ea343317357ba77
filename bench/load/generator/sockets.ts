/**
 * Opening generator sockets: the `ws` package (it lets us set Origin and Cookie, as a browser
 * would), compression off (the relay does not negotiate it either), a bounded wait for each step.
 */
import WebSocket from 'ws';

export const PING_FRAME = JSON.stringify({ type: 'ping' });

export function openSocket(url: string, headers: Record<string, string>, timeoutMs = 30_000): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers, perMessageDeflate: false, handshakeTimeout: timeoutMs });
    const fail = (reason: string) => {
      ws.removeAllListeners('open');
      ws.terminate();
      reject(new Error(reason));
    };
    ws.once('open', () => {
      ws.removeAllListeners('unexpected-response');
      resolve(ws);
    });
    ws.once('unexpected-response', (_request, response) => fail(`upgrade refused: HTTP ${response.statusCode}`));
    // Errors after open are the fleet's business; before it, they fail the open.
    ws.on('error', (error) => {
      if (ws.readyState === WebSocket.CONNECTING) fail(error.message);
    });
  });
}

/** Resolves with `promise`, or rejects after `ms` naming `what`. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: Error) => void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {});
  return { promise, resolve, reject };
}

/** Runs `task(0..count-1)` with at most `limit` running at once; stops starting new ones after `deadline`. */
export async function forEachLimited(count: number, limit: number, task: (index: number) => Promise<void>, deadline = Infinity): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, count) }, async () => {
    while (next < count && Date.now() < deadline) {
      const index = next++;
      await task(index);
    }
  });
  await Promise.all(lanes);
}

/**
 * Sends `ping` to every socket once per `periodMs`, spread over the period: the relay closes a
 * socket silent for 62.5 s, and a benchmark's set-up can take longer than that.
 */
export function startHeartbeat(sockets: () => WebSocket[], periodMs = 20_000, tickMs = 500): () => void {
  const ticks = periodMs / tickMs;
  let tick = 0;
  const timer = setInterval(() => {
    const all = sockets();
    const from = Math.floor((tick * all.length) / ticks);
    const to = Math.floor(((tick + 1) * all.length) / ticks);
    for (let i = from; i < to; i++) {
      const ws = all[i]!;
      if (ws.readyState === WebSocket.OPEN) ws.send(PING_FRAME);
    }
    tick = (tick + 1) % ticks;
  }, tickMs);
  return () => clearInterval(timer);
}
