/**
 * `pnpm run check:size` (after `pnpm run build`; scripts/test runs it): measures what the widget
 * costs a customer's page and exits 1 when a budget in size-budget.ts is exceeded. Sizes are
 * measured from the files themselves (gzip level 9, as the build's manifest); the manifest only
 * names the loader and the widget's entry, and the rest is found from the built files' imports,
 * so neither a stale manifest nor a new chunk can hide a regression.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { renderSnippet, type WidgetManifest } from '../packages/widget/src/index';
import { checkSizeBudgets, type MeasuredFile, type SizeRow } from './size-budget';
import { fullWidgetFiles, widgetLoadSet } from './widget-load-set';

const WIDGET_DIST = fileURLToPath(new URL('../packages/widget/dist/', import.meta.url));
const CONSOLE_DIST = fileURLToPath(new URL('../apps/console/dist/', import.meta.url));

/**
 * A snippet as a site owner gets it: an https relay origin of ordinary length and a site key of
 * the real shape (`pk_` + 24 base64url characters, random so gzip gains nothing on it).
 */
const SNIPPET_EXAMPLE = { relayOrigin: 'https://chat.example-shop.com', siteKey: 'pk_Xq3vR8mLk2ZpT9wYc4NbHs7D' };

function measure(name: string, content: string | Uint8Array): MeasuredFile {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  return { name, bytes: bytes.byteLength, gzipBytes: gzipSync(bytes, { level: 9 }).byteLength };
}

function measureDistFile(dir: string, file: string): MeasuredFile {
  const filePath = `${dir}${file}`;
  if (!existsSync(filePath)) throw new Error(`${filePath} is missing: run \`pnpm run build\` first.`);
  return measure(file, readFileSync(filePath));
}

function consoleScript(): MeasuredFile | null {
  const index = `${CONSOLE_DIST}index.html`;
  if (!existsSync(index)) return null;
  const script = /<script type="module" src="\/(assets\/[^"]+\.js)"/.exec(readFileSync(index, 'utf8'))?.[1];
  return script ? { ...measureDistFile(CONSOLE_DIST, script), name: `console ${script}` } : null;
}

/**
 * The full widget as one visitor loads it: the panel module and every file it imports, at once or
 * lazily, found by following the built files' imports; of the language catalogs only the largest
 * counts, since a visitor fetches the one of their language. Every other .js file in dist/ must be
 * one of these, so nothing the relay serves escapes the sum.
 */
function fullWidget(entry: string): MeasuredFile {
  const set = widgetLoadSet(entry, (file) => (existsSync(`${WIDGET_DIST}${file}`) ? readFileSync(`${WIDGET_DIST}${file}`, 'utf8') : undefined));
  const known = new Set(['loader.js', ...set.always, ...set.catalogs.flat()]);
  const stray = readdirSync(WIDGET_DIST).filter((file) => file.endsWith('.js') && !known.has(file));
  if (stray.length > 0) throw new Error(`dist/ holds ${stray.join(', ')}, which neither the loader nor the widget imports: run \`pnpm run build\` (it removes stale files).`);
  const measured = new Map([...known].map((file) => [file, measureDistFile(WIDGET_DIST, file)]));
  const parts = fullWidgetFiles(set, (file) => measured.get(file)!.gzipBytes).map((file) => measured.get(file)!);
  return {
    name: parts.map((part) => part.name).join(' + '),
    bytes: parts.reduce((sum, part) => sum + part.bytes, 0),
    gzipBytes: parts.reduce((sum, part) => sum + part.gzipBytes, 0),
  };
}

function formatTable(rows: SizeRow[]): string {
  const header = ['', 'raw', 'gzip', 'budget (gzip)', ''];
  const lines = rows.map((row) => [
    row.name,
    `${row.bytes} B`,
    `${row.gzipBytes} B`,
    row.budgetGzip === null ? '-' : `${row.budgetGzip} B`,
    row.budgetGzip === null ? '(info)' : row.over ? 'OVER' : 'ok',
  ]);
  const widths = header.map((_, column) => Math.max(...[header, ...lines].map((line) => line[column]!.length)));
  return [header, ...lines]
    .map((line) => line.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  '))
    .join('\n');
}

function main(): number {
  const manifestPath = `${WIDGET_DIST}manifest.json`;
  if (!existsSync(manifestPath)) {
    process.stderr.write(`check:size: ${manifestPath} is missing: run \`pnpm run build\` first.\n`);
    return 1;
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as WidgetManifest;
  const verdict = checkSizeBudgets({
    snippet: measure('snippet (pasted in the page)', renderSnippet(SNIPPET_EXAMPLE)),
    loader: measureDistFile(WIDGET_DIST, manifest.loader.file),
    widget: fullWidget(manifest.widget.file),
    console: consoleScript(),
  });
  process.stdout.write(`${formatTable(verdict.rows)}\n`);
  for (const failure of verdict.failures) process.stderr.write(`check:size: budget exceeded: ${failure}\n`);
  return verdict.ok ? 0 : 1;
}

try {
  process.exitCode = main();
} catch (error) {
  process.stderr.write(`check:size: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
