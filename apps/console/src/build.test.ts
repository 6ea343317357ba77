import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildConsole } from '../build';

let outdir: string | undefined;
afterEach(async () => {
  if (outdir) await rm(outdir, { recursive: true, force: true });
});

describe('buildConsole', () => {
  it('writes hashed assets, an index.html that loads them from /assets, and drops stale files', async () => {
    outdir = await mkdtemp(join(tmpdir(), 'parley-console-'));
    await mkdir(join(outdir, 'assets'));
    await writeFile(join(outdir, 'assets', 'app-OLDHASH.js'), 'stale');

    const result = await buildConsole({ outdir });

    const js = result.files.find((f) => /^assets\/app-[A-Z0-9]+\.js$/.test(f));
    const css = result.files.find((f) => /^assets\/app-[A-Z0-9]+\.css$/.test(f));
    expect(js).toBeDefined();
    expect(css).toBeDefined();
    expect(result.files).toEqual(['index.html', css, js].sort());
    expect((await readdir(join(outdir, 'assets'))).sort()).toEqual([css, js].map((f) => f!.slice('assets/'.length)).sort());

    const html = await readFile(join(outdir, 'index.html'), 'utf8');
    expect(html).toContain(`<script type="module" src="/${js}"></script>`);
    expect(html).toContain(`<link rel="stylesheet" href="/${css}" />`);
    // CSP is script-src 'self'; style-src 'self': nothing inline may remain.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|style=/);

    const code = await readFile(join(outdir, js!), 'utf8');
    expect(Buffer.byteLength(code)).toBe(result.jsBytes);
    expect(result.jsGzipBytes).toBeGreaterThan(0);
    expect(result.jsGzipBytes).toBeLessThan(result.jsBytes);
    // The schema runtime stays on the relay: the console imports protocol types and the light entry only.
    expect(code).not.toMatch(/TypeBox|sinclair/i);
  }, 30_000);
});
