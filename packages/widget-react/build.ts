/**
 * Builds `dist/index.js` (ESM) and `dist/index.d.ts`: the wrapper alone, with `@parley/widget`,
 * react, @lit/react and lit left as imports for the app's bundler, so an app that also calls
 * `createParley()` from `@parley/widget` ships one copy of the widget. `pnpm pack` runs it
 * (prepack); directly: `npx tsx packages/widget-react/build.ts`.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Metafile } from 'esbuild';
import { buildLibrary, LIT_EXTERNALS, TYPE_EXTERNALS } from '../widget/build-npm';
import { buildDeclarations } from '../widget/build-types';

const packageDir = path.dirname(fileURLToPath(import.meta.url));
const entry = path.join(packageDir, 'src/index.ts');
const outdirOf = (opts: { outdir?: string }) => opts.outdir ?? path.join(packageDir, 'dist');

export function buildWidgetReact(opts: { outdir?: string } = {}): Promise<{ file: string; metafile: Metafile }> {
  return buildLibrary(entry, path.join(outdirOf(opts), 'index.js'), ['react', 'react-dom', '@parley/widget', '@parley/widget/*', ...LIT_EXTERNALS]);
}

export function buildWidgetReactTypes(opts: { outdir?: string } = {}): Promise<{ file: string }> {
  return buildDeclarations(entry, path.join(outdirOf(opts), 'index.d.ts'), ['react', 'react-dom', '@parley/widget', ...TYPE_EXTERNALS]);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [{ file }, types] = await Promise.all([buildWidgetReact(), buildWidgetReactTypes()]);
  console.log(`built ${path.relative(process.cwd(), file)}, ${path.relative(process.cwd(), types.file)}`);
}
