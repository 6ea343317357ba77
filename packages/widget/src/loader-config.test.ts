// @vitest-environment happy-dom
/** The loader reading the site's settings before it shows the bubble (GET /v1/widget/config). */
import type { LauncherConfig } from '@parley/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
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

describe('the loader and the site’s settings', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    delete window.Parley;
    document.body.replaceChildren();
  });

  it('keeps the bubble hidden until the settings arrive, then places, colours and labels it', async () => {
    const fetch = serve({ style: 'inset:auto;inset-inline-start:32px;bottom:40px;z-index:7;--parley-site-color:#0f766e', label: 'Chat with us', language: null });
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
});
