/**
 * The sockets of a simulated client: each (re)connect lands on a node picked at random among the
 * running ones (no stickiness, as behind a load balancer), with the headers a browser would send.
 * The current `ws` socket stays reachable so faults can cut it.
 */
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import type { WebSocketFactory, WebSocketLike } from '@parley/client';
import WebSocket from 'ws';
import type { Cluster } from './cluster';
import type { Prng } from './prng';

export interface NodeSockets {
  createSocket: WebSocketFactory;
  /** The socket of the latest connect, open or not. */
  current(): WebSocket | null;
  /** Which node the latest connect went to. */
  node(): number;
}

export function nodeSockets(cluster: Cluster, rng: Prng, headers: Record<string, string>): NodeSockets {
  let socket: WebSocket | null = null;
  let node = -1;
  return {
    createSocket(url) {
      const target = cluster.pickNode(rng);
      const { pathname, search } = new URL(url);
      node = target.index;
      socket = new WebSocket(`${target.wsUrl}${pathname}${search}`, { headers });
      // A refused connection emits 'error' before 'close'; the realtime client handles the close.
      socket.on('error', () => {});
      return socket as unknown as WebSocketLike;
    },
    current: () => socket,
    node: () => node,
  };
}

/** A client-to-server text frame as RFC 6455 wants it: FIN, opcode 1, masked. */
function maskedTextFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  const length = payload.length;
  let header: Buffer;
  if (length < 126) header = Buffer.from([0x81, 0x80 | length]);
  else if (length < 65_536) header = Buffer.from([0x81, 0x80 | 126, length >> 8, length & 0xff]);
  else {
    header = Buffer.alloc(10);
    header[0] = 0x81;
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  const mask = randomBytes(4);
  const masked = Buffer.alloc(length);
  for (let i = 0; i < length; i++) masked[i] = payload[i]! ^ mask[i % 4]!;
  return Buffer.concat([header, mask, masked]);
}

/**
 * Cuts a connection in the middle of a frame: writes the first half of `frame` straight onto the
 * TCP socket (behind whatever the client already queued), then either closes it (the relay reads
 * a truncated frame, then EOF) or resets it (RST: what is still in the kernel's buffers is lost).
 */
export function cutMidFrame(ws: WebSocket, frame: object, how: 'fin' | 'rst'): boolean {
  // `ws` keeps its TCP socket private; reaching it is the only way to stop between two bytes of a frame.
  const tcp = (ws as unknown as { _socket?: Socket })._socket;
  if (!tcp || tcp.destroyed || ws.readyState !== WebSocket.OPEN) {
    ws.terminate();
    return false;
  }
  const bytes = maskedTextFrame(JSON.stringify(frame));
  tcp.write(bytes.subarray(0, Math.ceil(bytes.length / 2)));
  if (how === 'rst') tcp.resetAndDestroy();
  else {
    tcp.end();
    // A peer that never answers the FIN must not keep the socket half-open.
    setTimeout(() => tcp.destroy(), 2_000).unref();
  }
  return true;
}
