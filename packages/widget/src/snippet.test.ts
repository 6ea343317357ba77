import { describe, expect, it } from 'vitest';
import { renderSnippet } from './snippet';

/** Runs the snippet's script against a minimal window/document and reports what it did. */
function runSnippet(snippet: string, parley?: unknown) {
  const body = /<script[^>]*>([\s\S]*)<\/script>/.exec(snippet)?.[1];
  if (body === undefined) throw new Error('no <script> element in the snippet');
  const appended: { tag: string; async?: boolean; src?: string; attributes: Record<string, string> }[] = [];
  const window: Record<string, unknown> = { Parley: parley };
  const document = {
    createElement: (tag: string) => {
      const element = { tag, attributes: {} as Record<string, string>, setAttribute(name: string, value: string) {
        this.attributes[name] = value;
      } };
      return element;
    },
    head: { appendChild: (element: (typeof appended)[number]) => appended.push(element) },
  };
  new Function('window', 'document', body)(window, document);
  return { window, appended };
}

describe('renderSnippet', () => {
  it('loads the relay loader asynchronously with the site key', () => {
    const { appended } = runSnippet(renderSnippet({ relayOrigin: 'https://chat.example.com', siteKey: 'site_abc' }));
    expect(appended).toHaveLength(1);
    expect(appended[0]).toMatchObject({
      tag: 'script',
      async: true,
      src: 'https://chat.example.com/widget/loader.js',
      attributes: { 'data-site-key': 'site_abc' },
    });
  });

  it('sets data-lang and data-theme only when the site fixes them', () => {
    const fixed = runSnippet(renderSnippet({ relayOrigin: 'https://chat.example.com', siteKey: 'site_abc', lang: 'ar', theme: 'dark' }));
    expect(fixed.appended[0]?.attributes).toEqual({ 'data-site-key': 'site_abc', 'data-lang': 'ar', 'data-theme': 'dark' });
    const plain = runSnippet(renderSnippet({ relayOrigin: 'https://chat.example.com', siteKey: 'site_abc' }));
    expect(plain.appended[0]?.attributes).toEqual({ 'data-site-key': 'site_abc' });
  });

  it('defines Parley as a queue that keeps calls in order', () => {
    const { window } = runSnippet(renderSnippet({ relayOrigin: 'http://127.0.0.1:8080', siteKey: 'k' }));
    const parley = window.Parley as ((...args: unknown[]) => void) & { q: ArrayLike<unknown>[] };
    parley('open');
    parley('close', 1);
    expect(parley.q.map((args) => Array.from(args))).toEqual([['open'], ['close', 1]]);
  });

  it('keeps an existing Parley function', () => {
    const existing = () => undefined;
    const { window } = runSnippet(renderSnippet({ relayOrigin: 'http://relay', siteKey: 'k' }), existing);
    expect(window.Parley).toBe(existing);
  });

  it('drops a trailing slash from the relay origin', () => {
    const snippet = renderSnippet({ relayOrigin: 'https://chat.example.com/', siteKey: 'k' });
    expect(snippet).toContain('"https://chat.example.com/widget/loader.js"');
  });

  it('cannot be broken out of by a hostile site key', () => {
    const siteKey = `"</script><script>alert(1)</script>`;
    const snippet = renderSnippet({ relayOrigin: 'https://relay', siteKey });
    expect(snippet.match(/<\/script>/g)).toHaveLength(1);
    expect(runSnippet(snippet).appended[0]?.attributes['data-site-key']).toBe(siteKey);
  });

  it('carries a nonce for strict CSP pages, stripped of anything that could leave the attribute', () => {
    const snippet = renderSnippet({ relayOrigin: 'https://relay', siteKey: 'k', nonce: 'r4nd0m+/=' });
    expect(snippet.startsWith('<script nonce="r4nd0m+/=">\n')).toBe(true);
    expect(renderSnippet({ relayOrigin: 'https://relay', siteKey: 'k', nonce: 'a" onload="x' })).toMatch(/^<script nonce="aonload=x">/);
    expect(runSnippet(snippet).appended[0]?.attributes).toEqual({ 'data-site-key': 'k' });
  });
});
