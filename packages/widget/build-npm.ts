/**
 * Builds the installable ESM widget (`dist/npm/index.js` and its types, `dist/npm/index.d.ts`) for
 * sites that bundle their own code: src/npm.ts with `lit` left as an import for the site's bundler,
 * so a site that uses Lit ships it once. `pnpm pack` runs it (prepack); directly:
 * `npx tsx packages/widget/build-npm.ts`.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { litScopePlugin } from './build';
import { buildDeclarations } from './build-types';

const packageDir = path.dirname(fileURLToPath(import.meta.url));

/** Lit stays an import: a site (or app) that already uses Lit ships it once. */
export const LIT_EXTERNALS = ['lit', 'lit/*', '@lit/*', 'lit-html', 'lit-html/*', 'lit-element', 'lit-element/*'];

/**
 * One ESM library bundle for an app's bundler to consume: `entry` with `external` left as imports,
 * Lit's globals kept private (litScopePlugin). Shared by this package's npm build and widget-react's.
 */
export async function buildLibrary(entry: string, file: string, external: string[]): Promise<{ file: string; metafile: Metafile }> {
  const result = await build({
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2020'],
    charset: 'utf8',
    metafile: true,
    external,
    plugins: [litScopePlugin],
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
    legalComments: 'none',
    logLevel: 'warning',
  });
  return { file, metafile: result.metafile };
}

/**
 * What the published types import rather than inline: Lit (a dependency, like in the bundle) and
 * TypeBox, whose `Static<>` the inlined protocol types are written in (a type-only dependency: no
 * TypeBox code reaches the bundle).
 */
export const TYPE_EXTERNALS = ['lit', 'lit-html', 'lit-element', '@lit', '@sinclair/typebox'];

export function buildNpm(opts: { outdir?: string } = {}): Promise<{ file: string; metafile: Metafile }> {
  const file = path.join(opts.outdir ?? path.join(packageDir, 'dist/npm'), 'index.js');
  return buildLibrary(path.join(packageDir, 'src/npm.ts'), file, LIT_EXTERNALS);
}

export function buildNpmTypes(opts: { outdir?: string } = {}): Promise<{ file: string }> {
  const file = path.join(opts.outdir ?? path.join(packageDir, 'dist/npm'), 'index.d.ts');
  return buildDeclarations(path.join(packageDir, 'src/npm.ts'), file, TYPE_EXTERNALS);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [{ file }, types] = await Promise.all([buildNpm(), buildNpmTypes()]);
  console.log(`built ${path.relative(process.cwd(), file)}, ${path.relative(process.cwd(), types.file)}`);
}
