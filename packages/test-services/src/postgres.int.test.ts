import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startPostgres } from './postgres';

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

// Outside CI a machine without Debian's Postgres skips; CI installs it, so there nothing skips.
const missing = !existsSync('/usr/lib/postgresql') && process.env.CI !== 'true';

describe.skipIf(missing)('startPostgres', () => {
  it('starts a server that answers queries, and stop() frees the port and deletes the data', async () => {
    const postgres = await startPostgres();
    try {
      expect(postgres.url).toBe(`postgres://postgres@127.0.0.1:${postgres.port}/postgres`);
      const client = new pg.Client({ connectionString: postgres.url });
      await client.connect();
      try {
        const result = await client.query<{ one: number }>('select 1 as one');
        expect(result.rows).toEqual([{ one: 1 }]);
      } finally {
        await client.end();
      }
      expect(await canListen(postgres.port)).toBe(false);
    } finally {
      await postgres.stop();
    }
    expect(await canListen(postgres.port)).toBe(true);
    expect(existsSync(postgres.dataDir)).toBe(false);
    await postgres.stop();
  });

  it('fast shutdown does not wait for connected clients', async () => {
    const postgres = await startPostgres();
    const client = new pg.Client({ connectionString: postgres.url });
    client.on('error', () => {});
    await client.connect();
    await postgres.stop();
    expect(await canListen(postgres.port)).toBe(true);
    await client.end().catch(() => {});
  });

  it('uses the port it is given', async () => {
    const first = await startPostgres();
    await first.stop();
    const postgres = await startPostgres({ port: first.port });
    try {
      expect(postgres.port).toBe(first.port);
    } finally {
      await postgres.stop();
    }
  });

  it('fails with the server log when the given port is taken', async () => {
    // Connections the start-up poll opens to the blocker are dropped at once, so close() can finish.
    const blocker = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      await expect(startPostgres({ port })).rejects.toThrow(/could not (bind|create listen socket)/i);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
