import type { LauncherHandle } from './launcher-handle';
import { directionOf } from './language';
import { launcherStyles } from './parley-launcher.styles';
import { LAUNCHER_STRINGS, type Language } from './strings';

/** The one tag the loader puts on every page. Plain DOM, no Lit: every page view pays for it. */
export const LAUNCHER_TAG = 'parley-launcher';

const ICON =
  '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z"/></svg>';

/**
 * The chat bubble fixed in the bottom corner on the inline-end side (right, or left for a
 * right-to-left language), with an unread badge.
 *
 * @fires parley-toggle - The visitor clicked the bubble.
 * @fires parley-intent - The visitor is about to click (hover, focus, pointerdown): time to prefetch the chat.
 * @csspart launcher - The round button.
 * @csspart badge - The unread count.
 * @cssprop --parley-accent - Bubble background.
 * @cssprop --parley-accent-text - Icon colour.
 * @cssprop --parley-launcher-size - Bubble diameter.
 * @cssprop --parley-offset - Distance from the bottom inline-end corner.
 */
export class ParleyLauncher extends HTMLElement implements LauncherHandle {
  private readonly button: HTMLButtonElement;
  private readonly count: HTMLElement;
  private readonly badge: HTMLElement;
  private readonly unreadLabel: HTMLElement;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    adoptStyles(root, launcherStyles);
    const button = document.createElement('button');
    button.type = 'button';
    button.setAttribute('part', 'launcher');
    button.setAttribute('aria-expanded', 'false');
    button.setAttribute('aria-describedby', 'badge');
    button.innerHTML = ICON;
    const badge = document.createElement('span');
    badge.id = 'badge';
    badge.setAttribute('part', 'badge');
    badge.hidden = true;
    const count = document.createElement('span');
    const label = document.createElement('span');
    label.className = 'sr';
    badge.append(count, ' ', label);
    button.append(badge);
    root.append(button);
    this.button = button;
    this.badge = badge;
    this.count = count;
    this.unreadLabel = label;
    this.localize('en');

    button.addEventListener('click', () => this.emit('parley-toggle'));
    for (const type of ['pointerenter', 'pointerdown', 'focus']) {
      button.addEventListener(type, () => this.emit('parley-intent'));
    }
  }

  setUnread(count: number, label: string): void {
    this.badge.hidden = count <= 0;
    this.count.textContent = count > 99 ? '99+' : String(count);
    this.unreadLabel.textContent = label;
  }

  /**
   * Speaks `language` and mirrors for it. Called by the loader once the element exists: a custom
   * element's constructor may not set attributes on itself.
   */
  setLanguage(language: Language): void {
    this.lang = language;
    this.dir = directionOf(language);
    this.localize(language);
  }

  setOpen(open: boolean): void {
    this.button.setAttribute('aria-expanded', String(open));
  }

  override focus(): void {
    this.button.focus();
  }

  private localize(language: Language): void {
    const strings = LAUNCHER_STRINGS[language];
    this.button.setAttribute('aria-label', strings.openChat);
  }

  private emit(type: string): void {
    this.dispatchEvent(new Event(type, { bubbles: true, composed: true }));
  }
}

/**
 * Constructed stylesheets where the browser has them: unlike a <style> element they are not
 * blocked by a host page's CSP without 'unsafe-inline'.
 */
function adoptStyles(root: ShadowRoot, css: string): void {
  if ('adoptedStyleSheets' in root && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
    return;
  }
  const style = document.createElement('style');
  style.textContent = css;
  root.append(style);
}

/** Idempotent: a second loader on the page (or a second Parley build) keeps the first definition. */
export function defineLauncher(registry: CustomElementRegistry = customElements): void {
  if (!registry.get(LAUNCHER_TAG)) registry.define(LAUNCHER_TAG, ParleyLauncher);
}

declare global {
  interface HTMLElementTagNameMap {
    [LAUNCHER_TAG]: ParleyLauncher;
  }
}
