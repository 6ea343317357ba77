/**
 * Builds `dist/index.js` (ESM): the wrapper and the widget, with react, @lit/react and lit left as
 * imports for the app's bundler. Run: `npx tsx packages/widget-react/build.ts`.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { litScopePlugin } from '../widget/build';

const packageDir = path.dirname(fileURLToPath(import.meta.url));

export async function buildWidgetReact(opts: { outdir?: string } = {}): Promise<{ file: string; metafile: Metafile }> {
  const file = path.join(opts.outdir ?? path.join(packageDir, 'dist'), 'index.js');
  const result = await build({
    entryPoints: [path.join(packageDir, 'src/index.ts')],
    outfile: file,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2020'],
    charset: 'utf8',
    metafile: true,
    external: ['react', 'react-dom', '@lit/react', 'lit', 'lit/*', 'lit-html', 'lit-html/*', 'lit-element', 'lit-element/*', '@lit/reactive-element', '@lit/reactive-element/*'],
    plugins: [litScopePlugin],
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
    legalComments: 'none',
    logLevel: 'warning',
  });
  return { file, metafile: result.metafile };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { file } = await buildWidgetReact();
  console.log(`built ${path.relative(process.cwd(), file)}`);
}
