import type { LauncherHandle } from './launcher-handle';
import { directionOf } from './language';
import { launcherStyles } from './parley-launcher.styles';
import { LAUNCHER_STRINGS, type Language } from './strings';

/** The one tag the loader puts on every page. Plain DOM, no Lit: every page view pays for it. */
export const LAUNCHER_TAG = 'parley-launcher';

/**
 * The bubble's markup, parsed once per element: a constant string (no page or site data ever goes
 * in), and fewer bytes on every page than building it node by node. The badge's number and its
 * screen-reader word ("unread") are its two inner spans. The button needs no `type`: in a shadow
 * root it has no form to submit.
 */
const TEMPLATE =
  '<button part=launcher aria-expanded=false aria-describedby=badge><svg viewBox="0 0 24 24" aria-hidden=true><path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z"/></svg><span part=label hidden></span><span id=badge part=badge hidden><span></span> <span class=sr></span></span></button>';

/**
 * The chat bubble fixed in the bottom corner on the inline-end side (right, or left for a
 * right-to-left language), with an unread badge.
 *
 * @fires parley-toggle - The visitor clicked the bubble.
 * @fires parley-intent - The visitor is about to click (hover, focus, pointerdown): time to prefetch the chat.
 * @csspart launcher - The round button.
 * @csspart badge - The unread count.
 * @csspart label - The site's launcher label beside the icon, when it has one.
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
  private readonly label: HTMLElement;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = TEMPLATE;
    adoptStyles(root, launcherStyles);
    const find = (selector: string) => root.querySelector(selector) as HTMLElement;
    const button = find('button') as HTMLButtonElement;
    this.button = button;
    this.label = find('[part=label]');
    this.badge = find('#badge');
    this.count = find('#badge>span');
    this.unreadLabel = find('.sr');
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

  /**
   * The site's settings, from the loader's config and then every `site.updated`: `style` is
   * launcherStyle()'s (side, offsets, z-index, colour), set through the CSSOM, which a host
   * page's CSP without 'unsafe-inline' allows, unlike a style attribute; it replaces every inline
   * style, the loader's `visibility:hidden` included. A visible `label` is also
   * the accessible name, so speech users can say what they see.
   */
  configure(style: string, label: string): void {
    this.style.cssText = style;
    this.label.textContent = label;
    this.label.hidden = !label;
    this.localize(this.lang as Language);
  }

  setOpen(open: boolean): void {
    this.button.setAttribute('aria-expanded', String(open));
  }

  override focus(): void {
    this.button.focus();
  }

  private localize(language: Language): void {
    this.button.setAttribute('aria-label', this.label.textContent || LAUNCHER_STRINGS[language].openChat);
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
