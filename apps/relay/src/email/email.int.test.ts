/**
 * Email follow-up against a real SMTP server (smtp-server on a free loopback port): the offline
 * form, agent replies emailed in one batch, the signed link's page and reply, transcripts.
 */
import type { Message } from '@parley/protocol';
import { setVisitorEmail } from '@parley/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addAgent, openVisitor, send, visitorSays, type TestAgent } from '../routing/routing-test-kit';
import { startRelay, type RelayUnderTest } from '../testing/relay-harness';
import { startSmtpSink, type SmtpSink } from '../testing/smtp-sink';
import { eventually, signIn, type RawSocket } from '../testing/test-clients';

describe('email follow-up', () => {
  let relay: RelayUnderTest;
  let sink: SmtpSink;
  const sockets: RawSocket[] = [];
  let clientIds = 0;

  beforeEach(async () => {
    sink = await startSmtpSink();
    relay = await startRelay({ env: { SMTP_URL: sink.url, EMAIL_DEBOUNCE_MS: '400', EMAIL_FROM: 'Site A <help@site-a.example>', PRESENCE_GRACE_MS: '0' } });
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await relay.close();
    await sink.close();
  });

  const agentSays = (agent: TestAgent, conversationId: string, body: string) =>
    send(agent.socket, { type: 'message.send', conversationId, clientId: `agent-${++clientIds}`, body });

  async function leaveOfflineMessage(socket: RawSocket, email: string, body: string): Promise<string> {
    const clientId = `offline-${++clientIds}`;
    send(socket, { type: 'offline.message', clientId, email, body });
    const ack = await socket.next('message.ack');
    expect(ack.clientId).toBe(clientId);
    return ack.conversationId as string;
  }

  async function agentMessages(cookie: string, conversationId: string) {
    const response = await fetch(`${relay.baseUrl}/v1/conversations/${conversationId}/messages`, { headers: { cookie } });
    return ((await response.json()) as { messages: Message[] }).messages;
  }

  it('emails a burst of agent replies to an offline-form message as one mail whose link answers into the conversation', async () => {
    const visitor = await openVisitor(relay, relay.a);
    sockets.push(visitor);
    await eventually(() => visitor.frames.some((frame) => frame.type === 'availability.changed' && frame.emailFollowUp === true), 'email announced');
    const conversationId = await leaveOfflineMessage(visitor, 'sam@example.com', 'Do you ship to Norway?');
    visitor.close();

    const agent = await addAgent(relay.database, relay, relay.a, { name: 'Ada' });
    sockets.push(agent.socket);
    // The offline message waits in the queue like any other and goes to the agent who comes online.
    await eventually(() => agent.frames('conversation.assigned').length > 0, 'assigned');
    const inbox = await agentMessages(agent.cookie, conversationId);
    // Routing says who took it (an event); the visitor's words are there as sent.
    expect(inbox.map((message) => [message.kind, message.body])).toEqual([
      ['text', 'Do you ship to Norway?'],
      ['event', 'Ada joined the conversation.'],
    ]);

    agentSays(agent, conversationId, 'Yes, we do.');
    agentSays(agent, conversationId, 'Shipping takes 3 days <b>usually</b>.');
    await eventually(() => sink.mails.length > 0, 'reply email', 15_000);
    // Both replies in one mail, not two: wait past another debounce and check.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(sink.mails).toHaveLength(1);
    const mail = sink.mails[0]!;
    expect(mail.to).toEqual(['sam@example.com']);
    expect(mail.from).toBe('help@site-a.example');
    expect(mail.subject).toBe('2 new replies from Site a');
    expect(mail.text).toContain('Yes, we do.');
    expect(mail.text).toContain('Shipping takes 3 days <b>usually</b>.');
    const link = /(http:\/\/127\.0\.0\.1:\d+\/v1\/email\/reply\?t=[A-Za-z0-9._-]+)/.exec(mail.text)?.[1];
    expect(link).toBeDefined();

    const page = await fetch(link!);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Do you ship to Norway?');
    // What people wrote is text on the page, never markup.
    expect(html).toContain('&#60;b&#62;usually&#60;/b&#62;');
    expect(html).not.toContain('<b>usually');

    const token = new URL(link!).searchParams.get('t')!;
    const form = new URLSearchParams({ t: token, body: 'Great, ordering now.' });
    const posted = await fetch(`${relay.baseUrl}/v1/email/reply`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toContain('sent=1');
    // A double submit of the same words stores it once.
    await fetch(`${relay.baseUrl}/v1/email/reply`, { method: 'POST', body: form, redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    // Agents' inboxes learn of it live.
    await eventually(
      () => agent.frames('conversation.updated').some((frame) => (frame.conversation as { lastMessage: { body: string } | null }).lastMessage?.body === 'Great, ordering now.'),
      'inbox told of the reply',
    );
    const after = await agentMessages(agent.cookie, conversationId);
    expect(after.filter((message) => message.body === 'Great, ordering now.')).toHaveLength(1);
    expect(after.at(-1)).toMatchObject({ author: { kind: 'visitor' } });
  });

  it('emails a reply only when the visitor is not connected to see it live', async () => {
    const agent = await addAgent(relay.database, relay, relay.a);
    const visitor = await openVisitor(relay, relay.a);
    sockets.push(agent.socket, visitor);
    const conversationId = await visitorSays(visitor, 'Hello?');
    const visitorId = visitor.frames.find((frame) => frame.type === 'welcome')!.visitorId as string;
    await setVisitorEmail(relay.database.db, relay.a.workspaceId, visitorId, 'kim@example.com');
    await eventually(() => agent.frames('conversation.assigned').length > 0, 'assigned');

    agentSays(agent, conversationId, 'Seen live');
    await eventually(() => visitor.frames.some((frame) => frame.type === 'message.created' && (frame.message as { body: string }).body === 'Seen live'), 'live delivery');
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(sink.mails).toHaveLength(0);

    visitor.close();
    await eventually(() => !relay.app.parley.availability.hasVisitor(visitorId), 'visitor gone');
    await new Promise((resolve) => setTimeout(resolve, 50));
    agentSays(agent, conversationId, 'Are you still there?');
    await eventually(() => sink.mails.length === 1, 'email for the reply they missed', 15_000);
    expect(sink.mails[0]!.to).toEqual(['kim@example.com']);
    expect(sink.mails[0]!.text).toContain('Are you still there?');
    expect(sink.mails[0]!.text).not.toContain('Seen live');
  });

  it('mails the transcript on request, rate-limited, and validates addresses', async () => {
    const agent = await addAgent(relay.database, relay, relay.a, { name: 'Ada' });
    const visitor = await openVisitor(relay, relay.a);
    sockets.push(agent.socket, visitor);
    const conversationId = await visitorSays(visitor, 'What is the return window?');
    await eventually(() => agent.frames('conversation.assigned').length > 0, 'assigned');
    send(agent.socket, { type: 'note.send', conversationId, clientId: 'note-1', body: 'Internal: VIP' });
    agentSays(agent, conversationId, '30 days.');
    await eventually(() => visitor.frames.some((frame) => frame.type === 'message.created' && (frame.message as { body: string }).body === '30 days.'), 'reply');

    send(visitor, { type: 'transcript.email', conversationId, email: 'lee@example.com' });
    expect(await visitor.next('transcript.emailed')).toEqual({ type: 'transcript.emailed', conversationId });
    await eventually(() => sink.mails.length === 1, 'transcript mail');
    const mail = sink.mails[0]!;
    expect(mail.to).toEqual(['lee@example.com']);
    expect(mail.subject).toBe('Your chat with Site a');
    expect(mail.text).toContain('You (');
    expect(mail.text).toContain('What is the return window?');
    expect(mail.text).toContain('Ada (');
    expect(mail.text).toContain('30 days.');
    expect(mail.text).not.toContain('VIP');

    send(visitor, { type: 'transcript.email', conversationId, email: 'not-an-address' });
    expect(await visitor.next('error')).toMatchObject({ code: 'invalid_frame' });
    send(visitor, { type: 'transcript.email', conversationId: '00000000-0000-4000-8000-000000000000', email: 'lee@example.com' });
    expect(await visitor.next('error')).toMatchObject({ code: 'not_found' });

    send(visitor, { type: 'transcript.email', conversationId, email: 'lee@example.com' });
    send(visitor, { type: 'transcript.email', conversationId, email: 'lee@example.com' });
    await eventually(() => visitor.frames.filter((frame) => frame.type === 'transcript.emailed').length === 2, 'two more allowed');
    send(visitor, { type: 'transcript.email', conversationId, email: 'lee@example.com' });
    expect(await visitor.next('error')).toMatchObject({ code: 'rate_limited' });
    expect(sink.mails).toHaveLength(3);
  });

  it('refuses a forged or malformed link and invalid offline messages with typed errors', async () => {
    const forged = await fetch(`${relay.baseUrl}/v1/email/reply?t=e1.eyJ3IjoieCJ9.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`);
    expect(forged.status).toBe(401);
    expect(await forged.text()).toContain('This link cannot be used');
    const malformed = await fetch(`${relay.baseUrl}/v1/email/reply?t=<script>`);
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ code: 'validation_failed' });
    const emptyReply = await fetch(`${relay.baseUrl}/v1/email/reply`, {
      method: 'POST',
      body: new URLSearchParams({ t: 'e1.abc.def', body: '   ' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(emptyReply.status).toBe(400);
    expect(await emptyReply.json()).toMatchObject({ code: 'validation_failed' });

    const visitor = await openVisitor(relay, relay.a);
    sockets.push(visitor);
    send(visitor, { type: 'offline.message', clientId: 'o-1', email: 'no at sign', body: 'Hi' });
    expect(await visitor.next('error')).toMatchObject({ code: 'invalid_frame' });
    send(visitor, { type: 'offline.message', clientId: 'o-2', body: 'Hi' });
    expect(await visitor.next('error')).toMatchObject({ code: 'invalid_frame' });
    send(visitor, { type: 'offline.message', clientId: 'o-3', email: 'sam@example.com', body: ' ' });
    expect(await visitor.next('error')).toMatchObject({ code: 'invalid_frame' });
  });
});

describe('without SMTP_URL', () => {
  it('says so to a transcript request and announces no email follow-up', async () => {
    const relay = await startRelay();
    const visitor = await openVisitor(relay, relay.a);
    try {
      const conversationId = await visitorSays(visitor, 'Hi');
      await eventually(() => visitor.frames.some((frame) => frame.type === 'availability.changed'), 'availability');
      expect(visitor.frames.find((frame) => frame.type === 'availability.changed')).toMatchObject({ emailFollowUp: false });
      send(visitor, { type: 'transcript.email', conversationId, email: 'lee@example.com' });
      expect(await visitor.next('error')).toMatchObject({ code: 'email_unavailable', ref: 'transcript.email' });
      await signIn(relay, relay.a.agent);
    } finally {
      visitor.close();
      await relay.close();
    }
  });
});
