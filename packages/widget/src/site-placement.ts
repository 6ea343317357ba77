import type { WidgetSettings } from '@parley/protocol';

/**
 * Puts a widget host (the bubble, the panel) where the site's admin chose: the `side` attribute
 * picks the page's left or right (the styles read it), the custom properties carry the offsets
 * and stacking. Through the CSSOM, so a host page's CSP without 'unsafe-inline' allows it.
 */
export function placeHost(host: HTMLElement, { position, offsetX, offsetY, zIndex }: WidgetSettings): void {
  host.setAttribute('side', position);
  host.style.setProperty('--_x', `${offsetX}px`);
  host.style.setProperty('--_y', `${offsetY}px`);
  host.style.setProperty('--parley-z-index', `${zIndex}`);
}
