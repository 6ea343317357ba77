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
    localStorage.clear();
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

  describe('the open state', () => {
    const OPEN = 'parley:site_1:open';
    const mountPage = () => {
      const { launcher, calls } = fakeLauncher();
      const controller = mount({ siteKey: 'site_1', relayOrigin: 'http://127.0.0.1:8080', launcher });
      const events: string[] = [];
      // As the loader does: the page's queued listeners are added right after mount().
      controller.run(['on', 'open', () => events.push('open')]);
      controller.run(['on', 'close', () => events.push('close')]);
      return { controller, calls, events, chat: [...document.querySelectorAll('parley-chat')].at(-1)! };
    };
    /** The shared storage as another tab leaves it, and the event the browser fires here about it. */
    const otherTabWrites = (key: string, newValue: string | null) => {
      if (newValue === null) localStorage.removeItem(key);
      else localStorage.setItem(key, newValue);
      dispatchEvent(new StorageEvent('storage', { key, newValue }));
    };

    it("is stored as '1' while open and removed when closed, by the API and by the visitor", async () => {
      vi.stubGlobal('WebSocket', SilentSocket);
      const { controller, chat } = mountPage();
      expect(localStorage.getItem(OPEN)).toBeNull();
      controller.open();
      expect(localStorage.getItem(OPEN)).toBe('1');
      controller.toggle();
      expect(localStorage.getItem(OPEN)).toBeNull();
      controller.open();
      await chat.updateComplete;
      chat.shadowRoot!.querySelector('[part=panel]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
      expect(chat.open).toBe(false);
      expect(localStorage.getItem(OPEN)).toBeNull();
      controller.remove();
    });

    it("opens again on the next page, telling the page's listeners, without taking focus", async () => {
      vi.stubGlobal('WebSocket', SilentSocket);
      const first = mountPage();
      first.controller.open();
      first.controller.remove();
      const search = document.body.appendChild(document.createElement('input'));
      search.focus();

      const next = mountPage();
      expect(next.chat.open).toBe(false);
      await Promise.resolve();
      expect(next.chat.open).toBe(true);
      expect(next.calls).toEqual(['open true']);
      expect(next.events).toEqual(['open']);
      await next.chat.stringsReady;
      expect(document.activeElement).toBe(search);
      next.controller.remove();
    });

    it('follows another tab opening and closing, and stops once removed', async () => {
      vi.stubGlobal('WebSocket', SilentSocket);
      const { controller, chat, calls, events } = mountPage();
      otherTabWrites(OPEN, '1');
      expect(chat.open).toBe(true);
      otherTabWrites('parley:site_2:open', null);
      expect(chat.open).toBe(true);
      otherTabWrites(OPEN, null);
      expect(chat.open).toBe(false);
      expect(calls).toEqual(['open true', 'open false']);
      expect(events).toEqual(['open', 'close']);

      controller.remove();
      otherTabWrites(OPEN, '1');
      expect(chat.open).toBe(false);
    });

    it('in a hidden tab, follows once the visitor comes back to it', () => {
      vi.stubGlobal('WebSocket', SilentSocket);
      const hidden = vi.spyOn(document, 'hidden', 'get').mockReturnValue(true);
      const { controller, chat, events } = mountPage();
      otherTabWrites(OPEN, '1');
      expect(chat.open).toBe(false);
      hidden.mockReturnValue(false);
      document.dispatchEvent(new Event('visibilitychange'));
      expect(chat.open).toBe(true);

      hidden.mockReturnValue(true);
      document.dispatchEvent(new Event('visibilitychange'));
      otherTabWrites(OPEN, null);
      expect(chat.open).toBe(true);
      hidden.mockReturnValue(false);
      document.dispatchEvent(new Event('visibilitychange'));
      expect(chat.open).toBe(false);
      expect(events).toEqual(['open', 'close']);
      hidden.mockRestore();
      controller.remove();
    });
  });
});
