// @vitest-environment happy-dom
import type { Availability, RelayToWidget, WidgetToRelay } from '@parley/protocol';
import { PROTOCOL_VERSION } from '@parley/protocol/light';
import { fixtureTime, fixtureUuid } from '@parley/protocol/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { defineChat, type ParleyChat } from './parley-chat';
import { ScriptedSocket } from './scripted-socket';

defineChat();

const visitorId = fixtureUuid(2000);
const conversationId = fixtureUuid(1000);
const away: Availability = { available: false, reason: 'closed', offlineBehaviour: 'form', emailFollowUp: true };

describe('the offline flow in <parley-chat>', () => {
  let chat: ParleyChat;
  afterEach(() => {
    chat.remove();
    localStorage.clear();
  });

  async function connected(availability: Availability) {
    let socket!: ScriptedSocket;
    chat = document.createElement('parley-chat');
    chat.siteKey = 'site_1';
    chat.relayOrigin = 'https://relay.example.com';
    chat.open = true;
    chat.createSocket = () => (socket = new ScriptedSocket());
    document.body.append(chat);
    socket.readyState = 1;
    socket.onopen?.({});
    socket.receive({
      type: 'welcome',
      protocolVersion: PROTOCOL_VERSION,
      visitorId,
      token: 't',
      site: { name: 'Acme', greeting: 'Hi', color: '#112233' },
      heartbeatMs: 25_000,
    });
    socket.receive({ type: 'availability.changed', ...availability });
    await chat.updateComplete;
    return socket;
  }

  const root = () => chat.shadowRoot!;
  const emailField = () => root().querySelector<HTMLInputElement>('[part=email]');

  async function send(body: string) {
    const composer = root().querySelector('textarea')!;
    composer.value = body;
    composer.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    await chat.updateComplete;
    return composer;
  }

  it('says nobody is here and asks for an email; sends the message as offline.message only with a valid one', async () => {
    const socket = await connected(away);
    expect(root().querySelector('[part=notice]')?.textContent).toBe("We're away. Leave a message.");
    expect(emailField()?.required).toBe(true);
    expect(emailField()?.type).toBe('email');

    emailField()!.value = 'not an address';
    const composer = await send('Do you ship to Norway?');
    // The relay wants a dot in the domain; the browser alone would let `sam@example` through.
    emailField()!.value = 'sam@example';
    await send('Do you ship to Norway?');
    expect(socket.sent.filter((frame) => frame.type === 'offline.message' || frame.type === 'message.send')).toEqual([]);
    expect(composer.value).toBe('Do you ship to Norway?');

    // Socket down: nothing is lost, the words stay in the box.
    socket.readyState = 3;
    emailField()!.value = 'sam@example.com';
    await send('Do you ship to Norway?');
    expect(composer.value).toBe('Do you ship to Norway?');
    socket.readyState = 1;

    emailField()!.value = 'sam@example.com';
    await send('Do you ship to Norway?');
    expect(socket.sent.filter((frame) => frame.type === 'offline.message')).toEqual([
      { type: 'offline.message', clientId: expect.any(String), email: 'sam@example.com', body: 'Do you ship to Norway?' },
    ]);
  });

  it('with "notice" says so without asking an email, and goes back to the plain composer live when an agent comes online', async () => {
    const socket = await connected({ ...away, offlineBehaviour: 'notice' });
    expect(root().querySelector('[part=notice]')).not.toBeNull();
    expect(emailField()).toBeNull();
    socket.receive({ type: 'availability.changed', available: true, reason: null, offlineBehaviour: 'form', emailFollowUp: false });
    await chat.updateComplete;
    expect(root().querySelector('[part=notice]')).toBeNull();
    await send('Hello');
    expect(socket.sent.filter((frame) => frame.type === 'message.send')).toHaveLength(1);
  });

  it('offers the transcript by email once there is a conversation and says when it was sent', async () => {
    const socket = await connected({ ...away, available: true, reason: null });
    expect(root().querySelector('[part=transcript]')).toBeNull();
    socket.receive({
      type: 'conversation.synced',
      conversation: { id: conversationId, status: 'open', lastSeq: 0, createdAt: fixtureTime(0) },
      messages: [],
      complete: true,
    });
    await chat.updateComplete;
    const form = root().querySelector<HTMLFormElement>('[part=transcript] form')!;
    form.querySelector('input')!.value = 'lee@example.com';
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    expect(socket.sent.filter((frame) => frame.type === 'transcript.email')).toEqual([{ type: 'transcript.email', conversationId, email: 'lee@example.com' }]);
    socket.receive({ type: 'transcript.emailed', conversationId });
    await chat.updateComplete;
    expect(root().querySelector('[part=transcript]')?.textContent).toBe('Sent.');
  });
});
