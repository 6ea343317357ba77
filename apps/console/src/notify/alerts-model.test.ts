import { signal } from '@preact/signals';
import { fixtureUuid, makeConversationSummary } from '@parley/protocol/testing';
import { describe, expect, it, vi } from 'vitest';
import type { InboxEvent } from './inbox-events';
import { ALERT_COOLDOWN_MS, createAlertsModel, type AlertSurface, type DesktopPermission } from './alerts-model';
import type { NotificationText } from './notification-policy';

function fakeSurface(options: { hidden?: boolean; permission?: DesktopPermission } = {}) {
  let visibleHandler: (() => void) | null = null;
  const state = {
    hiddenNow: options.hidden ?? false,
    beeps: 0,
    notes: [] as { text: NotificationText; click: () => void }[],
    unread: [] as number[],
    disposed: false,
  };
  const surface: AlertSurface = {
    hidden: () => state.hiddenNow,
    onVisible(handler) {
      visibleHandler = handler;
      return () => (visibleHandler = null);
    },
    beep: () => void state.beeps++,
    permission: () => options.permission ?? 'default',
    requestPermission: async () => 'granted',
    notify: (text, click) => void state.notes.push({ text, click }),
    showUnread: (count) => void state.unread.push(count),
    dispose: () => void (state.disposed = true),
  };
  return Object.assign(state, {
    surface,
    becomeVisible() {
      state.hiddenNow = false;
      visibleHandler?.();
    },
  });
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
    const a = createAlertsModel({ inbox, leader: fakeLeader(true), surface: leading.surface });
    const b = createAlertsModel({ inbox, leader: fakeLeader(false), surface: following.surface });
    inbox.emit({ kind: 'conversation.new', conversation });
    expect(leading.beeps).toBe(1);
    expect(following.beeps).toBe(0);
    a.dispose();
    b.dispose();
  });

  it('notifies on the desktop after opt-in while hidden; a click opens the conversation', async () => {
    const inbox = fakeInbox();
    const surface = fakeSurface({ hidden: true });
    const alerts = createAlertsModel({ inbox, leader: fakeLeader(true), surface: surface.surface });
    inbox.emit({ kind: 'message.visitor', conversation });
    expect(surface.notes).toHaveLength(0);
    expect(surface.beeps).toBe(1);

    await alerts.enableDesktop();
    expect(alerts.desktopPermission.value).toBe('granted');
    const later = { ...conversation, id: fixtureUuid(90) };
    inbox.emit({ kind: 'message.visitor', conversation: later });
    expect(surface.notes.map((n) => n.text.title)).toEqual(['Lin']);
    surface.notes[0]!.click();
    expect(inbox.select).toHaveBeenCalledWith(later.id);
    alerts.dispose();
  });

  it('shows the unread count live and claims the lead when the tab is shown', () => {
    const inbox = fakeInbox();
    const surface = fakeSurface({ hidden: true });
    const leader = fakeLeader(false);
    const alerts = createAlertsModel({ inbox, leader, surface: surface.surface });
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

  it('rings once for news about one conversation that arrives in a burst', () => {
    vi.useFakeTimers();
    const inbox = fakeInbox();
    const surface = fakeSurface();
    const alerts = createAlertsModel({ inbox, leader: fakeLeader(true), surface: surface.surface });
    inbox.emit({ kind: 'conversation.new', conversation });
    inbox.emit({ kind: 'assigned.to-me', conversation });
    expect(surface.beeps).toBe(1);
    vi.advanceTimersByTime(ALERT_COOLDOWN_MS);
    inbox.emit({ kind: 'assigned.to-me', conversation });
    expect(surface.beeps).toBe(2);
    alerts.dispose();
    vi.useRealTimers();
  });

  it('claims the lead at once when opened in view', () => {
    const leader = fakeLeader(false);
    const alerts = createAlertsModel({ inbox: fakeInbox(), leader, surface: fakeSurface({ hidden: false }).surface });
    expect(leader.claims).toBe(1);
    alerts.dispose();
  });
});
