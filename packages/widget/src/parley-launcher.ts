import type { LauncherHandle } from './launcher-handle';
import { launcherStyles } from './parley-launcher.styles';

/** The one tag the loader puts on every page. Plain DOM, no Lit: every page view pays for it. */
export const LAUNCHER_TAG = 'parley-launcher';

const ICON =
  '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z"/></svg>';

/**
 * The chat bubble fixed bottom-right, with an unread badge.
 *
 * @fires parley-toggle - The visitor clicked the bubble.
 * @fires parley-intent - The visitor is about to click (hover, focus, pointerdown): time to prefetch the chat.
 * @csspart launcher - The round button.
 * @csspart badge - The unread count.
 * @cssprop --parley-accent - Bubble background.
 * @cssprop --parley-accent-text - Icon colour.
 * @cssprop --parley-launcher-size - Bubble diameter.
 * @cssprop --parley-offset - Distance from the bottom-right corner.
 */
export class ParleyLauncher extends HTMLElement implements LauncherHandle {
  private readonly button: HTMLButtonElement;
  private readonly count: HTMLElement;
  private readonly badge: HTMLElement;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    adoptStyles(root, launcherStyles);
    const button = document.createElement('button');
    button.type = 'button';
    button.setAttribute('part', 'launcher');
    button.setAttribute('aria-label', 'Open chat');
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
    label.textContent = ' unread';
    badge.append(count, label);
    button.append(badge);
    root.append(button);
    this.button = button;
    this.badge = badge;
    this.count = count;

    button.addEventListener('click', () => this.emit('parley-toggle'));
    for (const type of ['pointerenter', 'pointerdown', 'focus']) {
      button.addEventListener(type, () => this.emit('parley-intent'));
    }
  }

  setUnread(count: number): void {
    this.badge.hidden = count <= 0;
    this.count.textContent = count > 99 ? '99+' : String(count);
  }

  setOpen(open: boolean): void {
    this.button.setAttribute('aria-expanded', String(open));
  }

  override focus(): void {
    this.button.focus();
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
