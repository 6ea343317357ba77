// @vitest-environment happy-dom
import type { RelayToWidget, WidgetToRelay } from '@parley/protocol';
import { JOINED_EVENT_PREFIX, PROTOCOL_VERSION } from '@parley/protocol/light';
import { fixtureTime, fixtureUuid, makeMessage } from '@parley/protocol/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineChat, type ParleyChat } from './parley-chat';
import { ScriptedSocket } from './scripted-socket';
import type { Language } from './strings';

defineChat();

const SITE_KEY = 'site_1';
const conversationId = fixtureUuid(1000);
const visitorId = fixtureUuid(2000);
const ada = { kind: 'agent' as const, id: fixtureUuid(4000), name: 'Ada' };

function welcome(token = 'token-1', color = '#112233'): RelayToWidget {
  return {
    type: 'welcome',
    protocolVersion: PROTOCOL_VERSION,
    visitorId,
    token,
    site: { name: 'Acme Support', greeting: 'Hi! How can we help?', color },
    heartbeatMs: 25_000,
  };
}

describe('<parley-chat>', () => {
  let sockets: ScriptedSocket[];
  let chat: ParleyChat;

  beforeEach(() => {
    sockets = [];
  });
  afterEach(() => {
    chat?.remove();
    localStorage.clear();
  });

  /** Mounts the element (open by default) and connects it as a welcomed visitor. */
  async function connectedChat({ open = true, language = 'en' as Language, color = '#112233' } = {}) {
    chat = document.createElement('parley-chat');
    chat.siteKey = SITE_KEY;
    chat.relayOrigin = 'https://relay.example.com';
    chat.open = open;
    chat.language = language;
    chat.createSocket = (url) => {
      const socket = new ScriptedSocket(url);
      sockets.push(socket);
      return socket;
    };
    document.body.append(chat);
    const socket = sockets[0]!;
    socket.accept();
    socket.receive(welcome('token-1', color));
    // Words other than English come as a module of their own: the panel renders once they are in.
    await chat.stringsReady;
    await chat.updateComplete;
    return socket;
  }

  const root = () => chat.shadowRoot!;
  const items = () => [...root().querySelectorAll<HTMLLIElement>('[part~=message]:not(.greeting)')];

  async function type(text: string, key = 'Enter', shiftKey = false) {
    const composer = root().querySelector('textarea')!;
    composer.value = text;
    composer.dispatchEvent(new Event('input', { bubbles: true }));
    composer.dispatchEvent(new KeyboardEvent('keydown', { key, shiftKey, bubbles: true, cancelable: true }));
    await chat.updateComplete;
    return composer;
  }

  it('says hello on the visitor socket and renders the site greeting from welcome', async () => {
    const socket = await connectedChat();
    expect(socket.url).toBe('wss://relay.example.com/v1/widget/ws?siteKey=site_1');
    expect(socket.sent[0]).toEqual({ type: 'hello', protocolVersion: PROTOCOL_VERSION, resume: {} });
    expect(root().querySelector('h2')?.textContent).toBe('Acme Support');
    expect(root().querySelector('.greeting')?.textContent).toBe('Hi! How can we help?');
    expect(root().querySelector('[role=log]')?.getAttribute('aria-live')).toBe('polite');
    expect(localStorage.getItem('parley:site_1:token')).toBe('token-1');
  });

  it('sends on Enter, not on Shift+Enter, and shows the message as sending', async () => {
    const socket = await connectedChat();
    await type('first line', 'Enter', true);
    expect(socket.frames('message.send')).toHaveLength(0);

    const composer = await type('Hello there');
    expect(socket.frames('message.send')).toEqual([
      { type: 'message.send', clientId: expect.any(String), body: 'Hello there' },
    ]);
    expect(composer.value).toBe('');
    expect(items().map((item) => [item.textContent?.includes('Hello there'), item.dataset.status, item.className])).toEqual([
      [true, 'sending', 'visitor'],
    ]);
    expect(localStorage.getItem('parley:site_1:outbox')).toContain('Hello there');
  });

  it('shows sending -> sent on ack, and the message once when its echo arrives', async () => {
    const socket = await connectedChat();
    await type('Hello there');
    const { clientId } = socket.frames('message.send')[0]!;

    socket.receive({ type: 'message.ack', clientId, conversationId, id: fixtureUuid(), seq: 1, createdAt: fixtureTime(1) });
    await chat.updateComplete;
    expect(items().map((item) => [item.dataset.status, item.dataset.seq])).toEqual([['sent', '1']]);
    expect(localStorage.getItem('parley:site_1:conversation')).toBe(conversationId);

    socket.receive({ type: 'message.created', message: makeMessage({ conversationId, seq: 1, clientId, body: 'Hello there' }) });
    socket.receive({ type: 'message.created', message: makeMessage({ conversationId, seq: 2, clientId: null, author: ada, body: 'Hi!' }) });
    await chat.updateComplete;
    expect(items().map((item) => [item.dataset.seq, item.dataset.status, item.className])).toEqual([
      ['1', 'sent', 'visitor'],
      ['2', 'sent', 'agent'],
    ]);
  });

  it('says in the panel’s language that an agent joined, whatever the relay’s English says', async () => {
    const socket = await connectedChat({ language: 'fr' });
    const joined = makeMessage({
      conversationId,
      seq: 1,
      kind: 'event',
      clientId: `${JOINED_EVENT_PREFIX}1`,
      author: { kind: 'system', id: ada.id, name: 'Ada' },
      body: 'Ada joined the conversation.',
    });
    const other = makeMessage({ conversationId, seq: 2, kind: 'event', clientId: null, author: { kind: 'system', id: null, name: null }, body: 'Ada closed the conversation.' });
    socket.receive({ type: 'message.created', message: joined });
    socket.receive({ type: 'message.created', message: other });
    await chat.updateComplete;
    expect(items().map((item) => [item.className, item.querySelector('.body')?.textContent])).toEqual([
      ['system', 'Ada a rejoint la conversation.'],
      ['system', 'Ada closed the conversation.'],
    ]);
  });

  it('sends read receipts: delivered while the panel is closed, seen once it is open; shows Seen under the visitor’s last message', async () => {
    const socket = await connectedChat({ open: false });
    await type('Hello there');
    const { clientId } = socket.frames('message.send')[0]!;
    socket.receive({ type: 'message.ack', clientId, conversationId, id: fixtureUuid(), seq: 1, createdAt: fixtureTime(1) });
    socket.receive({ type: 'message.created', message: makeMessage({ conversationId, seq: 1, clientId, body: 'Hello there' }) });
    socket.receive({ type: 'message.created', message: makeMessage({ conversationId, seq: 2, clientId: null, author: ada, body: 'Hi!' }) });
    await chat.updateComplete;
    expect(socket.frames('read').at(-1)).toEqual({ type: 'read', conversationId, seq: 2, state: 'delivered' });

    chat.open = true;
    await chat.updateComplete;
    expect(socket.frames('read').at(-1)).toEqual({ type: 'read', conversationId, seq: 2, state: 'seen' });
    const sent = socket.frames('read').length;
    socket.receive({ type: 'typing.changed', conversationId, author: { kind: 'agent', name: 'Ada' }, isTyping: true });
    await chat.updateComplete;
    expect(socket.frames('read')).toHaveLength(sent);

    const seenMark = () => [...root().querySelectorAll('[part~=message] .state')].map((state) => [state.closest('li')?.dataset.seq, state.textContent]);
    expect(seenMark()).toEqual([]);
    socket.receive({ type: 'conversation.read', conversationId, side: 'agent', state: 'seen', seq: 1 });
    await chat.updateComplete;
    expect(seenMark()).toEqual([['1', 'Seen']]);
  });

  it('renders a body that looks like HTML as literal text', async () => {
    const socket = await connectedChat();
    const body = '<script>window.hacked = true</script><img src=x onerror="window.hacked = true">';
    socket.receive({ type: 'message.created', message: makeMessage({ conversationId, seq: 1, author: ada, clientId: null, body }) });
    await chat.updateComplete;

    const [item] = items();
    expect(item?.querySelector('.body')?.textContent).toBe(body);
    expect(root().querySelector('script, img')).toBeNull();
  });

  it('shows when an agent is typing, and sends the visitor typing', async () => {
    const socket = await connectedChat();
    socket.receive({ type: 'message.created', message: makeMessage({ conversationId, seq: 1 }) });
    socket.receive({ type: 'typing.changed', conversationId, author: { kind: 'agent', name: 'Ada' }, isTyping: true });
    await chat.updateComplete;
    expect(root().querySelector('[part=typing]')?.textContent).toBe('Ada is typing…');

    socket.receive({ type: 'typing.changed', conversationId, author: { kind: 'agent', name: 'Ada' }, isTyping: false });
    await chat.updateComplete;
    expect(root().querySelector('[part=typing]')).toBeNull();

    await type('hm', 'h');
    expect(socket.frames('typing.start')).toEqual([{ type: 'typing.start', conversationId }]);
    await type('hmm');
    expect(socket.frames('typing.stop')).toEqual([{ type: 'typing.stop', conversationId }]);
  });

  it('offers retry and discard for a message the relay refused', async () => {
    const socket = await connectedChat();
    await type('too much');
    const { clientId } = socket.frames('message.send')[0]!;
    socket.receive({ type: 'error', code: 'invalid_frame', message: 'Body too long.', ref: clientId });
    await chat.updateComplete;
    expect(items()[0]?.dataset.status).toBe('failed');
    expect(items()[0]?.textContent).toContain('Body too long.');

    items()[0]!.querySelector<HTMLButtonElement>('[data-action=retry]')!.click();
    await chat.updateComplete;
    const retried = socket.frames('message.send');
    expect(retried).toHaveLength(2);
    expect(retried[1]?.clientId).not.toBe(clientId);
    expect(items().map((item) => item.dataset.status)).toEqual(['sending']);

    socket.receive({ type: 'error', code: 'invalid_frame', message: 'Body too long.', ref: retried[1]!.clientId });
    await chat.updateComplete;
    items()[0]!.querySelector<HTMLButtonElement>('[data-action=discard]')!.click();
    await chat.updateComplete;
    expect(items()).toHaveLength(0);
  });

  it('drops a refused token and connects again without it', async () => {
    localStorage.setItem('parley:site_1:token', 'forged');
    chat = document.createElement('parley-chat');
    chat.siteKey = SITE_KEY;
    chat.relayOrigin = 'http://127.0.0.1:8080';
    chat.createSocket = (url) => {
      const socket = new ScriptedSocket(url);
      sockets.push(socket);
      return socket;
    };
    document.body.append(chat);
    const first = sockets[0]!;
    expect(first.url).toBe('ws://127.0.0.1:8080/v1/widget/ws?siteKey=site_1');
    first.accept();
    expect(first.sent[0]).toMatchObject({ type: 'hello', token: 'forged' });

    first.receive({ type: 'error', code: 'unauthorized', message: 'Expired.' });
    first.drop(4401);
    await vi.waitFor(() => expect(sockets).toHaveLength(2));

    expect(localStorage.getItem('parley:site_1:token')).toBeNull();
    sockets[1]!.accept();
    expect(sockets[1]!.sent[0]).toEqual({ type: 'hello', protocolVersion: PROTOCOL_VERSION, resume: {} });
  });

  it('shows a notice while reconnecting', async () => {
    const socket = await connectedChat();
    expect(root().querySelector('[part=notice]')).toBeNull();
    socket.drop(1006);
    await chat.updateComplete;
    expect(root().querySelector('[part=notice]')?.textContent).toBe('Reconnecting…');
  });

  it('speaks the language it is given, and turns right to left for Arabic', async () => {
    const socket = await connectedChat({ language: 'ar' });
    socket.receive({ type: 'message.created', message: makeMessage({ conversationId, seq: 1 }) });
    const panel = root().querySelector<HTMLElement>('[part=panel]')!;
    expect(panel.getAttribute('dir')).toBe('rtl');
    expect(panel.getAttribute('lang')).toBe('ar');
    expect(chat.getAttribute('dir')).toBe('rtl');
    expect(chat.getAttribute('lang')).toBe('ar');
    expect(root().querySelector('textarea')?.getAttribute('aria-label')).toBe('الرسالة');
    expect(root().querySelector('[part=close]')?.getAttribute('aria-label')).toBe('أغلق المحادثة');
    socket.receive({ type: 'typing.changed', conversationId, author: { kind: 'agent', name: null }, isTyping: true });
    await chat.updateComplete;
    expect(root().querySelector('[part=typing]')?.textContent).toBe('الموظف يكتب…');

    chat.language = 'de';
    await chat.updateComplete;
    await chat.stringsReady;
    await chat.updateComplete;
    expect(panel.getAttribute('dir')).toBe('ltr');
    expect(chat.getAttribute('lang')).toBe('de');
    expect(root().querySelector('[part=send]')?.getAttribute('aria-label')).toBe('Senden');
    socket.drop(1006);
    await chat.updateComplete;
    expect(root().querySelector('[part=notice]')?.textContent).toBe('Verbindung wird wiederhergestellt…');
  });

  it('puts near-black text on a light site colour and white on a dark one', async () => {
    await connectedChat({ color: '#facc15' });
    const panel = () => root().querySelector<HTMLElement>('[part=panel]')!;
    expect(panel().style.getPropertyValue('--parley-site-color')).toBe('#facc15');
    expect(panel().style.getPropertyValue('--parley-site-accent-text')).toBe('#111827');
    chat.remove();
    sockets = [];
    await connectedChat({ color: '#112233' });
    expect(panel().style.getPropertyValue('--parley-site-accent-text')).toBe('#ffffff');
  });

  it('reflects a fixed theme for the styles to follow', async () => {
    await connectedChat();
    expect(chat.hasAttribute('theme')).toBe(false);
    chat.theme = 'dark';
    await chat.updateComplete;
    expect(chat.getAttribute('theme')).toBe('dark');
  });

  it('counts agent messages that arrive while closed, and resets on open', async () => {
    const counts: number[] = [];
    const socket = await connectedChat({ open: false });
    chat.addEventListener('parley-unread-change', (event) => counts.push(event.detail.count));
    socket.receive({ type: 'message.created', message: makeMessage({ conversationId, seq: 1 }) });
    socket.receive({ type: 'message.created', message: makeMessage({ conversationId, seq: 2, author: ada, clientId: null }) });
    socket.receive({ type: 'message.created', message: makeMessage({ conversationId, seq: 3, author: ada, clientId: null }) });
    await chat.updateComplete;
    expect(counts.at(-1)).toBe(2);

    chat.open = true;
    await chat.updateComplete;
    expect(counts.at(-1)).toBe(0);
    chat.open = false;
    await chat.updateComplete;
    socket.receive({ type: 'message.created', message: makeMessage({ conversationId, seq: 4, author: ada, clientId: null }) });
    await chat.updateComplete;
    expect(counts.at(-1)).toBe(1);
  });

  const queueLine = () => root().querySelector('[part=queue]');
  const queued = (position: number | null, estimatedWaitSeconds: number | null, id = conversationId): RelayToWidget => ({
    type: 'queue.updated',
    conversationId: id,
    position,
    estimatedWaitSeconds,
  });

  it('shows the place in line and the wait rounded up to minutes, live, and hides it once an agent has the chat', async () => {
    const socket = await connectedChat();
    socket.receive({ type: 'message.created', message: makeMessage({ conversationId, seq: 1 }) });
    socket.receive(queued(2, 121));
    await chat.updateComplete;
    expect(queueLine()?.getAttribute('role')).toBe('status');
    expect(queueLine()?.textContent).toBe('You are number 2 in line · about 3 min');

    socket.receive(queued(1, 59));
    await chat.updateComplete;
    expect(queueLine()?.textContent).toBe('You are number 1 in line · less than a minute');

    socket.receive(queued(1, null));
    await chat.updateComplete;
    expect(queueLine()?.textContent).toBe('You are number 1 in line');

    socket.receive(queued(null, null));
    await chat.updateComplete;
    expect(queueLine()).toBeNull();
  });

  it('hides the place in line when an agent answers, and ignores another conversation', async () => {
    const socket = await connectedChat({ language: 'fr' });
    socket.receive({ type: 'message.created', message: makeMessage({ conversationId, seq: 1 }) });
    socket.receive(queued(3, 600, fixtureUuid(1001)));
    await chat.updateComplete;
    expect(queueLine()).toBeNull();

    socket.receive(queued(3, 600));
    await chat.updateComplete;
    expect(queueLine()?.textContent).toBe('Vous êtes numéro 3 dans la file · environ 10 min');

    socket.receive({ type: 'message.created', message: makeMessage({ conversationId, seq: 2, author: ada, clientId: null }) });
    await chat.updateComplete;
    expect(queueLine()).toBeNull();
  });
});
