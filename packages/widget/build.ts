/**
 * Builds what the relay serves under /widget/: the loader (a classic script every page pays for)
 * and the widget module (content-hashed, so it can be cached forever). Run directly to print sizes:
 * `npx tsx packages/widget/build.ts`.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import type { BundleInfo, WidgetManifest } from './src/widget-manifest';
import { squeezeTemplatesPlugin } from './css-minify';

const packageDir = path.dirname(fileURLToPath(import.meta.url));

/** Browsers with ES modules, dynamic import and custom elements v1: what the widget needs anyway. */
const TARGET = ['es2020', 'chrome80', 'firefox78', 'safari15', 'edge80'];

/**
 * Optional chaining as written, although esbuild lowers it for Chrome and Edge 80-90: their only
 * defect is a call in an optional chain with a spread argument before another argument
 * (`a?.f(...xs, 1)`, https://crbug.com/42201552), which bundle.test.ts checks no bundle contains.
 * Lowering every `?.` of Lit and of ours cost each visitor about 0.5 KB gzip.
 */
const SUPPORTED: BuildOptions['supported'] = { 'optional-chain': true };

/** Packages that must never reach a customer's page (the TypeBox runtime is ~28 KB gzip). */
const FORBIDDEN_INPUTS = ['@sinclair/typebox', '@sinclair+typebox'];

/**
 * The files esbuild splits off the panel: a language's chat words (chat-strings-<lang>.ts), and
 * one small chunk of esbuild's own helpers that the panel and the catalogs share.
 */
const CATALOG_FILE = /^chat-strings-[a-z]{2}-[0-9A-Z]{8}\.js$/;
const SHARED_FILE = /^chunk-[0-9A-Z]{8}\.js$/;

const common: BuildOptions = {
  bundle: true,
  minify: true,
  write: false,
  metafile: true,
  platform: 'browser',
  target: TARGET,
  supported: SUPPORTED,
  legalComments: 'none',
  // Stated here rather than left to whichever tsconfig esbuild finds: Lit's reactive properties need class
  // fields assigned, not defined (a defined field would hide the accessor Lit puts on the prototype).
  tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
  logLevel: 'warning',
  plugins: [squeezeTemplatesPlugin],
};

/** Lit's own modules get `globalThis` (and the bare `litPropertyMetadata`) replaced by src/lit-scope.ts, so they add no globals to the page. */
export const litScopePlugin: Plugin = {
  name: 'parley-lit-scope',
  setup(plugin) {
    const scope = JSON.stringify(path.join(packageDir, 'src/lit-scope.ts'));
    plugin.onLoad({ filter: /[\\/](lit-html|lit-element|@lit[\\/]reactive-element)[\\/].*\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!/globalThis|litPropertyMetadata/.test(source)) return undefined;
      // The decorators read `litPropertyMetadata` as a bare global: point them at the scope too.
      const scoped = source.replaceAll('globalThis', '__parleyLitScope').replace(/(?<![.\w$])litPropertyMetadata\b/g, '__parleyLitScope.litPropertyMetadata');
      return { contents: `import { litScope as __parleyLitScope } from ${scope};\n${scoped}`, loader: 'js' };
    });
  },
};

export interface WidgetBuild extends WidgetManifest {
  /** esbuild's metafiles, for checks on what went into each bundle. */
  metafiles: { loader: Metafile; widget: Metafile };
  /** The files split off the panel (language catalogs, shared helpers), by file name. */
  catalogCode: Map<string, Uint8Array>;
}

export async function buildWidget(opts: { outdir?: string } = {}): Promise<WidgetBuild> {
  const outdir = opts.outdir ?? path.join(packageDir, 'dist');
  await mkdir(outdir, { recursive: true });

  const widgetResult = await build({
    ...common,
    entryPoints: [path.join(packageDir, 'src/widget.ts')],
    format: 'esm',
    plugins: [litScopePlugin, squeezeTemplatesPlugin],
    // Module scripts are always decoded as UTF-8, so the string catalog's accents and Arabic can
    // ship as themselves rather than as \uXXXX escapes (a third of the size). The loader is a
    // classic script, decoded in the host page's charset, so it keeps esbuild's ASCII escapes.
    charset: 'utf8',
    // Each language but English is a chunk the panel imports for the visitors who read it.
    splitting: true,
    outdir,
    entryNames: 'widget',
    chunkNames: '[name]-[hash]',
  });
  const outputs = widgetResult.outputFiles?.filter((file) => file.path.endsWith('.js')) ?? [];
  const widgetCode = onlyOutput(outputs.filter((file) => path.basename(file.path) === 'widget.js'));
  const catalogCode = new Map(outputs.filter((file) => path.basename(file.path) !== 'widget.js').map((file) => [path.basename(file.path), file.contents]));
  if ([...catalogCode.keys()].some((file) => !CATALOG_FILE.test(file) && !SHARED_FILE.test(file))) {
    throw new Error(`the widget split into ${[...catalogCode.keys()].join(', ')}: only language catalogs may be chunks of their own`);
  }
  assertClean(widgetResult.metafile!, 'widget');
  const widgetFile = `widget-${createHash('sha256').update(widgetCode).digest('hex').slice(0, 10)}.js`;

  const loaderResult = await build({
    ...common,
    entryPoints: [path.join(packageDir, 'src/loader.ts')],
    format: 'iife',
    outfile: path.join(outdir, 'loader.js'),
    define: { __PARLEY_WIDGET_FILE__: JSON.stringify(widgetFile) },
  });
  const loaderCode = onlyOutput(loaderResult.outputFiles);
  assertClean(loaderResult.metafile!, 'loader');

  for (const stale of await readdir(outdir)) {
    if ((/^widget-[0-9a-f]+\.js$/.test(stale) && stale !== widgetFile) || ((CATALOG_FILE.test(stale) || SHARED_FILE.test(stale)) && !catalogCode.has(stale))) {
      await rm(path.join(outdir, stale));
    }
  }
  await writeFile(path.join(outdir, widgetFile), widgetCode);
  for (const [file, code] of catalogCode) await writeFile(path.join(outdir, file), code);
  await writeFile(path.join(outdir, 'loader.js'), loaderCode);
  const manifest: WidgetManifest = {
    loader: describe('loader.js', loaderCode),
    widget: describe(widgetFile, widgetCode),
    chunks: [...catalogCode].map(([file, code]) => describe(file, code)),
  };
  await writeFile(path.join(outdir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { ...manifest, metafiles: { loader: loaderResult.metafile!, widget: widgetResult.metafile! }, catalogCode };
}

function onlyOutput(files: { path: string; contents: Uint8Array }[] | undefined): Uint8Array {
  const js = files?.filter((file) => file.path.endsWith('.js')) ?? [];
  if (js.length !== 1) throw new Error(`expected one JavaScript output, got ${js.length}`);
  return js[0]!.contents;
}

function assertClean(metafile: Metafile, bundle: string): void {
  const leaked = Object.keys(metafile.inputs).filter((input) => FORBIDDEN_INPUTS.some((name) => input.includes(name)));
  if (leaked.length > 0) {
    throw new Error(`the ${bundle} bundle pulls in ${leaked[0]}: import only types from @parley/protocol and values from @parley/protocol/light`);
  }
}

function describe(file: string, code: Uint8Array): BundleInfo {
  return { file, bytes: code.byteLength, gzipBytes: gzipSync(code, { level: 9 }).byteLength };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const built = await buildWidget();
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
  for (const { file, bytes, gzipBytes } of [built.loader, built.widget]) {
    console.log(`${file.padEnd(24)} ${kb(bytes).padStart(10)}  ${kb(gzipBytes).padStart(9)} gzip`);
  }
}
