/**
 * The test command's engine: typecheck, then one vitest run over every layer, then a per-layer
 * count and the closing line CI reads: `tests: N passed, N failed` (`, N skipped` when any).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

interface AssertionResult {
  status: 'passed' | 'failed' | 'skipped' | 'pending' | 'todo' | 'disabled';
}
interface FileResult {
  name: string;
  status: string;
  message?: string;
  assertionResults: AssertionResult[];
}

type Layer = 'typecheck' | 'unit' | 'integration' | 'e2e';
const counts = new Map<Layer, { passed: number; failed: number; skipped: number }>();
const count = (layer: Layer) => {
  let entry = counts.get(layer);
  if (!entry) counts.set(layer, (entry = { passed: 0, failed: 0, skipped: 0 }));
  return entry;
};

function layerOf(file: string): Layer {
  if (/\.e2e\.test\.ts$/.test(file)) return 'e2e';
  if (/\.int\.test\.ts$/.test(file)) return 'integration';
  return 'unit';
}

console.log('typecheck: tsc --noEmit');
const tsc = spawnSync('tsc', ['-p', 'tsconfig.json', '--noEmit'], { stdio: 'inherit' });
count('typecheck')[tsc.status === 0 ? 'passed' : 'failed'] += 1;

const workDir = '.test-work';
mkdirSync(workDir, { recursive: true });
const report = `${workDir}/vitest.json`;
rmSync(report, { force: true });
const vitest = spawnSync(
  'vitest',
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);

let files: FileResult[] = [];
try {
  files = (JSON.parse(readFileSync(report, 'utf8')) as { testResults: FileResult[] }).testResults;
} catch {
  console.error(`vitest wrote no report (exit ${vitest.status}); counting the run as one failure`);
  count('unit').failed += 1;
}
for (const file of files) {
  const layer = count(layerOf(file.name));
  // A file that failed to load has no assertions but must still count as a failure.
  if (file.assertionResults.length === 0 && file.status === 'failed') layer.failed += 1;
  for (const test of file.assertionResults) {
    if (test.status === 'passed') layer.passed += 1;
    else if (test.status === 'failed') layer.failed += 1;
    else layer.skipped += 1;
  }
}
if (vitest.status !== 0 && [...counts.values()].every((layer) => layer.failed === 0)) {
  // vitest failed outside any test (a global setup, an unhandled error): never report green.
  count('unit').failed += 1;
}

const format = (c: { passed: number; failed: number; skipped: number }) =>
  `${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ''}`;
const total = { passed: 0, failed: 0, skipped: 0 };
console.log('');
for (const layer of ['typecheck', 'unit', 'integration', 'e2e'] as const) {
  const c = counts.get(layer) ?? { passed: 0, failed: 0, skipped: 0 };
  console.log(`${layer.padEnd(12)} ${format(c)}`);
  total.passed += c.passed;
  total.failed += c.failed;
  total.skipped += c.skipped;
}
console.log(`tests: ${format(total)}`);
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
