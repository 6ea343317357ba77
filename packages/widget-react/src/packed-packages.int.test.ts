import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, realpath, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * What a site gets from npm: both packages packed as they would be published (`pnpm pack`, whose
 * prepack builds the bundles and the .d.ts files), installed into a fresh project outside the
 * workspace, and typechecked there by a strict tsconfig that also checks the packages' own types
 * (`skipLibCheck: false`). The install is offline: the tarballs' third-party dependencies (lit,
 * TypeBox, @lit/react) and the app's react and @types/react are linked to the copies the workspace
 * installed, so only the tarballs' manifests decide what the project gets — a type that still
 * imported a workspace package (@parley/protocol) would not resolve.
 */
const run = promisify(execFile);
/** tsc over lit's, React's and our types takes its time on a busy machine. */
const TSC_TIMEOUT = 300_000;
const packages = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const widgetDir = path.join(packages, 'widget');
const reactDir = path.join(packages, 'widget-react');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** The workspace's installed copy of `name`, as seen from `packageDir`. */
const installed = (packageDir: string, name: string) => realpath(path.join(packageDir, 'node_modules', name));

const APP_TS = `import { createParley, type Parley } from '@parley/widget';

const parley: Parley = createParley({ relayOrigin: 'https://chat.example.com', siteKey: 'pk_demo', language: 'fr', theme: 'dark' });
parley.on('unread', (count) => console.log(count.toFixed(0)));
parley.on('message', (message) => console.log(message.body.toUpperCase(), message.author.kind, message.seq + 1));
parley.identify({ userId: 'u1', userHash: 'hmac' });
parley.set({ plan: 'pro', seats: 3 });
parley.open();
export { parley };
`;

const APP_TSX = `import { useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ParleyChat, createParley } from '@parley/widget-react';
import type { ParleyChat as ParleyChatElement } from '@parley/widget';

function Support() {
  const [open, setOpen] = useState(false);
  const [unread, setUnread] = useState(0);
  const chat = useRef<ParleyChatElement>(null);
  return (
    <>
      <button onClick={() => { setOpen(true); chat.current?.identify({ token: 'jwt' }); }}>Chat ({unread})</button>
      <ParleyChat ref={chat} relayOrigin="https://chat.example.com" siteKey="pk_demo" language="de" open={open}
        onClose={() => setOpen(false)} onUnreadChange={(event) => setUnread(event.detail.count)}
        onMessage={(event) => console.log(event.detail.body)} />
    </>
  );
}

createRoot(document.getElementById('root')!).render(<Support />);
export const bubble = () => createParley({ relayOrigin: 'https://chat.example.com', siteKey: 'pk_demo' });
`;

/** Line 4: a number where the site key goes; line 5: a string where `open` takes a boolean. */
const WRONG_TSX = `import { createParley } from '@parley/widget';
import { ParleyChat } from '@parley/widget-react';

createParley({ relayOrigin: 'https://chat.example.com', siteKey: 42 });
export const chat = <ParleyChat relayOrigin="https://chat.example.com" siteKey="pk_demo" open="yes" />;
`;

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'Bundler',
    lib: ['ES2022', 'DOM', 'DOM.Iterable'],
    jsx: 'react-jsx',
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    types: [],
  },
};

describe('the packed @parley/widget and @parley/widget-react, installed alone', () => {
  let dir: string;
  let app: string;
  const tarballs: Record<'widget' | 'react', string> = { widget: '', react: '' };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'parley-packed-'));
    app = path.join(dir, 'app');
    for (const [key, packageDir] of [['widget', widgetDir], ['react', reactDir]] as const) {
      const out = path.join(dir, key);
      await mkdir(out);
      await run('pnpm', ['pack', '--pack-destination', out], { cwd: packageDir });
      const [file, ...more] = (await readdir(out)).filter((name) => name.endsWith('.tgz'));
      expect(more).toEqual([]);
      tarballs[key] = path.join(out, file!);
    }

    const link = async (packageDir: string, name: string) => `link:${await installed(packageDir, name)}`;
    const manifest = {
      name: 'parley-consumer',
      private: true,
      type: 'module',
      dependencies: {
        '@parley/widget': `file:${tarballs.widget}`,
        '@parley/widget-react': `file:${tarballs.react}`,
        react: await link(reactDir, 'react'),
        'react-dom': await link(reactDir, 'react-dom'),
        '@types/react': await link(reactDir, '@types/react'),
        '@types/react-dom': await link(reactDir, '@types/react-dom'),
      },
      pnpm: {
        overrides: {
          // widget-react's dependency on @parley/widget is the tarball beside it, not a registry copy.
          '@parley/widget': `file:${tarballs.widget}`,
          lit: await link(widgetDir, 'lit'),
          '@sinclair/typebox': await link(widgetDir, '@sinclair/typebox'),
          '@lit/react': await link(reactDir, '@lit/react'),
        },
      },
    };
    await mkdir(path.join(app, 'src'), { recursive: true });
    await writeFile(path.join(app, 'package.json'), JSON.stringify(manifest, null, 2));
    await writeFile(path.join(app, 'tsconfig.json'), JSON.stringify({ ...TSCONFIG, include: ['src'] }, null, 2));
    await writeFile(path.join(app, 'src/parley.ts'), APP_TS);
    await writeFile(path.join(app, 'src/support.tsx'), APP_TSX);
    // Its own store and an empty metadata cache: with --offline nothing can come from a registry.
    await run(
      'pnpm',
      ['install', '--offline', '--no-frozen-lockfile', '--ignore-workspace', `--store-dir=${path.join(dir, 'store')}`, `--cache-dir=${path.join(dir, 'cache')}`],
      { cwd: app },
    );
  }, 600_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('ships the built files and the licence only, exports them with their types, and depends on nothing private', async () => {
    const list = async (tarball: string) => (await run('tar', ['-tzf', tarball])).stdout.trim().split('\n').sort();
    expect(await list(tarballs.widget)).toEqual(['package/LICENSE', 'package/README.md', 'package/dist/npm/index.d.ts', 'package/dist/npm/index.js', 'package/package.json']);
    expect(await list(tarballs.react)).toEqual(['package/LICENSE', 'package/README.md', 'package/dist/index.d.ts', 'package/dist/index.js', 'package/package.json']);

    const widget = JSON.parse(await readFile(path.join(app, 'node_modules/@parley/widget/package.json'), 'utf8'));
    const react = JSON.parse(await readFile(path.join(app, 'node_modules/@parley/widget-react/package.json'), 'utf8'));
    expect(widget.private).toBeUndefined();
    expect(widget.exports['.']).toEqual({ types: './dist/npm/index.d.ts', import: './dist/npm/index.js' });
    expect(widget.dependencies).toEqual({ '@sinclair/typebox': '0.34.52', lit: '3.3.3' });
    expect(react.exports['.']).toEqual({ types: './dist/index.d.ts', import: './dist/index.js' });
    expect(react.dependencies).toEqual({ '@lit/react': '1.0.8', '@parley/widget': widget.version });
    expect(Object.keys(react.peerDependencies)).toEqual(['react', 'react-dom']);

    for (const types of ['node_modules/@parley/widget/dist/npm/index.d.ts', 'node_modules/@parley/widget-react/dist/index.d.ts']) {
      expect(await readFile(path.join(app, types), 'utf8')).not.toMatch(/from ['"]@parley\/(protocol|client)/);
    }
  });

  it("bundles for the browser with a site's bundler, one copy of the widget for both packages", async () => {
    const result = await build({
      entryPoints: [path.join(app, 'src/parley.ts'), path.join(app, 'src/support.tsx')],
      absWorkingDir: app,
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      outdir: path.join(app, 'out'),
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    const from = (file: RegExp) => inputs.filter((input) => file.test(input));
    const [widget, ...moreWidgets] = from(/@parley\/widget\/dist\/npm\/index\.js$/);
    const [react] = from(/@parley\/widget-react\/dist\/index\.js$/);
    expect(moreWidgets).toEqual([]);
    // The wrapper's `@parley/widget/npm` is the very file the app's `@parley/widget` is.
    expect(result.metafile.inputs[react!]!.imports.map((imported) => imported.path)).toContain(widget);
    expect(from(/\/lit-element\.js$/)).toHaveLength(1);
    expect(from(/typebox/)).toEqual([]);
  });

  it('typechecks a strict app that calls createParley(), on() and open() and renders <ParleyChat>', async () => {
    const result = await run(process.execPath, [tsc, '-p', app]).catch((error: { stdout: string }) => ({ stdout: error.stdout, failed: true }));
    expect(result.stdout).toBe('');
    expect('failed' in result).toBe(false);
  }, TSC_TIMEOUT);

  it('rejects a wrong argument to createParley() and a wrong prop type on <ParleyChat>', async () => {
    await writeFile(path.join(app, 'wrong.tsx'), WRONG_TSX);
    await writeFile(path.join(app, 'tsconfig.wrong.json'), JSON.stringify({ ...TSCONFIG, files: ['wrong.tsx'] }, null, 2));
    const failure = await run(process.execPath, [tsc, '-p', path.join(app, 'tsconfig.wrong.json')]).then(
      () => null,
      (error: { stdout: string }) => error.stdout,
    );
    expect(failure).toMatch(/wrong\.tsx\(4,\d+\): error TS2322: Type 'number' is not assignable to type 'string'/);
    expect(failure).toMatch(/wrong\.tsx\(5,\d+\): error TS2322: Type 'string' is not assignable to type 'boolean/);
    expect(failure!.match(/error TS/g)).toHaveLength(2);
  }, TSC_TIMEOUT);
});
