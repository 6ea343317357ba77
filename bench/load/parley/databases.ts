/** One Postgres server for the whole run, a fresh database per scenario so tables start empty. */
import pg from 'pg';

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function createDatabase(serverUrl: string, database: string): Promise<string> {
  if (!/^[a-z0-9_]+$/.test(database)) throw new Error(`not a plain database name: ${database}`);
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists ${database}`);
    await client.query(`create database ${database}`);
  } finally {
    await client.end();
  }
  return databaseUrl(serverUrl, database);
}
