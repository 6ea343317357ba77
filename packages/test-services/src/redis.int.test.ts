import { connect, createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startRedis } from './redis';

/** Sends one inline command and resolves with the first line of the reply (`+OK`, `$-1` ...). */
function command(port: number, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let reply = '';
    socket.once('error', reject);
    socket.once('connect', () => socket.write(`${line}\r\n`));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      const end = reply.indexOf('\r\n');
      if (end >= 0) {
        socket.destroy();
        resolve(reply.slice(0, end));
      }
    });
  });
}

/** Resolves once the socket is closed by the other side. */
function openConnection(port: number): Promise<{ closed: Promise<void>; destroy(): void }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.off('error', reject);
      socket.on('error', () => {});
      const closed = new Promise<void>((done) => socket.once('close', () => done()));
      resolve({ closed, destroy: () => socket.destroy() });
    });
  });
}

function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

// Outside CI a machine without Debian's redis-server skips; CI installs it, so there nothing skips.
const missing = !existsSync('/usr/bin/redis-server') && process.env.CI !== 'true';

describe.skipIf(missing)('startRedis', () => {
  it('starts a server that answers commands, and stop() ends it (twice is fine)', async () => {
    const redis = await startRedis();
    try {
      expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
      expect(await command(redis.port, 'PING')).toBe('+PONG');
      expect(await command(redis.port, 'CONFIG GET save')).toBe('*2');
    } finally {
      await redis.stop();
    }
    expect(await refusesConnections(redis.port)).toBe(true);
    await redis.stop();
  });

  it('restart() drops clients, is down while whileDown runs, and comes back empty on the same port', async () => {
    const redis = await startRedis();
    try {
      expect(await command(redis.port, 'SET greeting hello')).toBe('+OK');
      const client = await openConnection(redis.port);
      let downDuringRestart: boolean | null = null;
      await redis.restart({
        whileDown: async () => {
          downDuringRestart = await refusesConnections(redis.port);
        },
      });
      await client.closed;
      expect(downDuringRestart).toBe(true);
      expect(await command(redis.port, 'PING')).toBe('+PONG');
      // Nothing is persisted, so the crash lost the key.
      expect(await command(redis.port, 'GET greeting')).toBe('$-1');
    } finally {
      await redis.stop();
    }
  });

  it('restart() after stop() rejects instead of resurrecting the server', async () => {
    const redis = await startRedis();
    await redis.stop();
    await expect(redis.restart()).rejects.toThrow(/stopped/);
    expect(await refusesConnections(redis.port)).toBe(true);
  });

  it('uses the port it is given', async () => {
    const first = await startRedis();
    await first.stop();
    const redis = await startRedis({ port: first.port });
    try {
      expect(redis.port).toBe(first.port);
      expect(await command(redis.port, 'PING')).toBe('+PONG');
    } finally {
      await redis.stop();
    }
  });

  it('fails with the server log when the given port is taken', async () => {
    // Connections the start-up poll opens to the blocker are dropped at once, so close() can finish.
    const blocker = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      await expect(startRedis({ port })).rejects.toThrow(/address already in use/i);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
