import type { InboxEvent } from './inbox-events';

export interface AlertContext {
  /** Only the leading tab alerts, so an event rings once across the agent's tabs. */
  leader: boolean;
  /** The leading tab is hidden: the agent is looking at no console tab (the visible tab claims leadership). */
  hidden: boolean;
  /** The agent opted in and the browser granted the permission. */
  desktopAllowed: boolean;
}

export interface Alert {
  sound: boolean;
  desktop: boolean;
}

const NONE: Alert = { sound: false, desktop: false };

/**
 * New work and assignments always ring; a visitor's message rings only when the agent cannot see
 * it (a visible console shows the unread badge instead, and chimes on every line are what make a
 * console unbearable all day). A desktop notification goes out only while the console is hidden.
 */
export function alertFor(event: InboxEvent, context: AlertContext): Alert {
  if (!context.leader) return NONE;
  const desktop = context.hidden && context.desktopAllowed;
  switch (event.kind) {
    case 'conversation.new':
    case 'assigned.to-me':
      return { sound: true, desktop };
    case 'message.visitor':
      return context.hidden ? { sound: true, desktop } : NONE;
  }
}

export interface NotificationText {
  title: string;
  body: string;
  /** Same tag replaces the earlier notification of the same conversation instead of stacking. */
  tag: string;
}

export function notificationText(event: InboxEvent, visitorName: string): NotificationText {
  const preview = event.conversation.lastMessage?.body ?? '';
  const tag = `parley-${event.conversation.id}`;
  switch (event.kind) {
    case 'conversation.new':
      return { title: `New conversation: ${visitorName}`, body: preview, tag };
    case 'assigned.to-me':
      return { title: `Assigned to you: ${visitorName}`, body: preview, tag };
    case 'message.visitor':
      return { title: visitorName, body: preview, tag };
  }
}

/** "(3) Parley console": the unread count in front of the page's own title. */
export function titleWithCount(base: string, unread: number): string {
  return unread > 0 ? `(${unread > 99 ? '99+' : unread}) ${base}` : base;
}
