// @vitest-environment happy-dom
import { PROTOCOL_VERSION } from '@parley/protocol/light';
import { fixtureUuid } from '@parley/protocol/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { defineChat, type ParleyChat } from './parley-chat';
import { ScriptedSocket } from './scripted-socket';

defineChat();

const DRAFT = 'parley:site_1:draft';

describe('the composer draft', () => {
  const chats: ParleyChat[] = [];
  afterEach(() => {
    for (const chat of chats.splice(0)) chat.remove();
    localStorage.clear();
  });

  /** A page with the chat open, welcomed by the relay (which stores the visitor's token). */
  async function page() {
    const chat = document.createElement('parley-chat');
    chats.push(chat);
    chat.siteKey = 'site_1';
    chat.relayOrigin = 'https://relay.example.com';
    chat.open = true;
    const sockets: ScriptedSocket[] = [];
    chat.createSocket = (url) => {
      const socket = new ScriptedSocket(url);
      sockets.push(socket);
      return socket;
    };
    document.body.append(chat);
    sockets[0]!.accept();
    sockets[0]!.receive({
      type: 'welcome',
      protocolVersion: PROTOCOL_VERSION,
      visitorId: fixtureUuid(2000),
      token: 'token-1',
      site: { name: 'Acme Support', greeting: 'Hi', color: '#112233' },
      heartbeatMs: 25_000,
    });
    await chat.stringsReady;
    const composer = chat.shadowRoot!.querySelector('textarea')!;
    return { chat, composer, socket: sockets[0]! };
  }

  function typeInto(composer: HTMLTextAreaElement, text: string) {
    composer.value = text;
    composer.dispatchEvent(new Event('input', { bubbles: true }));
  }

  /** What the browser fires in this tab when another tab of the origin writes localStorage. */
  function otherTabWrites(key: string, newValue: string | null) {
    dispatchEvent(new StorageEvent('storage', { key, newValue }));
  }

  it('is saved as the visitor types, comes back on the next page, and is gone once sent', async () => {
    const first = await page();
    typeInto(first.composer, 'My order number is');
    expect(localStorage.getItem(DRAFT)).toBe('My order number is');
    first.chat.remove();

    const next = await page();
    expect(next.composer.value).toBe('My order number is');
    typeInto(next.composer, 'My order number is 1234');
    next.composer.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    expect(next.socket.frames('message.send').map((frame) => frame.body)).toEqual(['My order number is 1234']);
    expect(next.composer.value).toBe('');
    expect(localStorage.getItem(DRAFT)).toBeNull();
  });

  it('is removed when the visitor erases it', async () => {
    const { composer } = await page();
    typeInto(composer, 'Hel');
    typeInto(composer, '');
    expect(localStorage.getItem(DRAFT)).toBeNull();
  });

  it("follows another tab's typing and sending, and ignores other keys", async () => {
    const { composer } = await page();
    otherTabWrites(DRAFT, 'Typed in the other tab');
    expect(composer.value).toBe('Typed in the other tab');
    otherTabWrites('parley:site_2:draft', 'Another site');
    expect(composer.value).toBe('Typed in the other tab');
    // Sent there: the key is removed.
    otherTabWrites(DRAFT, null);
    expect(composer.value).toBe('');
  });

  it('stops following other tabs once the chat is off the page', async () => {
    const { chat, composer } = await page();
    chat.remove();
    otherTabWrites(DRAFT, 'Too late');
    expect(composer.value).toBe('');
  });

  it('is not shown to a visitor new on this device (after a shutdown the loader ran), and goes with Parley(shutdown)', async () => {
    localStorage.setItem(DRAFT, 'Left by the previous visitor');
    const fresh = await page();
    expect(fresh.composer.value).toBe('');
    expect(localStorage.getItem(DRAFT)).toBeNull();

    typeInto(fresh.composer, 'About my account');
    fresh.chat.shutdown();
    expect(fresh.composer.value).toBe('');
    expect(localStorage.getItem(DRAFT)).toBeNull();
  });
});
