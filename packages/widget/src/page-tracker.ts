/**
 * Tells the relay which page the visitor is on (`page.view`): once the widget is connected, and
 * again whenever the URL changes without a page load (single-page apps: history.pushState,
 * replaceState, popstate). Each URL is reported once per change, also across reconnects.
 *
 * Wrapping history's methods is the only way a script can hear pushState; we chain to whatever
 * was there before (the page's own wrapper, another tool's) and unwrap only if still on top.
 */
import type { PageViewFrame } from '@parley/protocol';

type HistoryMethod = 'pushState' | 'replaceState';

export class PageTracker {
  private lastSent: string | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly restore: Array<() => void> = [];
  private readonly onChange = () => this.changed();

  constructor(
    private readonly send: (frame: PageViewFrame) => boolean,
    private readonly win: Window = window,
  ) {
    for (const method of ['pushState', 'replaceState'] as const) this.wrap(method);
    win.addEventListener('popstate', this.onChange);
  }

  /** Reports the current page unless it was already reported; call when the socket is ready. */
  flush(): void {
    const { location, document } = this.win;
    const url = location.href;
    if (url === this.lastSent) return;
    const timeZone = currentTimeZone();
    const sent = this.send({
      type: 'page.view',
      url: url.slice(0, 2048),
      title: document.title.slice(0, 300),
      referrer: document.referrer.slice(0, 2048),
      ...(timeZone ? { timeZone } : {}),
    });
    if (sent) this.lastSent = url;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.win.removeEventListener('popstate', this.onChange);
    for (const undo of this.restore.splice(0)) undo();
  }

  /** After the page's own code has run (it sets document.title after pushState, usually). */
  private changed(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), 0);
  }

  private wrap(method: HistoryMethod): void {
    const history = this.win.history;
    const original = history[method];
    const onChange = this.onChange;
    const wrapped = function (this: History, ...args: Parameters<History[HistoryMethod]>) {
      const result = original.apply(this, args);
      onChange();
      return result;
    };
    history[method] = wrapped;
    this.restore.push(() => {
      if (history[method] === wrapped) history[method] = original;
    });
  }
}

function currentTimeZone(): string | undefined {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return zone && zone.length <= 64 ? zone : undefined;
  } catch {
    return undefined;
  }
}
