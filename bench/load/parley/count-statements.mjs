/**
 * Preloaded into a relay process by `bench/probe.ts --count-statements=FILE` (node --import):
 * counts every statement the relay sends through node-postgres, by its text, and writes the
 * counts to FILE when the process exits (FILE.reset starts the count afresh). Plain JS so it loads before tsx.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../../../packages/db/package.json', import.meta.url));
const pg = require('pg');
const counts = new Map();
const original = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(config, ...rest) {
  const text = typeof config === 'string' ? config : config?.text;
  if (typeof text === 'string') {
    const key = text.replace(/\s+/g, ' ').trim().slice(0, 120);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return original.call(this, config, ...rest);
};
// The probe resets the counts after its warm-up (by creating FILE.reset), so they cover the
// measured steps only. A file, not a signal: the relay stops gracefully on the usual signals.
const resetFile = `${process.env.PARLEY_STATEMENT_COUNT_FILE}.reset`;
setInterval(() => {
  if (!existsSync(resetFile)) return;
  rmSync(resetFile, { force: true });
  counts.clear();
}, 100).unref();
process.on('exit', () => {
  const file = process.env.PARLEY_STATEMENT_COUNT_FILE;
  if (file) writeFileSync(file, JSON.stringify(Object.fromEntries([...counts].sort((a, b) => b[1] - a[1])), null, 1));
});
