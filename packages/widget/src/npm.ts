/**
 * The widget for sites that bundle their own JavaScript (`dist/npm/index.js`, built by
 * build-npm.ts): the same chat and bubble as the snippet, started with a typed call instead of
 * the command queue. `lit` stays a dependency of the site's bundle rather than a second copy.
 *
 * ```ts
 * import { createParley } from '@parley/widget/npm';
 * const parley = createParley({ relayOrigin: 'https://chat.example.com', siteKey: 'pk_...' });
 * parley.identify({ token });
 * parley.on('unread', (count) => ...);
 * ```
 */
import { pickLanguage } from './language';
import { LAUNCHER_TAG, defineLauncher } from './parley-launcher';
import type { Language } from './strings';
import type { Theme } from './theme';
import { forgetVisitor, openStorage } from './visitor-storage';
import { mount } from './widget';
import type { ApiEvent, ApiEvents, Attributes, IdentifyProof } from './widget-api';

export type { ApiEvent, ApiEvents, Attributes, IdentifyProof } from './widget-api';
export type { Language } from './strings';
export type { Theme } from './theme';
export { ParleyChat } from './parley-chat';
export { CHAT_TAG, defineChat } from './parley-chat';

export interface ParleyOptions {
  /** Where the relay is, e.g. `https://chat.example.com`. */
  relayOrigin: string;
  siteKey: string;
  /** Fixes the language; otherwise the visitor's browser decides. */
  language?: Language;
  /** Fixes the colour scheme; otherwise `prefers-color-scheme`. */
  theme?: Theme;
}

/** The JS API of docs/widget.md as methods. */
export interface Parley {
  open(): void;
  close(): void;
  toggle(): void;
  identify(proof: IdentifyProof): void;
  set(attributes: Attributes): void;
  on<E extends ApiEvent>(event: E, listener: (detail: ApiEvents[E]) => void): void;
  shutdown(): void;
  /** Removes the bubble and the chat from the page and closes the socket. */
  destroy(): void;
}

export function createParley({ relayOrigin, siteKey, language, theme }: ParleyOptions): Parley {
  defineLauncher();
  const launcher = document.createElement(LAUNCHER_TAG);
  const chosen = pickLanguage(navigator.languages, language ?? null);
  launcher.setLanguage(chosen);
  const controller = mount({ siteKey, relayOrigin: new URL(relayOrigin).origin, launcher, language: chosen, ...(theme ? { theme } : {}) });
  launcher.addEventListener('parley-toggle', () => controller.toggle());
  document.body.append(launcher);
  return {
    open: () => controller.open(),
    close: () => controller.close(),
    toggle: () => controller.toggle(),
    identify: (proof) => controller.run(['identify', proof]),
    set: (attributes) => controller.run(['set', { attributes }]),
    on: (event, listener) => controller.run(['on', event, listener]),
    shutdown: () => {
      forgetVisitor(openStorage(), siteKey);
      controller.run(['shutdown']);
    },
    destroy: () => {
      launcher.remove();
      controller.remove();
    },
  };
}
