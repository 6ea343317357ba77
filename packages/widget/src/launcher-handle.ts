import type { Language } from './strings';
import type { Theme } from './theme';

/** What the loader hands the widget so the chat can drive the bubble it was opened from. */
export interface LauncherHandle {
  /**
   * Shows the unread badge with this count; 0 hides it. `label` is what screen readers hear after
   * the number ("unread"), in the widget's language: it comes with the count so the loader need
   * not carry it.
   */
  setUnread(count: number, label: string): void;
  /** Mirrors the chat's open state (aria-expanded). */
  setOpen(open: boolean): void;
  /** Returns focus to the bubble, e.g. after the chat closes. */
  focus(): void;
  /** Follows the site's settings: `style` from launcherStyle() (side, offsets, z-index, colour) and the label. */
  configure(style: string, label: string): void;
}

/** What `mount()` returns and the loader's `Parley('open' | 'close' | 'toggle')` commands drive. */
export interface ChatController {
  open(): void;
  close(): void;
  toggle(): void;
  /** The other commands (`identify`, `set`, `on`, `shutdown`), with their arguments as the page passed them. */
  run(args: readonly unknown[]): void;
  /** Takes the chat off the page (its socket closes with it); the npm build's destroy(). */
  remove(): void;
}

export interface MountOptions {
  siteKey: string;
  /** Origin of the relay that served the loader, e.g. `https://chat.example.com`. */
  relayOrigin: string;
  launcher: LauncherHandle;
  /** The language the loader negotiated (the site's `data-lang`, else the browser's); English if absent. */
  language?: Language;
  /** The site's fixed colour scheme (`data-theme`); absent means follow `prefers-color-scheme`. */
  theme?: Theme;
}

/** The shape of the lazily loaded widget module, as the loader sees it. */
export interface WidgetModule {
  mount(options: MountOptions): ChatController;
}
