import { effect, signal, type ReadonlySignal } from '@preact/signals';
import type { InboxModel } from '../models/inbox-model';
import { visitorLabel } from '../visitor-label';
import { alertFor, notificationText, type NotificationText } from './notification-policy';
import type { TabLeader } from './tab-leader';

/** One chime per conversation within this window: "new" then "assigned to you" a moment later ring once. */
export const ALERT_COOLDOWN_MS = 3_000;

export type DesktopPermission = 'default' | 'granted' | 'denied' | 'unsupported';

/** What alerts need from the browser, so the decisions are tested without one (browser-alerts.ts is the real one). */
export interface AlertSurface {
  hidden(): boolean;
  /** Called whenever the tab becomes visible. */
  onVisible(handler: () => void): () => void;
  beep(): void;
  permission(): DesktopPermission;
  requestPermission(): Promise<DesktopPermission>;
  /** Shows a desktop notification; `onClick` runs when the agent clicks it. */
  notify(text: NotificationText, onClick: () => void): void;
  showUnread(count: number): void;
  dispose(): void;
}

export interface AlertsModel {
  readonly desktopPermission: ReadonlySignal<DesktopPermission>;
  /** Asks the browser for notification permission: call it from the agent's click, never on load. */
  enableDesktop(): Promise<void>;
  dispose(): void;
}

export function createAlertsModel({
  inbox,
  leader,
  surface,
}: {
  inbox: Pick<InboxModel, 'onEvent' | 'unreadCount' | 'select'>;
  leader: Pick<TabLeader, 'isLeader' | 'claim' | 'dispose'>;
  surface: AlertSurface;
}): AlertsModel {
  const desktopPermission = signal<DesktopPermission>(surface.permission());
  const lastAlerted = new Map<string, number>();

  function coolingDown(conversationId: string): boolean {
    const now = Date.now();
    const last = lastAlerted.get(conversationId);
    if (last !== undefined && now - last < ALERT_COOLDOWN_MS) return true;
    lastAlerted.set(conversationId, now);
    if (lastAlerted.size > 500) lastAlerted.delete(lastAlerted.keys().next().value!);
    return false;
  }

  const unsubscribes = [
    inbox.onEvent((event) => {
      const alert = alertFor(event, {
        leader: leader.isLeader(),
        hidden: surface.hidden(),
        desktopAllowed: desktopPermission.value === 'granted',
      });
      if ((!alert.sound && !alert.desktop) || coolingDown(event.conversation.id)) return;
      if (alert.sound) surface.beep();
      if (alert.desktop) {
        const text = notificationText(event, visitorLabel(event.conversation.visitor));
        surface.notify(text, () => inbox.select(event.conversation.id));
      }
    }),
    surface.onVisible(() => leader.claim()),
    effect(() => surface.showUnread(inbox.unreadCount.value)),
  ];
  if (!surface.hidden()) leader.claim();

  return {
    desktopPermission,
    async enableDesktop() {
      desktopPermission.value = await surface.requestPermission();
    },
    dispose() {
      for (const unsubscribe of unsubscribes) unsubscribe();
      leader.dispose();
      surface.dispose();
    },
  };
}
