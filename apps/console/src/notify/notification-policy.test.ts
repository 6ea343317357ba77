import { fixtureUuid, makeConversationSummary } from '@parley/protocol/testing';
import { describe, expect, it } from 'vitest';
import type { InboxEvent } from './inbox-events';
import { alertFor, notificationText, titleWithCount } from './notification-policy';

const conversation = makeConversationSummary({
  id: fixtureUuid(77),
  lastMessage: { authorKind: 'visitor', body: 'Is it in stock?', createdAt: '2026-01-01T00:00:00.000Z' },
});
const created: InboxEvent = { kind: 'conversation.new', conversation };
const assigned: InboxEvent = { kind: 'assigned.to-me', conversation };
const message: InboxEvent = { kind: 'message.visitor', conversation };
const visible = { leader: true, hidden: false, desktopAllowed: true };
const hidden = { leader: true, hidden: true, desktopAllowed: true };

describe('alertFor', () => {
  it('stays silent in every tab but the leader', () => {
    for (const event of [created, assigned, message]) {
      expect(alertFor(event, { ...hidden, leader: false })).toEqual({ sound: false, desktop: false });
    }
  });

  it('rings for new work and assignments even while the console is in view, without a desktop popup', () => {
    expect(alertFor(created, visible)).toEqual({ sound: true, desktop: false });
    expect(alertFor(assigned, visible)).toEqual({ sound: true, desktop: false });
  });

  it('rings for a visitor message only while the console is hidden', () => {
    expect(alertFor(message, visible)).toEqual({ sound: false, desktop: false });
    expect(alertFor(message, hidden)).toEqual({ sound: true, desktop: true });
  });

  it('shows desktop notifications only after the agent opted in', () => {
    expect(alertFor(created, { ...hidden, desktopAllowed: false })).toEqual({ sound: true, desktop: false });
  });
});

describe('notification text', () => {
  it('names the visitor and the kind of news, with one tag per conversation', () => {
    expect(notificationText(created, 'Lin')).toEqual({
      title: 'New conversation: Lin',
      body: 'Is it in stock?',
      tag: `parley-${conversation.id}`,
    });
    expect(notificationText(assigned, 'Lin').title).toBe('Assigned to you: Lin');
    expect(notificationText(message, 'Lin').title).toBe('Lin');
  });

  it('puts the unread count in front of the title, capped', () => {
    expect(titleWithCount('Parley console', 0)).toBe('Parley console');
    expect(titleWithCount('Parley console', 3)).toBe('(3) Parley console');
    expect(titleWithCount('Parley console', 120)).toBe('(99+) Parley console');
  });
});
