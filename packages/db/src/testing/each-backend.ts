/**
 * Runs one integration suite on both databases Parley supports: in-memory PGlite (the default
 * install) and a fresh database on the real Postgres the global setup started. Without a
 * Postgres (outside CI) the Postgres half skips; CI provides one, so there nothing skips.
 */
import { createTestDatabase, postgresUrl } from '@parley/test-services';
import { afterAll, beforeAll, describe } from 'vitest';
import { openDb, type Database } from '../open-db';

export type BackendKind = Database['kind'];

export function describeEachBackend(name: string, suite: (database: () => Database, kind: BackendKind) => void): void {
  const serverUrl = postgresUrl();
  for (const kind of ['pglite', 'pg'] as const) {
    describe.skipIf(kind === 'pg' && !serverUrl)(`${name} [${kind}]`, () => {
      let database: Database | undefined;
      let drop: (() => Promise<void>) | undefined;
      beforeAll(async () => {
        if (kind === 'pglite') {
          database = await openDb({ dataDir: 'memory://' });
        } else {
          const created = await createTestDatabase(serverUrl!);
          drop = created.drop;
          database = await openDb({ url: created.url });
        }
      });
      afterAll(async () => {
        await database?.close();
        await drop?.();
      });
      suite(() => {
        if (!database) throw new Error('the database is opened in beforeAll');
        return database;
      }, kind);
    });
  }
}
