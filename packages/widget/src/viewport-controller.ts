import type { ReactiveController, ReactiveElement } from 'lit';

/**
 * Keeps the full-screen (phone) panel inside the part of the page the visitor can see. Mobile
 * Safari does not shrink `100dvh` when the on-screen keyboard opens, so the composer would sit
 * under the keyboard; the visual viewport does shrink. Its size and offset go into
 * `--parley-viewport-height` / `--parley-viewport-top`, which only the narrow-screen styles read.
 * Set through the CSSOM, so a host page's CSP without 'unsafe-inline' does not block them.
 */
export class ViewportController implements ReactiveController {
  private viewport: VisualViewport | null = null;

  constructor(private readonly host: ReactiveElement) {
    host.addController(this);
  }

  hostConnected(): void {
    this.viewport = this.host.ownerDocument.defaultView?.visualViewport ?? null;
    if (!this.viewport) return;
    this.viewport.addEventListener('resize', this.sync);
    this.viewport.addEventListener('scroll', this.sync);
    this.sync();
  }

  hostDisconnected(): void {
    this.viewport?.removeEventListener('resize', this.sync);
    this.viewport?.removeEventListener('scroll', this.sync);
    this.viewport = null;
  }

  private readonly sync = (): void => {
    const viewport = this.viewport;
    if (!viewport) return;
    this.host.style.setProperty('--parley-viewport-height', `${viewport.height}px`);
    this.host.style.setProperty('--parley-viewport-top', `${viewport.offsetTop}px`);
  };
}
