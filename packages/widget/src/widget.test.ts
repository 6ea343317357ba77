// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LauncherHandle } from './launcher-handle';
import { mount } from './widget';

/** Stands in for the browser WebSocket, which mount() uses: it never opens. */
class SilentSocket {
  static urls: string[] = [];
  readyState = 0;
  onopen = null;
  onclose = null;
  onerror = null;
  onmessage = null;
  constructor(url: string) {
    SilentSocket.urls.push(url);
  }
  send(): void {}
  close(): void {}
}

function fakeLauncher() {
  const calls: string[] = [];
  const launcher: LauncherHandle = {
    setUnread: (count, label) => void calls.push(`unread ${count} ${label}`),
    setOpen: (open) => void calls.push(`open ${open}`),
    focus: () => void calls.push('focus'),
    configure: (style, label) => void calls.push(`configure ${style} ${label}`),
  };
  return { launcher, calls };
}

describe('mount', () => {
  afterEach(() => {
    document.body.replaceChildren();
    vi.unstubAllGlobals();
    SilentSocket.urls = [];
  });

  it('adds a closed chat that connects, and opens, closes and toggles it', async () => {
    vi.stubGlobal('WebSocket', SilentSocket);
    const { launcher, calls } = fakeLauncher();
    const controller = mount({ siteKey: 'site_1', relayOrigin: 'http://127.0.0.1:8080', launcher });
    const chat = document.querySelector('parley-chat')!;
    expect(chat.open).toBe(false);
    expect(SilentSocket.urls).toEqual(['ws://127.0.0.1:8080/v1/widget/ws?siteKey=site_1']);

    controller.open();
    await chat.updateComplete;
    expect(chat.open).toBe(true);
    expect(calls).toEqual(['open true']);
    // Opening moves focus to the message box, so closing hands it back to the launcher.
    await vi.waitFor(() => expect(chat.shadowRoot!.activeElement?.tagName).toBe('TEXTAREA'));

    controller.toggle();
    expect(chat.open).toBe(false);
    controller.toggle();
    expect(chat.open).toBe(true);
    expect(calls).toEqual(['open true', 'open false', 'focus', 'open true']);
  });

  it('leaves focus alone when the page closes the chat while the visitor is elsewhere', async () => {
    vi.stubGlobal('WebSocket', SilentSocket);
    const { launcher, calls } = fakeLauncher();
    const controller = mount({ siteKey: 'site_1', relayOrigin: 'http://127.0.0.1:8080', launcher });
    const chat = document.querySelector('parley-chat')!;
    const search = document.body.appendChild(document.createElement('input'));
    controller.open();
    await chat.updateComplete;
    search.focus();

    controller.close();
    expect(calls).toEqual(['open true', 'open false']);
    expect(document.activeElement).toBe(search);
  });

  it('closes when the visitor asks and hands focus back to the launcher', async () => {
    vi.stubGlobal('WebSocket', SilentSocket);
    const { launcher, calls } = fakeLauncher();
    const controller = mount({ siteKey: 'site_1', relayOrigin: 'http://127.0.0.1:8080', launcher });
    const chat = document.querySelector('parley-chat')!;
    controller.open();
    await chat.updateComplete;
    chat.shadowRoot!.querySelector('textarea')!.focus();
    expect(document.activeElement).toBe(chat);

    chat.shadowRoot!.querySelector<HTMLButtonElement>('[part=close]')!.click();
    expect(chat.open).toBe(false);
    expect(calls).toEqual(['open true', 'open false', 'focus']);
  });

  it('passes the unread count to the launcher', () => {
    vi.stubGlobal('WebSocket', SilentSocket);
    const { launcher, calls } = fakeLauncher();
    mount({ siteKey: 'site_1', relayOrigin: 'http://127.0.0.1:8080', launcher });
    const chat = document.querySelector('parley-chat')!;
    chat.dispatchEvent(new CustomEvent('parley-unread-change', { detail: { count: 4 } }));
    expect(calls).toEqual(['unread 4 unread']);
  });

  it("hands the chat the loader's language and theme, and words the badge in that language", async () => {
    vi.stubGlobal('WebSocket', SilentSocket);
    const { launcher, calls } = fakeLauncher();
    mount({ siteKey: 'site_1', relayOrigin: 'http://127.0.0.1:8080', launcher, language: 'fr', theme: 'dark' });
    const chat = document.querySelector('parley-chat')!;
    expect(chat.language).toBe('fr');
    expect(chat.theme).toBe('dark');
    await chat.updateComplete;
    await chat.stringsReady;
    await chat.updateComplete;
    expect(chat.getAttribute('lang')).toBe('fr');
    expect(chat.shadowRoot!.querySelector('textarea')?.getAttribute('placeholder')).toBe('Écrivez un message…');
    chat.dispatchEvent(new CustomEvent('parley-unread-change', { detail: { count: 2 } }));
    expect(calls).toEqual(['unread 2 non lus']);
  });
});
