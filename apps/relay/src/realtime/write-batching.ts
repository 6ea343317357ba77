/**
 * One write per socket per event-loop turn instead of one per frame. `ws` writes every frame as
 * its own system call (header and payload in a writev), and a group commit answers dozens of
 * messages in the same turn: an agent socket then got 2 frames per message, a syscall each.
 * The TCP socket under a WebSocket is corked at its first frame in a turn and uncorked once,
 * in setImmediate, after every callback of that turn ran: the frames leave in one writev, in
 * the order they were sent. Nothing is held back longer than the turn that produced it.
 */
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

const corked = new Set<Socket>();
let flushScheduled = false;

function flush(): void {
  flushScheduled = false;
  for (const socket of corked) socket.uncork();
  corked.clear();
}

/** The TCP socket `ws` writes to (not in its public types, stable since ws 1). */
function rawSocketOf(socket: WebSocket): Socket | undefined {
  return (socket as unknown as { _socket?: Socket })._socket;
}

/** Call before `socket.send`: the send joins this turn's single write to that socket. */
export function batchWrites(socket: WebSocket): void {
  const raw = rawSocketOf(socket);
  if (!raw || corked.has(raw) || raw.destroyed) return;
  raw.cork();
  corked.add(raw);
  if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(flush);
  }
}
