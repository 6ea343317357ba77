/**
 * What the widget keeps on the visitor's device, namespaced by site key so two Parley sites on
 * one origin never share a visitor. localStorage only: the widget sets no cookies.
 */
/**
 * `tabs` and `ring` name the visitor's BroadcastChannel and Web Locks (nothing stored under them).
 * `open` is '1' while the panel is open (widget.ts), so the next page's loader loads the panel early
 * and it reopens; `draft` is the composer's text (draft-store.ts); `launcher` is the relay's last
 * answer for the bubble's settings, site data rather than the visitor's, so shutdown keeps it.
 */
export type VisitorStorageItem = 'token' | 'outbox' | 'conversation' | 'seen' | 'rated' | 'tabs' | 'ring' | 'rung' | 'open' | 'draft' | 'launcher';
const ITEMS: VisitorStorageItem[] = ['token', 'outbox', 'conversation', 'seen', 'rated', 'rung'];

export function storageKey(siteKey: string, item: VisitorStorageItem): string {
  return `parley:${siteKey}:${item}`;
}

/**
 * The page's localStorage, or undefined where reading it throws (sandboxed iframes, storage
 * disabled by the visitor): the widget then works for this page view only.
 */
export function openStorage(scope: { localStorage?: Storage } = globalThis): Storage | undefined {
  try {
    const storage = scope.localStorage;
    return storage ?? undefined;
  } catch {
    return undefined;
  }
}

export function readItem(storage: Storage | undefined, key: string): string | null {
  try {
    return storage ? storage.getItem(key) : null;
  } catch {
    return null;
  }
}

export function writeItem(storage: Storage | undefined, key: string, value: string | null): void {
  try {
    if (!storage) return;
    if (value === null) storage.removeItem(key);
    else storage.setItem(key, value);
  } catch {
    // A full or locked storage costs this visitor persistence across pages, never the chat itself.
  }
}

/** `Parley('shutdown')`: everything that ties this device to the visitor, so the next one starts anonymous. */
export function forgetVisitor(storage: Storage | undefined, siteKey: string): void {
  for (const item of ITEMS) writeItem(storage, storageKey(siteKey, item), null);
}
