import { createBeeper } from './beep';
import { showFaviconBadge } from './favicon-badge';
import type { AlertSurface, DesktopPermission } from './alerts-model';
import { titleWithCount } from './notification-policy';
import { createTabLeader, type TabChannel, type TabLeader } from './tab-leader';

const CHANNEL = 'parley-console-alerts';

function currentPermission(): DesktopPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** The real browser behind alerts: WebAudio, the Notification API, the tab title and favicon. */
export function browserAlertSurface(doc: Document = document): AlertSurface {
  const beeper = createBeeper();
  const baseTitle = doc.title;
  return {
    hidden: () => doc.visibilityState === 'hidden',
    onVisible(handler) {
      const listener = () => {
        if (doc.visibilityState === 'visible') handler();
      };
      doc.addEventListener('visibilitychange', listener);
      return () => doc.removeEventListener('visibilitychange', listener);
    },
    beep: () => beeper.beep(),
    permission: currentPermission,
    async requestPermission() {
      if (typeof Notification === 'undefined') return 'unsupported';
      return Notification.requestPermission();
    },
    notify(text, onClick) {
      if (currentPermission() !== 'granted') return;
      const notification = new Notification(text.title, { body: text.body, tag: text.tag });
      notification.onclick = () => {
        window.focus();
        onClick();
        notification.close();
      };
    },
    showUnread(count) {
      doc.title = titleWithCount(baseTitle, count);
      showFaviconBadge(doc, count);
    },
    dispose() {
      beeper.dispose();
      doc.title = baseTitle;
    },
  };
}

function broadcastChannel(channel: BroadcastChannel): TabChannel {
  return {
    postMessage: (message) => channel.postMessage(message),
    listen(handler) {
      channel.onmessage = (event) => handler(event.data);
    },
    close: () => channel.close(),
  };
}

/** This tab's place among the agent's console tabs (alone, and leading, where BroadcastChannel is missing). */
export function browserTabLeader(): TabLeader {
  const channel = typeof BroadcastChannel === 'undefined' ? null : broadcastChannel(new BroadcastChannel(CHANNEL));
  const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  return createTabLeader({ channel, id });
}
