// @vitest-environment happy-dom
/**
 * The loader reading the site's settings before it shows the bubble (GET /v1/widget/config), and
 * keeping the answer for the next page views (launcher-config-cache.ts).
 */
import type { LauncherConfig } from '@parley/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WidgetModule } from './launcher-handle';
import { startLoader } from './start-loader';

const RELAY = 'https://relay.example.com';

function start(lang?: string) {
  const script = document.createElement('script');
  script.setAttribute('data-site-key', 'pk_1');
  script.setAttribute('src', `${RELAY}/widget/loader.js`);
  if (lang) script.setAttribute('data-lang', lang);
  const mounts: unknown[] = [];
  const module: WidgetModule = { mount: (options) => (mounts.push(options), { open() {}, close() {}, toggle() {}, run() {}, remove() {} }) };
  startLoader({ window, script, widgetFile: 'widget-abc.js', importModule: async () => module });
  return { launcher: document.querySelector('parley-launcher')!, mounts };
}

function serve(launcher: LauncherConfig) {
  return vi.spyOn(window, 'fetch').mockResolvedValue(new Response(JSON.stringify({ launcher })));
}

const TEAL = { style: 'inset:auto;inset-inline-start:32px;bottom:40px;z-index:7;--parley-site-color:#0f766e', label: 'Chat with us', language: null };
const ORANGE = { style: 'inset:auto;inset-inline-end:12px;bottom:12px;z-index:9;--parley-site-color:#c2410c', label: 'Ask us', language: null };

/** What an earlier page view kept: the relay's answer as it came. */
function keep(launcher: LauncherConfig): void {
  localStorage.setItem('parley:pk_1:launcher', JSON.stringify({ launcher }));
}

const kept = () => (JSON.parse(localStorage.getItem('parley:pk_1:launcher') ?? 'null') as { launcher: LauncherConfig } | null)?.launcher;

describe('the loader and the site’s settings', () => {
  beforeEach(() => {
    // The bubble is built at the page's first idle moment: here, at once.
    vi.stubGlobal('requestIdleCallback', (callback: () => void) => callback());
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
    delete window.Parley;
    document.body.replaceChildren();
    localStorage.clear();
  });

  it('keeps the bubble hidden until the settings arrive, then places, colours and labels it', async () => {
    const fetch = serve(TEAL);
    const { launcher } = start();
    expect(fetch).toHaveBeenCalledWith(`${RELAY}/v1/widget/config?siteKey=pk_1`);
    expect(launcher.style.visibility).toBe('hidden');

    await vi.waitFor(() => expect(launcher.style.visibility).toBe(''));
    expect(launcher.style.getPropertyValue('bottom')).toBe('40px');
    expect(launcher.style.getPropertyValue('z-index')).toBe('7');
    expect(launcher.style.getPropertyValue('--parley-site-color')).toBe('#0f766e');
    const button = launcher.shadowRoot!.querySelector('button')!;
    const label = launcher.shadowRoot!.querySelector<HTMLElement>('[part=label]')!;
    expect(label.textContent).toBe('Chat with us');
    expect(label.hidden).toBe(false);
    // The visible words are the accessible name.
    expect(button.getAttribute('aria-label')).toBe('Chat with us');
  });

  it('speaks the site’s fixed language, bubble and chat alike, unless the snippet fixes another', async () => {
    serve({ style: '', label: '', language: 'de' });
    const fixedBySite = start();
    await vi.waitFor(() => expect(fixedBySite.launcher.lang).toBe('de'));
    expect(fixedBySite.launcher.shadowRoot!.querySelector('button')!.getAttribute('aria-label')).toBe('Chat öffnen');
    window.Parley!('open');
    await vi.waitFor(() => expect(fixedBySite.mounts).toEqual([expect.objectContaining({ language: 'de' })]));

    delete window.Parley;
    document.body.replaceChildren();
    const fixedBySnippet = start('fr');
    await vi.waitFor(() => expect(fixedBySnippet.launcher.style.visibility).toBe(''));
    expect(fixedBySnippet.launcher.lang).toBe('fr');
  });

  it('shows the bubble with the defaults when the settings cannot be read', async () => {
    vi.spyOn(window, 'fetch').mockResolvedValue(new Response(JSON.stringify({ code: 'unknown_site', message: 'No site.' }), { status: 404 }));
    const { launcher } = start();
    await vi.waitFor(() => expect(launcher.style.visibility).toBe(''));
    expect(launcher.style.cssText).toBe('');
    expect(launcher.shadowRoot!.querySelector<HTMLElement>('[part=label]')!.hidden).toBe(true);
    expect(launcher.shadowRoot!.querySelector('button')!.getAttribute('aria-label')).toBe('Open chat');
  });

  it('keeps the answer, and the next page view places the bubble with it at once, then applies and keeps what the relay says now', async () => {
    serve(TEAL);
    const first = start();
    await vi.waitFor(() => expect(kept()).toEqual(TEAL));
    expect(first.launcher.style.visibility).toBe('');

    delete window.Parley;
    document.body.replaceChildren();
    vi.restoreAllMocks();
    const fetch = serve(ORANGE);
    const next = start();
    expect(next.launcher.style.visibility).toBe('');
    expect(next.launcher.style.getPropertyValue('bottom')).toBe('40px');
    expect(next.launcher.shadowRoot!.querySelector('[part=label]')!.textContent).toBe('Chat with us');
    expect(fetch).toHaveBeenCalledWith(`${RELAY}/v1/widget/config?siteKey=pk_1`);

    // The console changed meanwhile: this page view follows as soon as the relay answers.
    await vi.waitFor(() => expect(next.launcher.style.getPropertyValue('bottom')).toBe('12px'));
    expect(next.launcher.style.getPropertyValue('--parley-site-color')).toBe('#c2410c');
    expect(next.launcher.shadowRoot!.querySelector('[part=label]')!.textContent).toBe('Ask us');
    expect(kept()).toEqual(ORANGE);
  });

  it('keeps the kept answer on the bubble when the relay cannot be asked or answers with an error', async () => {
    keep(TEAL);
    const fetch = vi.spyOn(window, 'fetch').mockRejectedValue(new TypeError('offline'));
    const offline = start();
    await vi.waitFor(() => expect(fetch).toHaveBeenCalled());
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(offline.launcher.style.getPropertyValue('bottom')).toBe('40px');
    expect(offline.launcher.style.visibility).toBe('');

    delete window.Parley;
    document.body.replaceChildren();
    vi.restoreAllMocks();
    const refused = vi.spyOn(window, 'fetch').mockResolvedValue(new Response(JSON.stringify({ code: 'unknown_site', message: 'No site.' }), { status: 404 }));
    const errored = start();
    await vi.waitFor(() => expect(refused).toHaveBeenCalled());
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(errored.launcher.style.getPropertyValue('bottom')).toBe('40px');
    expect(kept()).toEqual(TEAL);
  });

  it('treats a kept value it cannot read as nothing kept', async () => {
    localStorage.setItem('parley:pk_1:launcher', '{"launch');
    serve(TEAL);
    const { launcher } = start();
    expect(launcher.style.visibility).toBe('hidden');
    await vi.waitFor(() => expect(launcher.style.getPropertyValue('bottom')).toBe('40px'));
    expect(kept()).toEqual(TEAL);
  });
});
