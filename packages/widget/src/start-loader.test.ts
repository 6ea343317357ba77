// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatController, MountOptions, WidgetModule } from './launcher-handle';
import type { ParleyLauncher } from './parley-launcher';
import { startLoader } from './start-loader';

const RELAY = 'https://relay.example.com';

/** A stand-in for the lazily imported widget module: records what the loader asks of it. */
function fakeWidgetModule() {
  const calls: string[] = [];
  const mounts: MountOptions[] = [];
  let open = false;
  const controller: ChatController = {
    open: () => void (calls.push('open'), (open = true)),
    close: () => void (calls.push('close'), (open = false)),
    toggle: () => void (calls.push('toggle'), (open = !open)),
    run: (args) => void calls.push(`run:${String(args[0])}`),
    remove: () => undefined,
  };
  const module: WidgetModule = {
    mount: (options) => {
      mounts.push(options);
      return controller;
    },
  };
  const importModule = vi.fn(async (_url: string) => module);
  return { calls, mounts, importModule };
}

function loaderScript(siteKey = 'site_1'): HTMLScriptElement {
  const script = document.createElement('script');
  script.setAttribute('data-site-key', siteKey);
  script.setAttribute('src', `${RELAY}/widget/loader.js`);
  return script;
}

/** What the snippet leaves behind: a queue function holding the calls made so far. */
function snippetQueue(...calls: unknown[][]): void {
  const parley = function (...args: unknown[]) {
    (parley.q ??= []).push(args);
  } as ((...args: unknown[]) => void) & { q?: unknown[][] };
  window.Parley = parley;
  for (const args of calls) parley(...args);
}

const launchers = () => document.querySelectorAll('parley-launcher');

/** The loader builds the bubble at the page's first idle moment: here at once, unless a test holds it. */
function idleAtOnce(): void {
  vi.stubGlobal('requestIdleCallback', (callback: () => void) => callback());
}

describe('startLoader', () => {
  let warn: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    // The site's settings (loader-config.test.ts covers them): none here, the defaults apply.
    vi.spyOn(window, 'fetch').mockRejectedValue(new TypeError('no relay in unit tests'));
    idleAtOnce();
  });
  afterEach(() => {
    warn.mockRestore();
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
    delete window.Parley;
    document.body.replaceChildren();
    localStorage.clear();
  });

  it('replays queued commands in order once the widget is loaded', async () => {
    snippetQueue(['open'], ['close'], ['toggle']);
    const widget = fakeWidgetModule();
    startLoader({ window, script: loaderScript(), widgetFile: 'widget-abc.js', importModule: widget.importModule });

    await vi.waitFor(() => expect(widget.calls).toEqual(['open', 'close', 'toggle']));
    expect(widget.importModule).toHaveBeenCalledTimes(1);
    expect(widget.importModule).toHaveBeenCalledWith(`${RELAY}/widget/widget-abc.js`);
    expect(widget.mounts).toHaveLength(1);
    expect(widget.mounts[0]).toMatchObject({ siteKey: 'site_1', relayOrigin: RELAY });
  });

  it('keeps identify, set and on until the widget loads, in order with open, and does not load the widget for them', async () => {
    snippetQueue(['identify', { token: 't' }], ['on', 'unread', () => undefined], ['set', { attributes: { plan: 'pro' } }]);
    const widget = fakeWidgetModule();
    startLoader({ window, script: loaderScript(), widgetFile: 'widget-abc.js', importModule: widget.importModule });
    await Promise.resolve();
    expect(widget.importModule).not.toHaveBeenCalled();

    window.Parley!('open');
    window.Parley!('set', { attributes: { seats: 3 } });
    await vi.waitFor(() => expect(widget.calls).toEqual(['run:identify', 'run:on', 'run:set', 'open', 'run:set']));
    expect(warn).not.toHaveBeenCalled();
  });

  it('on shutdown forgets the visitor stored for this site at once, and drops an identify still waiting', async () => {
    localStorage.setItem('parley:site_1:token', 'v1.someone');
    localStorage.setItem('parley:site_1:conversation', 'c1');
    localStorage.setItem('parley:other_site:token', 'kept');
    snippetQueue(['identify', { token: 't' }], ['on', 'open', () => undefined], ['shutdown']);
    const widget = fakeWidgetModule();
    startLoader({ window, script: loaderScript(), widgetFile: 'widget-abc.js', importModule: widget.importModule });

    expect(localStorage.getItem('parley:site_1:token')).toBeNull();
    expect(localStorage.getItem('parley:site_1:conversation')).toBeNull();
    expect(localStorage.getItem('parley:other_site:token')).toBe('kept');
    window.Parley!('open');
    await vi.waitFor(() => expect(widget.calls).toEqual(['run:on', 'open']));

    window.Parley!('shutdown');
    await vi.waitFor(() => expect(widget.calls.at(-1)).toBe('run:shutdown'));
  });

  it('warns about an unknown command or a non-string one without throwing into the page', () => {
    snippetQueue(['explode'], [42]);
    const widget = fakeWidgetModule();
    expect(() => startLoader({ window, script: loaderScript(), widgetFile: 'widget-abc.js', importModule: widget.importModule })).not.toThrow();
    expect(() => window.Parley!({ not: 'a command' })).not.toThrow();
    expect(warn).toHaveBeenCalledTimes(3);
    expect(String(warn.mock.calls[0]![0])).toMatch(/unknown command "explode"/);
  });

  it('keeps one launcher and one dispatcher when loaded twice', () => {
    snippetQueue();
    const widget = fakeWidgetModule();
    const env = { window, script: loaderScript(), widgetFile: 'widget-abc.js', importModule: widget.importModule };
    startLoader(env);
    const dispatcher = window.Parley;
    startLoader(env);

    expect(launchers()).toHaveLength(1);
    expect(window.Parley).toBe(dispatcher);
    expect(dispatcher?.loaded).toBe(true);
  });

  it('warns once per unknown command and never throws', async () => {
    snippetQueue(['explode'], ['open']);
    const widget = fakeWidgetModule();
    startLoader({ window, script: loaderScript(), widgetFile: 'w.js', importModule: widget.importModule });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain('unknown command "explode"');

    expect(() => window.Parley?.()).not.toThrow();
    expect(() => window.Parley?.('toString')).not.toThrow();
    expect(warn).toHaveBeenCalledTimes(3);
    await vi.waitFor(() => expect(widget.calls).toEqual(['open']));
  });

  it('prefetches on intent and mounts and opens on click', async () => {
    const widget = fakeWidgetModule();
    startLoader({ window, script: loaderScript(), widgetFile: 'w.js', importModule: widget.importModule });
    const launcher = launchers()[0] as ParleyLauncher;
    const button = launcher.shadowRoot!.querySelector('button')!;

    button.dispatchEvent(new Event('pointerenter'));
    await vi.waitFor(() => expect(widget.importModule).toHaveBeenCalledTimes(1));
    expect(widget.mounts).toHaveLength(0);

    button.click();
    await vi.waitFor(() => expect(widget.calls).toEqual(['open']));
    button.click();
    await vi.waitFor(() => expect(widget.calls).toEqual(['open', 'toggle']));
    expect(widget.importModule).toHaveBeenCalledTimes(1);
    expect(widget.mounts[0]?.launcher).toBe(launcher);
  });

  it('loads the widget when idle for a visitor who already has a conversation', async () => {
    localStorage.setItem('parley:site_1:conversation', '00000000-0000-4000-8000-000000000001');
    const idle: (() => void)[] = [];
    vi.stubGlobal('requestIdleCallback', (callback: () => void) => idle.push(callback));
    try {
      const widget = fakeWidgetModule();
      startLoader({ window, script: loaderScript(), widgetFile: 'w.js', importModule: widget.importModule });
      expect(widget.importModule).not.toHaveBeenCalled();
      expect(idle).toHaveLength(1);

      idle[0]!();
      await vi.waitFor(() => expect(widget.mounts).toHaveLength(1));
      expect(widget.calls).toEqual([]);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('loads the widget when idle for a visitor who left the panel open on the last page, and leaves opening it to the panel', async () => {
    localStorage.setItem('parley:site_1:open', '1');
    const idle: (() => void)[] = [];
    vi.stubGlobal('requestIdleCallback', (callback: () => void) => idle.push(callback));
    const widget = fakeWidgetModule();
    startLoader({ window, script: loaderScript(), widgetFile: 'w.js', importModule: widget.importModule });
    expect(widget.importModule).not.toHaveBeenCalled();

    idle[0]!();
    await vi.waitFor(() => expect(widget.mounts).toHaveLength(1));
    expect(widget.mounts[0]!.launcher).toBe(launchers()[0]);
    expect(widget.calls).toEqual([]);
  });

  it('builds the bubble at the page’s first idle moment, asks for the site’s settings at the next, and mounts the chat on it', async () => {
    const idle: (() => void)[] = [];
    vi.stubGlobal('requestIdleCallback', (callback: () => void) => idle.push(callback));
    const widget = fakeWidgetModule();
    startLoader({ window, script: loaderScript(), widgetFile: 'w.js', importModule: widget.importModule });
    expect(launchers()).toHaveLength(0);
    expect(window.fetch).not.toHaveBeenCalled();

    idle[0]!();
    expect(launchers()).toHaveLength(1);
    // Starting the request waits for the next idle moment, so the two never make one long task.
    expect(window.fetch).not.toHaveBeenCalled();
    idle[1]!();
    expect(window.fetch).toHaveBeenCalledTimes(1);
    window.Parley!('open');
    await vi.waitFor(() => expect(widget.calls).toEqual(['open']));
    expect(widget.mounts[0]!.launcher).toBe(launchers()[0]);
    expect(launchers()).toHaveLength(1);
  });

  it('builds the bubble at once when the page opens the chat before idle', async () => {
    vi.stubGlobal('requestIdleCallback', () => 0);
    snippetQueue(['open']);
    const widget = fakeWidgetModule();
    startLoader({ window, script: loaderScript(), widgetFile: 'w.js', importModule: widget.importModule });
    await vi.waitFor(() => expect(widget.calls).toEqual(['open']));
    expect(widget.mounts[0]!.launcher).toBe(launchers()[0]);
  });

  it('does not load the widget for a visitor without a conversation until asked', async () => {
    const widget = fakeWidgetModule();
    vi.useFakeTimers();
    try {
      startLoader({ window, script: loaderScript(), widgetFile: 'w.js', importModule: widget.importModule });
      await vi.runAllTimersAsync();
      expect(widget.importModule).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });

  it('retries the import on the next click after a failed load', async () => {
    const widget = fakeWidgetModule();
    widget.importModule.mockRejectedValueOnce(new Error('offline'));
    startLoader({ window, script: loaderScript(), widgetFile: 'w.js', importModule: widget.importModule });
    window.Parley?.('open');
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith('Parley: the chat could not be loaded.', expect.any(Error)));

    window.Parley?.('open');
    await vi.waitFor(() => expect(widget.calls).toEqual(['open']));
    expect(widget.importModule).toHaveBeenCalledTimes(2);
  });

  it('warns and leaves the page alone without a site key', () => {
    snippetQueue(['open']);
    const queue = window.Parley;
    startLoader({ window, script: loaderScript(''), widgetFile: 'w.js', importModule: fakeWidgetModule().importModule });
    expect(window.Parley).toBe(queue);
    expect(launchers()).toHaveLength(0);
    expect(warn).toHaveBeenCalledTimes(1);
  });
});

describe('language and theme from the loader script', () => {
  beforeEach(idleAtOnce);
  afterEach(() => {
    delete window.Parley;
    document.body.replaceChildren();
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  function start(attributes: Record<string, string>, browser: string[]) {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(browser);
    const script = loaderScript();
    for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
    const widget = fakeWidgetModule();
    startLoader({ window, script, widgetFile: 'w.js', importModule: widget.importModule });
    const launcher = launchers()[0] as ParleyLauncher;
    return { widget, launcher, button: launcher.shadowRoot!.querySelector('[part=launcher]')! };
  }

  it("labels the bubble in the browser's language and hands that language to the chat", async () => {
    const { widget, launcher, button } = start({}, ['es-MX', 'en']);
    expect(button.getAttribute('aria-label')).toBe('Abrir chat');
    expect(launcher.getAttribute('lang')).toBe('es');
    expect(launcher.getAttribute('dir')).toBe('ltr');
    window.Parley!('open');
    await vi.waitFor(() => expect(widget.mounts).toHaveLength(1));
    expect(widget.mounts[0]).toMatchObject({ language: 'es' });
    expect(widget.mounts[0]).not.toHaveProperty('theme');
  });

  it('lets data-lang and data-theme fix language and colour scheme, and mirrors for Arabic', async () => {
    const { widget, launcher, button } = start({ 'data-lang': 'ar', 'data-theme': 'dark' }, ['fr-FR']);
    expect(button.getAttribute('aria-label')).toBe('افتح المحادثة');
    expect(launcher.getAttribute('dir')).toBe('rtl');
    window.Parley!('open');
    await vi.waitFor(() => expect(widget.mounts).toHaveLength(1));
    expect(widget.mounts[0]).toMatchObject({ language: 'ar', theme: 'dark' });
  });

  it('ignores a data-theme it does not know and a data-lang it does not have', async () => {
    const { widget, button } = start({ 'data-lang': 'ja', 'data-theme': 'sepia' }, ['de']);
    expect(button.getAttribute('aria-label')).toBe('Chat öffnen');
    window.Parley!('open');
    await vi.waitFor(() => expect(widget.mounts).toHaveLength(1));
    expect(widget.mounts[0]).toMatchObject({ language: 'de' });
    expect(widget.mounts[0]).not.toHaveProperty('theme');
  });
});

describe('<parley-launcher>', () => {
  beforeEach(idleAtOnce);
  afterEach(() => {
    delete window.Parley;
    document.body.replaceChildren();
    vi.unstubAllGlobals();
  });

  it('shows the unread badge and the open state', () => {
    startLoader({ window, script: loaderScript(), widgetFile: 'w.js', importModule: fakeWidgetModule().importModule });
    const launcher = launchers()[0] as ParleyLauncher;
    const button = launcher.shadowRoot!.querySelector('[part=launcher]')!;
    const badge = launcher.shadowRoot!.querySelector<HTMLElement>('[part=badge]')!;
    expect(button.getAttribute('aria-label')).toBe('Open chat');
    expect(badge.hidden).toBe(true);

    launcher.setUnread(3, 'unread');
    expect(badge.hidden).toBe(false);
    expect(badge.textContent).toBe('3 unread');
    launcher.setUnread(120, 'unread');
    expect(badge.textContent).toBe('99+ unread');
    launcher.setUnread(0, 'unread');
    expect(badge.hidden).toBe(true);

    expect(button.getAttribute('aria-expanded')).toBe('false');
    launcher.setOpen(true);
    expect(button.getAttribute('aria-expanded')).toBe('true');
  });
});
