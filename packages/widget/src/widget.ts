/**
 * Entry of `dist/widget-<hash>.js`, the module the loader imports on the visitor's first
 * intent to chat (or when the page is idle, for a visitor with a conversation).
 */
import type { ChatController, MountOptions } from './launcher-handle';
import { CHAT_TAG, defineChat } from './parley-chat';
import { alertReply } from './reply-alert';
import { WidgetApi } from './widget-api';
import { openStorage, readItem, storageKey, writeItem } from './visitor-storage';

export type { ChatController, LauncherHandle, MountOptions } from './launcher-handle';
export { ParleyChat } from './parley-chat';

defineChat();

/**
 * Adds the chat panel to the page and returns what the loader's commands drive.
 *
 * The open state is shared by the visitor's tabs and kept across pages: localStorage
 * `parley:<siteKey>:open` is '1' while the panel is open and absent when it is closed (the loader
 * reads it too). Other tabs follow, through the `storage` event the write fires there (a hidden
 * tab once it is shown again), and a page that starts with the flag set opens the panel; neither
 * takes focus from the page.
 */
export function mount({ siteKey, relayOrigin, launcher, language, theme }: MountOptions): ChatController {
  const chat = document.createElement(CHAT_TAG);
  chat.siteKey = siteKey;
  chat.relayOrigin = relayOrigin;
  if (language) chat.language = language;
  if (theme) chat.theme = theme;

  const api = new WidgetApi(chat);
  const stop = new AbortController();
  const { signal } = stop;
  const storage = openStorage();
  const openKey = storageKey(siteKey, 'open');
  // A hidden tab catches up when the visitor comes back to it: an open panel holds a socket, and a
  // tab nobody looks at needs none (the one the Web Lock gives serves the badge). Without storage
  // there is no shared state to catch up with (and no flag: it would read as closed).
  const follow = () => document.hidden || !storage || (readItem(storage, openKey) ? show() : controller.close());
  addEventListener('storage', (event) => event.key === openKey && follow(), { signal });
  document.addEventListener('visibilitychange', follow, { signal });
  // After the loader has replayed the page's queued commands, so its on('open') listeners hear it.
  if (readItem(storage, openKey)) queueMicrotask(follow);
  /** Opens the panel; `focus` moves focus into it (the visitor or the page asked, not another tab). */
  const show = (focus?: boolean) => {
    const opening = !chat.open;
    chat.open = true;
    launcher.setOpen(true);
    writeItem(storage, openKey, '1');
    if (focus) void chat.focus();
    if (opening) api.emit('open', undefined);
  };
  const controller: ChatController = {
    open: () => show(true),
    close() {
      // Focus goes back to the bubble only if it was in the chat: a page calling
      // Parley('close') must not have focus pulled away from where the visitor is.
      const hadFocus = chat.ownerDocument.activeElement === chat;
      const closing = chat.open;
      chat.open = false;
      launcher.setOpen(false);
      writeItem(storage, openKey, null);
      if (hadFocus) launcher.focus();
      if (closing) api.emit('close', undefined);
    },
    toggle() {
      if (chat.open) controller.close();
      else controller.open();
    },
    run: (args) => api.run(args),
    remove() {
      stop.abort();
      chat.remove();
    },
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
