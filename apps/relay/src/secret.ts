/**
 * The secret that signs visitor tokens. Given by PARLEY_SECRET, or (single node, embedded
 * defaults) made once and kept in DATA_DIR so visitors stay recognised across restarts.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from './config';

export async function resolveSecret(config: Config): Promise<string> {
  if (config.secret) return config.secret;
  if (config.redisUrl) {
    throw new Error('PARLEY_SECRET is required with REDIS_URL: every relay node must sign visitor tokens with the same secret.');
  }
  const file = join(config.dataDir, 'secret');
  const existing = await readFile(file, 'utf8').catch(() => null);
  if (existing && existing.trim().length >= 32) return existing.trim();
  const secret = randomBytes(32).toString('hex');
  await mkdir(config.dataDir, { recursive: true });
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}
