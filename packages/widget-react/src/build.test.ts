import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildNpm } from '../../widget/build-npm';
import { buildWidgetReact } from '../build';

describe('the npm builds', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('bundles the widget as ESM with lit left to the app, the wrapper with the widget, react and @lit/react left to it, and no TypeBox', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'parley-npm-'));
    dirs.push(dir);
    const widget = await buildNpm({ outdir: path.join(dir, 'widget') });
    const react = await buildWidgetReact({ outdir: path.join(dir, 'react') });
    const widgetCode = await readFile(widget.file, 'utf8');
    const reactCode = await readFile(react.file, 'utf8');

    expect(widgetCode).toMatch(/export \{[^}]*createParley/);
    expect(reactCode).toMatch(/export \{[^}]*ParleyChat/);
    const imports = (code: string) => [...new Set([...code.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]))].sort();
    expect(imports(widgetCode)).toEqual(['lit']);
    expect(imports(reactCode)).toEqual(['@lit/react', '@parley/widget/npm', 'react']);
    for (const metafile of [widget.metafile, react.metafile]) {
      expect(Object.keys(metafile.inputs).filter((input) => input.includes('typebox'))).toEqual([]);
    }
  });
});
