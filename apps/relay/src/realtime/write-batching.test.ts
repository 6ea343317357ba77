import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { batchWrites } from './write-batching';

const stops: Array<() => void> = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

async function socketPair(): Promise<{ server: WebSocket; client: WebSocket }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  stops.push(() => wss.close());
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const accepted = new Promise<WebSocket>((resolve) => wss.once('connection', resolve));
  const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
  stops.push(() => client.terminate());
  await new Promise<void>((resolve) => client.once('open', () => resolve()));
  const server = await accepted;
  stops.push(() => server.terminate());
  return { server, client };
}

const rawOf = (socket: WebSocket) => (socket as unknown as { _socket: Socket })._socket;

it('holds the frames of one turn in the socket and writes them together, in order, after the turn', async () => {
  const { server, client } = await socketPair();
  const received: string[] = [];
  const all = new Promise<void>((resolve) =>
    client.on('message', (data) => {
      received.push(String(data));
      if (received.length === 3) resolve();
    }),
  );
  for (const frame of ['a', 'b', 'c']) {
    batchWrites(server);
    server.send(frame);
  }
  // Still this turn: corked once however many frames, nothing written yet.
  expect(rawOf(server).writableCorked).toBe(1);
  expect(rawOf(server).writableLength).toBeGreaterThan(0);
  await new Promise((resolve) => setImmediate(resolve));
  expect(rawOf(server).writableCorked).toBe(0);
  await all;
  expect(received).toEqual(['a', 'b', 'c']);
});

it('uncorks every socket of the turn', async () => {
  const first = await socketPair();
  const second = await socketPair();
  for (const { server } of [first, second]) {
    batchWrites(server);
    server.send('x');
  }
  await new Promise((resolve) => setImmediate(resolve));
  expect(rawOf(first.server).writableCorked).toBe(0);
  expect(rawOf(second.server).writableCorked).toBe(0);
});
