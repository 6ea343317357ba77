import { signal } from '@preact/signals';
import { fixtureUuid, makeConversationSummary } from '@parley/protocol/testing';
import { describe, expect, it, vi } from 'vitest';
import type { InboxEvent } from './inbox-events';
import { createAlertsModel, type AlertSurface, type DesktopPermission } from './alerts-model';
import type { NotificationText } from './notification-policy';

function fakeSurface(options: { hidden?: boolean; permission?: DesktopPermission } = {}) {
  let visibleHandler: (() => void) | null = null;
  const surface = {
    hiddenNow: options.hidden ?? false,
    beeps: 0,
    notes: [] as { text: NotificationText; click: () => void }[],
    unread: [] as number[],
    disposed: false,
    granted: options.permission ?? 'default',
    becomeVisible() {
      surface.hiddenNow = false;
      visibleHandler?.();
    },
    hidden: () => surface.hiddenNow,
    onVisible(handler: () => void) {
      visibleHandler = handler;
      return () => (visibleHandler = null);
    },
    beep: () => void surface.beeps++,
    permission: () => surface.granted,
    requestPermission: vi.fn(async () => 'granted' as const),
    notify: (text: NotificationText, click: () => void) => void surface.notes.push({ text, click }),
    showUnread: (count: number) => void surface.unread.push(count),
    dispose: () => void (surface.disposed = true),
  } satisfies AlertSurface & Record<string, unknown>;
  return surface;
}

function fakeInbox() {
  const handlers = new Set<(event: InboxEvent) => void>();
  return {
    unreadCount: signal(0),
    select: vi.fn(),
    onEvent(handler: (event: InboxEvent) => void) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    emit: (event: InboxEvent) => handlers.forEach((h) => h(event)),
    handlerCount: () => handlers.size,
  };
}

function fakeLeader(leading: boolean) {
  return { leading, claims: 0, disposed: false, isLeader() { return this.leading; }, claim() { this.claims++; }, dispose() { this.disposed = true; } };
}

const conversation = makeConversationSummary({ id: fixtureUuid(88), visitor: { id: fixtureUuid(89), name: 'Lin', email: null } });

describe('alerts model', () => {
  it('beeps in the leading tab only', () => {
    const inbox = fakeInbox();
    const leading = fakeSurface();
    const following = fakeSurface();
    const a = createAlertsModel({ inbox, leader: fakeLeader(true), surface: leading });
    const b = createAlertsModel({ inbox, leader: fakeLeader(false), surface: following });
    inbox.emit({ kind: 'conversation.new', conversation });
    expect(leading.beeps).toBe(1);
    expect(following.beeps).toBe(0);
    a.dispose();
    b.dispose();
  });

  it('notifies on the desktop after opt-in while hidden; a click opens the conversation', async () => {
    const inbox = fakeInbox();
    const surface = fakeSurface({ hidden: true });
    const alerts = createAlertsModel({ inbox, leader: fakeLeader(true), surface });
    inbox.emit({ kind: 'message.visitor', conversation });
    expect(surface.notes).toHaveLength(0);
    expect(surface.beeps).toBe(1);

    await alerts.enableDesktop();
    expect(alerts.desktopPermission.value).toBe('granted');
    inbox.emit({ kind: 'message.visitor', conversation });
    expect(surface.notes.map((n) => n.text.title)).toEqual(['Lin']);
    surface.notes[0]!.click();
    expect(inbox.select).toHaveBeenCalledWith(conversation.id);
    alerts.dispose();
  });

  it('shows the unread count live and claims the lead when the tab is shown', () => {
    const inbox = fakeInbox();
    const surface = fakeSurface({ hidden: true });
    const leader = fakeLeader(false);
    const alerts = createAlertsModel({ inbox, leader, surface });
    expect(leader.claims).toBe(0);
    inbox.unreadCount.value = 4;
    expect(surface.unread).toEqual([0, 4]);
    surface.becomeVisible();
    expect(leader.claims).toBe(1);
    alerts.dispose();
    inbox.unreadCount.value = 5;
    expect(surface.unread).toEqual([0, 4]);
    expect(inbox.handlerCount()).toBe(0);
    expect(leader.disposed && surface.disposed).toBe(true);
  });

  it('claims the lead at once when opened in view', () => {
    const leader = fakeLeader(false);
    const alerts = createAlertsModel({ inbox: fakeInbox(), leader, surface: fakeSurface({ hidden: false }) });
    expect(leader.claims).toBe(1);
    alerts.dispose();
  });
});
