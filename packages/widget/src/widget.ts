/**
 * Entry of `dist/widget-<hash>.js`, the module the loader imports on the visitor's first
 * intent to chat (or when the page is idle, for a visitor with a conversation).
 */
import type { ChatController, MountOptions } from './launcher-handle';
import { CHAT_TAG, defineChat } from './parley-chat';
import { alertReply } from './reply-alert';
import { WidgetApi } from './widget-api';

export type { ChatController, LauncherHandle, MountOptions } from './launcher-handle';
export { ParleyChat } from './parley-chat';

defineChat();

/** Adds the chat panel to the page (closed) and returns what the loader's commands drive. */
export function mount({ siteKey, relayOrigin, launcher, language, theme }: MountOptions): ChatController {
  const chat = document.createElement(CHAT_TAG);
  chat.siteKey = siteKey;
  chat.relayOrigin = relayOrigin;
  if (language) chat.language = language;
  if (theme) chat.theme = theme;

  const api = new WidgetApi(chat);
  const controller: ChatController = {
    open() {
      const opening = !chat.open;
      chat.open = true;
      launcher.setOpen(true);
      void chat.focus();
      if (opening) api.emit('open', undefined);
    },
    close() {
      // Focus goes back to the bubble only if it was in the chat: a page calling
      // Parley('close') must not have focus pulled away from where the visitor is.
      const hadFocus = chat.ownerDocument.activeElement === chat;
      const closing = chat.open;
      chat.open = false;
      launcher.setOpen(false);
      if (hadFocus) launcher.focus();
      if (closing) api.emit('close', undefined);
    },
    toggle() {
      if (chat.open) controller.close();
      else controller.open();
    },
    run: (args) => api.run(args),
    remove: () => chat.remove(),
  };
  chat.addEventListener('parley-close', () => controller.close());
  chat.addEventListener('parley-site-change', ({ detail }) => launcher.configure(detail.style, detail.label));
  let unread = 0;
  chat.addEventListener('parley-unread-change', (event) => {
    unread = event.detail.count;
    launcher.setUnread(unread, chat.strings.unread);
    api.emit('unread', event.detail.count);
  });
  chat.addEventListener('parley-message', ({ detail }) => {
    if (detail.author.kind === 'agent' && !chat.open) alertReply(siteKey, detail, unread + 1);
    api.emit('message', detail);
  });
  // The loader runs async and may beat the parser to <body>; the chat is fixed-position either way.
  (document.body ?? document.documentElement).append(chat);
  return controller;
}
