/**
 * Parley for React apps: `<ParleyChat>` is the widget's chat element as a React component
 * (`@lit/react`), so props set the element's properties and `on*` props listen to its events.
 * The app decides when it is open (its own button, or `createParley()` for the stock bubble).
 *
 * ```tsx
 * const [open, setOpen] = useState(false);
 * <ParleyChat relayOrigin="https://chat.example.com" siteKey="pk_..." open={open}
 *   onClose={() => setOpen(false)} onUnreadChange={(e) => setUnread(e.detail.count)} />
 * ```
 * Identify and attributes go through a ref: `ref.current.identify({ token })`.
 */
import { createComponent, type EventName } from '@lit/react';
import { CHAT_TAG, ParleyChat as ParleyChatElement, defineChat } from '@parley/widget/npm';
import type { ApiEvents } from '@parley/widget/npm';
import * as React from 'react';

export { createParley, type Parley, type ParleyOptions } from '@parley/widget/npm';

defineChat();

export const ParleyChat = createComponent({
  tagName: CHAT_TAG,
  elementClass: ParleyChatElement,
  react: React,
  events: {
    onClose: 'parley-close' as EventName<CustomEvent<undefined>>,
    onUnreadChange: 'parley-unread-change' as EventName<CustomEvent<{ count: number }>>,
    onMessage: 'parley-message' as EventName<CustomEvent<ApiEvents['message']>>,
  },
  displayName: 'ParleyChat',
});
