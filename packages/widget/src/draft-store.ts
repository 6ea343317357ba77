import type { ReactiveController, ReactiveElement } from 'lit';
import { openStorage, readItem, storageKey, writeItem } from './visitor-storage';

/** What the draft belongs to: the chat element. */
interface DraftHost extends ReactiveElement {
  readonly siteKey: string;
  /** Settles once the panel (and so the composer) shows its words. */
  readonly stringsReady: Promise<void>;
}

/**
 * The composer's unsent text, kept per site in localStorage (`parley:<siteKey>:draft`) so it
 * survives a navigation or reload, and shown in the visitor's other tabs, which hear of each save
 * through the `storage` event it fires there.
 *
 * Saved on every input rather than after a pause: a write of at most a few KB is cheap, nothing
 * typed is lost when the page goes away (no `pagehide` handler to miss), and since only the tab
 * being typed in writes, and at once, no late write from another tab can land on a composer the
 * visitor is typing in.
 */
export class DraftStore implements ReactiveController {
  /** `parley:<siteKey>:draft`, once the element is on the page (its site key is set by then). */
  private key = '';

  constructor(private readonly host: DraftHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.key = storageKey(this.host.siteKey, 'draft');
    addEventListener('storage', this.onStorage);
    // Without a token the visitor is new on this device (a first visit, or after `Parley('shutdown')`,
    // which the loader runs itself before the chat loads): no draft there is theirs.
    if (!readItem(openStorage(), storageKey(this.host.siteKey, 'token'))) this.save('');
    // Only a saved draft: the composer may hold words put there before it settled.
    void this.host.stringsReady.then(() => {
      const draft = readItem(openStorage(), this.key);
      if (draft) this.show(draft);
    });
  }

  hostDisconnected(): void {
    removeEventListener('storage', this.onStorage);
  }

  /** Keeps the composer's text; an empty one (sent, or erased) removes the draft here and in every tab. */
  save(text: string): void {
    writeItem(openStorage(), this.key, text || null);
  }

  /** `Parley('shutdown')`: the draft goes with the visitor, from the composer too. */
  forget(): void {
    this.save('');
    this.show('');
  }

  private readonly onStorage = (event: StorageEvent): void => {
    if (event.key === this.key) this.show(event.newValue);
  };

  private show(text: string | null): void {
    const box = this.host.renderRoot.querySelector('textarea');
    if (box) box.value = text ?? '';
  }
}
