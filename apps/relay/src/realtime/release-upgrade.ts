/**
 * What an idle socket keeps alive is what the server pays per visitor. @fastify/websocket
 * routes the upgrade as an ordinary request with a ServerResponse assigned to the TCP socket,
 * and that response stays referenced by the socket (`_httpMessage`) for the socket's whole
 * life: with it the upgrade request and its headers, the Fastify request and reply, their
 * logger and the security headers set on the response. The plugin's own 'error' listener on
 * the WebSocket closes over the same request and reply. Detaching both once the WebSocket is
 * open lets all of that be collected; the connection then installs its own 'error' listener
 * (so an error is still never unhandled), and nothing else needs the request again.
 */
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/** Call right after the upgrade, before the connection adds its own listeners. */
export function releaseUpgrade(socket: WebSocket): void {
  const raw = (socket as unknown as { _socket?: Socket & { _httpMessage?: ServerResponse | null } })._socket;
  const response = raw?._httpMessage;
  if (raw && response && typeof response.detachSocket === 'function') response.detachSocket(raw);
  socket.removeAllListeners('error');
}
