/**
 * Bundles the console for the relay to serve: dist/index.html (no-cache) and content-hashed
 * dist/assets/app-<hash>.{js,css} (immutable). Run with `tsx build.ts` or import buildConsole.
 */
import { build } from 'esbuild';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = dirname(fileURLToPath(import.meta.url));

export interface BuildResult {
  /** Written files, relative to outdir (index.html and assets/...). */
  files: string[];
  jsBytes: number;
  jsGzipBytes: number;
}

const STYLE_TAG = /<link rel="stylesheet" href="\.\/src\/styles\.css" \/>/;
const SCRIPT_TAG = /<script type="module" src="\.\/src\/main\.tsx"><\/script>/;

export async function buildConsole(opts: { outdir?: string } = {}): Promise<BuildResult> {
  const outdir = resolve(opts.outdir ?? join(root, 'dist'));
  const assets = join(outdir, 'assets');
  await mkdir(assets, { recursive: true });

  const result = await build({
    entryPoints: { app: join(root, 'src/main.tsx') },
    outdir: assets,
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    metafile: true,
    write: true,
    logLevel: 'silent',
  });

  const outputs = Object.keys(result.metafile.outputs).map((file) => resolve(file));
  const js = outputs.find((file) => file.endsWith('.js'));
  const css = outputs.find((file) => file.endsWith('.css'));
  if (!js || !css) throw new Error(`esbuild produced no app script or stylesheet: ${outputs.join(', ')}`);

  // A deploy serves only what this build wrote; yesterday's hashed files would be served forever.
  const fresh = new Set(outputs.map((file) => basename(file)));
  for (const name of await readdir(assets)) {
    if (!fresh.has(name)) await rm(join(assets, name), { force: true });
  }

  const template = await readFile(join(root, 'index.html'), 'utf8');
  if (!STYLE_TAG.test(template) || !SCRIPT_TAG.test(template)) {
    throw new Error('index.html must link ./src/styles.css and load ./src/main.tsx as written; build.ts rewrites those two tags.');
  }
  const html = template
    .replace(STYLE_TAG, `<link rel="stylesheet" href="/assets/${basename(css)}" />`)
    .replace(SCRIPT_TAG, `<script type="module" src="/assets/${basename(js)}"></script>`);
  await writeFile(join(outdir, 'index.html'), html);

  const code = await readFile(js);
  return {
    files: ['index.html', ...outputs.map((file) => relative(outdir, file))].sort(),
    jsBytes: code.byteLength,
    jsGzipBytes: gzipSync(code, { level: 9 }).byteLength,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const outcome = await buildConsole();
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  for (const file of outcome.files) console.log(`  dist/${file}`);
  console.log(`console js: ${kb(outcome.jsBytes)} min, ${kb(outcome.jsGzipBytes)} min+gzip`);
}
