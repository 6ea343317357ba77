/**
 * Builds `dist/index.js` (ESM): the wrapper and the widget, with react, @lit/react and lit left as
 * imports for the app's bundler. Run: `npx tsx packages/widget-react/build.ts`.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Metafile } from 'esbuild';
import { buildLibrary, LIT_EXTERNALS } from '../widget/build-npm';

const packageDir = path.dirname(fileURLToPath(import.meta.url));

export function buildWidgetReact(opts: { outdir?: string } = {}): Promise<{ file: string; metafile: Metafile }> {
  const file = path.join(opts.outdir ?? path.join(packageDir, 'dist'), 'index.js');
  return buildLibrary(path.join(packageDir, 'src/index.ts'), file, ['react', 'react-dom', ...LIT_EXTERNALS]);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { file } = await buildWidgetReact();
  console.log(`built ${path.relative(process.cwd(), file)}`);
}
