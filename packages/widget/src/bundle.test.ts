// @vitest-environment happy-dom
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildWidget, type WidgetBuild } from '../build';
import { findOptionalSpreadCalls } from '../optional-spread-calls';
import { widgetLoadSet } from '../../../scripts/widget-load-set';

describe('the built bundles', () => {
  let outdir: string;
  let built: WidgetBuild;
  beforeAll(async () => {
    // Inside the repository (the git-ignored .test-work), where vitest's module runner can import from.
    const workDir = path.resolve(import.meta.dirname, '../../../.test-work');
    await mkdir(workDir, { recursive: true });
    outdir = await mkdtemp(path.join(workDir, 'widget-bundle-'));
    built = await buildWidget({ outdir });
  }, 60_000);
  afterAll(async () => {
    delete window.Parley;
    document.body.replaceChildren();
    document.head.replaceChildren();
    await rm(outdir, { recursive: true, force: true });
  });

  it('writes a content-hashed widget, the loader and a manifest of both', async () => {
    expect(built.widget.file).toMatch(/^widget-[0-9a-f]{10}\.js$/);
    const manifest = JSON.parse(await readFile(path.join(outdir, 'manifest.json'), 'utf8'));
    expect(manifest).toEqual({ loader: built.loader, widget: built.widget, chunks: built.chunks });
    // Every language but English is a file of its own, written beside the panel that imports it.
    expect(built.chunks.map((chunk) => chunk.file).filter((file) => file.startsWith('chat-strings-')).sort()).toEqual([
      expect.stringMatching(/^chat-strings-ar-/),
      expect.stringMatching(/^chat-strings-de-/),
      expect.stringMatching(/^chat-strings-es-/),
      expect.stringMatching(/^chat-strings-fr-/),
    ]);
    for (const chunk of built.chunks) expect((await readFile(path.join(outdir, chunk.file))).byteLength).toBe(chunk.bytes);
    expect(await readFile(path.join(outdir, 'loader.js'), 'utf8')).toContain(`/widget/\${`);
    expect(await readFile(path.join(outdir, 'loader.js'), 'utf8')).toContain(JSON.stringify(built.widget.file));
  });

  it('keeps the TypeBox runtime out of both bundles', async () => {
    for (const metafile of Object.values(built.metafiles)) {
      expect(Object.keys(metafile.inputs).filter((input) => input.includes('typebox'))).toEqual([]);
    }
    expect(Object.keys(built.metafiles.widget.inputs).some((input) => input.includes('protocol/src/light.ts'))).toBe(true);
    const widgetCode = await readFile(path.join(outdir, built.widget.file), 'utf8');
    expect(widgetCode).not.toMatch(/TypeBox|sinclair/);
  });

  it('lets check:size find every file the widget writes by following the imports of the widget module', async () => {
    const code = new Map(await Promise.all(built.chunks.concat(built.widget).map(async ({ file }) => [file, await readFile(path.join(outdir, file), 'utf8')] as const)));
    const set = widgetLoadSet(built.widget.file, (file) => code.get(file));
    expect(set.catalogs.map(([catalog]) => catalog!.replace(/-[0-9A-Z]{8}\.js$/, '')).sort()).toEqual(['chat-strings-ar', 'chat-strings-de', 'chat-strings-es', 'chat-strings-fr']);
    expect([...set.always, ...set.catalogs.flat()].sort()).toEqual([...code.keys()].sort());
  });

  it('has no optional call that Chrome and Edge 80-90 get wrong, since optional chaining ships as written', async () => {
    const files = ['loader.js', built.widget.file, ...built.chunks.map((chunk) => chunk.file)];
    const code = await Promise.all(files.map((file) => readFile(path.join(outdir, file), 'utf8')));
    expect(code.join('')).toContain('?.');
    expect(code.flatMap(findOptionalSpreadCalls)).toEqual([]);
  });

  it('defines <parley-chat> and exports mount when the widget module loads', async () => {
    const widget = (await import(/* @vite-ignore */ path.join(outdir, built.widget.file))) as Record<string, unknown>;
    expect(typeof widget.mount).toBe('function');
    expect(customElements.get('parley-chat')).toBeDefined();

    // The minified element still has working reactive properties: properties set before connecting reach
    // the connection (the socket URL), and it renders its shadow DOM.
    const urls: string[] = [];
    const chat = document.createElement('parley-chat');
    Object.assign(chat, {
      siteKey: 'site_1',
      relayOrigin: 'https://relay.example.com',
      open: true,
      createSocket: (url: string) => {
        urls.push(url);
        return { readyState: 0, send() {}, close() {}, onopen: null, onclose: null, onerror: null, onmessage: null };
      },
    });
    document.body.append(chat);
    await (chat as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete;
    expect(urls).toEqual(['wss://relay.example.com/v1/widget/ws?siteKey=site_1']);
    expect(chat.hasAttribute('open')).toBe(true);
    expect(chat.shadowRoot?.querySelector('textarea[aria-label=Message]')).not.toBeNull();
    chat.remove();
  });

  it('installs one launcher and the dispatcher however often the loader runs', async () => {
    const code = await readFile(path.join(outdir, 'loader.js'), 'utf8');
    const script = document.createElement('script');
    // Not a JavaScript type, so happy-dom does not try to fetch it; the loader only reads its attributes.
    script.type = 'text/plain';
    script.setAttribute('data-site-key', 'site_1');
    script.setAttribute('src', 'https://relay.example.com/widget/loader.js');
    document.head.append(script);
    // The loader asks the relay for the site's settings; there is no relay here.
    vi.spyOn(window, 'fetch').mockRejectedValue(new TypeError('no relay in unit tests'));
    // The bubble comes at the page's first idle moment.
    const idle: (() => void)[] = [];
    vi.stubGlobal('requestIdleCallback', (callback: () => void) => idle.push(callback));
    try {
      new Function(code)();
      const dispatcher = window.Parley;
      new Function(code)();
      expect(document.querySelectorAll('parley-launcher')).toHaveLength(0);
      for (const callback of idle) callback();

      expect(dispatcher?.loaded).toBe(true);
      expect(window.Parley).toBe(dispatcher);
      expect(document.querySelectorAll('parley-launcher')).toHaveLength(1);
      expect(customElements.get('parley-launcher')).toBeDefined();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
