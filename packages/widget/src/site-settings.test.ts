// @vitest-environment happy-dom
/** The chat applying the site's settings: live changes (site.updated) and the pre-chat form. */
import type { RelayToWidget, SitePublic, WidgetSettings, WidgetToRelay } from '@parley/protocol';
import { PROTOCOL_VERSION } from '@parley/protocol/light';
import { fixtureUuid } from '@parley/protocol/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { defineChat, type ParleyChat } from './parley-chat';
import { ScriptedSocket } from './scripted-socket';

defineChat();

const widget: WidgetSettings = {
  position: 'right',
  offsetX: 20,
  offsetY: 20,
  zIndex: 2147483000,
  launcherLabel: '',
  prechat: { name: 'off', email: 'off' },
  language: 'auto',
};
const site = (overrides: Partial<WidgetSettings> = {}, rest: Partial<SitePublic> = {}): SitePublic => ({
  name: 'Acme',
  greeting: 'Hello!',
  color: '#112233',
  widget: { ...widget, ...overrides },
  ...rest,
});

describe('<parley-chat> with site settings', () => {
  let chat: ParleyChat;
  afterEach(() => {
    chat?.remove();
    localStorage.clear();
  });

  async function connected(settings: SitePublic) {
    let socket!: ScriptedSocket;
    chat = document.createElement('parley-chat');
    chat.siteKey = 'site_1';
    chat.relayOrigin = 'https://relay.example.com';
    chat.open = true;
    chat.createSocket = () => (socket = new ScriptedSocket());
    document.body.append(chat);
    socket.readyState = 1;
    socket.onopen?.({});
    socket.receive({ type: 'welcome', protocolVersion: PROTOCOL_VERSION, visitorId: fixtureUuid(1), token: 't', site: settings, heartbeatMs: 25_000 });
    await chat.updateComplete;
    return socket;
  }
  const root = () => chat.shadowRoot!;
  const input = (name: string) => root().querySelector<HTMLInputElement>(`input[name=${name}]`);
  async function send(text: string) {
    root().querySelector('textarea')!.value = text;
    root().querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await chat.updateComplete;
  }

  it('applies an admin’s change without reconnecting: greeting, colour, side and offsets, and hands the bubble its settings', async () => {
    const socket = await connected(site());
    const launchers: unknown[] = [];
    chat.addEventListener('parley-site-change', (event) => launchers.push(event.detail));
    const launcher = { style: 'inset:auto;inset-inline-start:8px', label: 'Help', language: null };
    socket.receive({ type: 'site.updated', site: site({ position: 'left', offsetX: 8, offsetY: 30, zIndex: 99 }, { greeting: 'New hello', color: '#fde047' }), launcher });
    await chat.updateComplete;

    expect(root().querySelector('.greeting')!.textContent).toBe('New hello');
    const panel = root().querySelector<HTMLElement>('[part=panel]')!;
    expect(panel.style.getPropertyValue('--parley-site-color')).toBe('#fde047');
    // A light colour gets near-black text.
    expect(panel.style.getPropertyValue('--parley-site-accent-text')).toBe('#111827');
    expect(chat.getAttribute('side')).toBe('left');
    expect(chat.style.getPropertyValue('--_x')).toBe('8px');
    expect(chat.style.getPropertyValue('--_y')).toBe('30px');
    expect(chat.style.getPropertyValue('--parley-z-index')).toBe('99');
    expect(launchers).toEqual([launcher]);
    expect(socket.sent.filter((frame) => frame.type === 'hello')).toHaveLength(1);
  });

  it('asks nothing when the site asks nothing', async () => {
    const socket = await connected(site());
    expect(root().querySelector('[part=prechat]')).toBeNull();
    await send('Hi');
    expect(socket.types()).toEqual(['message.send']);
  });

  it('holds the first message until a required email is valid, then sends the form first', async () => {
    const socket = await connected(site({ prechat: { name: 'optional', email: 'required' } }));
    expect(input('name')!.required).toBe(false);
    expect(input('email')!.required).toBe(true);
    expect(input('email')!.type).toBe('email');

    await send('Hi');
    expect(socket.types()).toEqual([]);
    expect(root().querySelector('textarea')!.value).toBe('Hi');

    input('email')!.value = 'ada@example';
    await send('Hi');
    expect(socket.types()).toEqual([]);

    input('email')!.value = 'ada@example.com';
    await send('Hi');
    expect(socket.types()).toEqual(['prechat.submit', 'message.send']);
    expect(socket.sent.find((frame) => frame.type === 'prechat.submit')).toEqual({ type: 'prechat.submit', email: 'ada@example.com' });
    // Asked once: the conversation has begun.
    expect(root().querySelector('[part=prechat]')).toBeNull();
  });

  it('lets the visitor skip optional fields', async () => {
    const socket = await connected(site({ prechat: { name: 'optional', email: 'optional' } }));
    input('name')!.value = '  Grace ';
    await send('Hi');
    expect(socket.types()).toEqual(['prechat.submit', 'message.send']);
    expect(socket.sent.find((frame) => frame.type === 'prechat.submit')).toEqual({ type: 'prechat.submit', name: '  Grace ' });
  });

  it('shows the form when an admin turns it on while the visitor is there', async () => {
    const socket = await connected(site());
    socket.receive({
      type: 'site.updated',
      site: site({ prechat: { name: 'required', email: 'off' } }),
      launcher: { style: '', label: '', language: null },
    });
    await chat.updateComplete;
    expect(input('name')!.required).toBe(true);
    expect(input('email')).toBeNull();
  });
});
