// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createParley } from './npm';

/** A socket that never opens: these tests are about the page, not the relay. */
class SilentSocket {
  readyState = 0;
  onopen = null;
  onclose = null;
  onerror = null;
  onmessage = null;
  send(): void {}
  close(): void {
    this.readyState = 3;
  }
}

describe('createParley (the npm build)', () => {
  beforeEach(() => vi.stubGlobal('WebSocket', SilentSocket));
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.replaceChildren();
    localStorage.clear();
  });

  it('puts the bubble and the chat on the page and drives them with typed methods', async () => {
    const parley = createParley({ relayOrigin: 'https://chat.example.com/ignored/path', siteKey: 'pk_npm', language: 'fr' });
    const chat = document.querySelector('parley-chat')!;
    expect(document.querySelectorAll('parley-launcher')).toHaveLength(1);
    expect([chat.siteKey, chat.relayOrigin, chat.language]).toEqual(['pk_npm', 'https://chat.example.com', 'fr']);

    const seen: string[] = [];
    parley.on('open', () => seen.push('open'));
    parley.on('close', () => seen.push('close'));
    parley.open();
    expect(chat.open).toBe(true);
    parley.toggle();
    expect(chat.open).toBe(false);
    expect(seen).toEqual(['open', 'close']);

    parley.destroy();
    expect(document.querySelector('parley-chat')).toBeNull();
    expect(document.querySelector('parley-launcher')).toBeNull();
  });

  it('forgets the stored visitor on shutdown', () => {
    localStorage.setItem('parley:pk_npm:token', 'v1.someone.sig');
    const parley = createParley({ relayOrigin: 'https://chat.example.com', siteKey: 'pk_npm' });
    parley.shutdown();
    expect(localStorage.getItem('parley:pk_npm:token')).toBeNull();
    parley.destroy();
  });
});
