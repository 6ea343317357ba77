/**
 * Declaration bundles (`.d.ts`) for the installable packages. A site installs the tarball alone, so
 * the types may import only what the package depends on: the shapes the widget takes from the
 * workspace (`@parley/protocol`'s Message, `@parley/client`'s socket factory) are inlined rather
 * than imported, and everything in `external` (lit, TypeBox for the inlined `Static<>` types,
 * React) stays an import. rollup-plugin-dts does the inlining; tsc alone would keep the imports.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';
import { dts } from 'rollup-plugin-dts';

const rootTsconfig = fileURLToPath(new URL('../../tsconfig.json', import.meta.url));

/** Matches a bare import of one of `packages` or a subpath of it (`lit/decorators.js`). */
function importsOf(packages: readonly string[]): (id: string) => boolean {
  return (id) => packages.some((name) => id === name || id.startsWith(`${name}/`));
}

export async function buildDeclarations(entry: string, file: string, external: readonly string[]): Promise<{ file: string }> {
  const bundle = await rollup({
    input: entry,
    external: importsOf(external),
    plugins: [
      dts({
        // Workspace packages resolve (through pnpm's symlinks) to their TypeScript sources; follow
        // them so their types are inlined, which is what keeps them out of the published imports.
        respectExternal: true,
        tsconfig: rootTsconfig,
        // The published types describe browser code: no @types/node reference may slip in.
        compilerOptions: { types: [], preserveSymlinks: false },
      }),
    ],
  });
  try {
    await bundle.write({ file, format: 'es' });
  } finally {
    await bundle.close();
  }
  return { file: path.resolve(file) };
}
