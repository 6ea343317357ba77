import { css } from 'lit';

/**
 * The dark palette, used when the site fixes `theme="dark"` or, without a fixed theme, when the
 * visitor's system prefers dark. Every pair here keeps text at 4.5:1 or better (WCAG 2.2 AA).
 */
const dark = css`
  color-scheme: dark;
  --_background: var(--parley-background, #111827);
  --_text: var(--parley-text, #f3f4f6);
  --_muted: var(--parley-muted, #9ca3af);
  --_agent-bubble: var(--parley-agent-bubble, #1f2937);
  --_border: var(--parley-border, #374151);
  --_input-border: var(--parley-input-border, #9ca3af);
  --_notice: var(--parley-notice-background, #422006);
  --_failed: var(--parley-failed-bubble, #450a0a);
  --_focus: var(--parley-focus-ring, #93c5fd);
`;

/**
 * The panel's styles. Comments live here rather than in the CSS, which ships as written.
 * - Logical properties throughout (inline-start/end), so the host's `dir` mirrors the corner, the
 *   bubbles, the composer and the send icon for right-to-left languages.
 * - `--parley-site-color` is the colour chosen in the console (the page's `--parley-accent` wins);
 *   `--parley-site-accent-text` is white or near-black, whichever contrasts more with the accent.
 * - Below 480px the open chat takes the whole screen, sized to the visual viewport so the
 *   on-screen keyboard never covers the composer (see ViewportController); the text box gets
 *   16px there because below that iOS zooms the page when it takes focus.
 * - The open animation runs only for `prefers-reduced-motion: no-preference`, and a `reduce`
 *   block turns off any motion added to the panel later.
 * - The close button's focus ring takes its own colour: on the accent, that is the one
 *   guaranteed to show. The text box's border is 3:1 against the panel (WCAG 1.4.11), since its
 *   edge is how a visitor finds it.
 * - `side`, `--_x`, `--_y` and `--parley-z-index` are the site's placement from the console
 *   (site-placement.ts); `left` is the inline-start side, so it mirrors for right-to-left languages
 *   like the default corner does. The phone layout still wins.
 */
export const chatStyles = css`
  :host {
    color-scheme: light;
    --_background: var(--parley-background, #fff);
    --_text: var(--parley-text, #111827);
    --_muted: var(--parley-muted, #4b5563);
    --_agent-bubble: var(--parley-agent-bubble, #f3f4f6);
    --_border: var(--parley-border, #e5e7eb);
    --_input-border: var(--parley-input-border, #6b7280);
    --_notice: var(--parley-notice-background, #fef3c7);
    --_failed: var(--parley-failed-bubble, #fee2e2);
    --_focus: var(--parley-focus-ring, #1d4ed8);
    position: fixed;
    inset-inline-end: var(--_x, var(--parley-offset, 20px));
    bottom: calc(var(--_y, var(--parley-offset, 20px)) + var(--parley-launcher-size, 56px) + 12px);
    z-index: var(--parley-z-index, 2147483000);
    display: block;
    width: min(var(--parley-width, 370px), calc(100vw - 2 * var(--parley-offset, 20px)));
    height: min(var(--parley-height, 560px), calc(100vh - var(--parley-launcher-size, 56px) - 4 * var(--parley-offset, 20px)));
    height: min(var(--parley-height, 560px), calc(100dvh - var(--parley-launcher-size, 56px) - 4 * var(--parley-offset, 20px)));
    font: var(--parley-font, 15px/1.4 system-ui, -apple-system, 'Segoe UI', sans-serif);
    color: var(--_text);
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${dark}
    }
  }
  :host([theme='dark']) {
    ${dark}
  }
  :host([side='left']) {
    inset-inline: var(--_x) auto;
  }
  @media (max-width: 479.98px) {
    :host,
    :host([side='left']) {
      inset-inline: 0;
      top: var(--parley-viewport-top, 0px);
      bottom: auto;
      width: auto;
      height: 100vh;
      height: var(--parley-viewport-height, 100dvh);
    }
    [part='panel'] {
      border-radius: 0;
      box-shadow: none;
    }
    input,
    textarea {
      font-size: 16px;
    }
  }
  @media (prefers-reduced-motion: no-preference) {
    :host([open]) [part='panel'] {
      animation: parley-open 0.16s ease-out;
    }
  }
  @keyframes parley-open {
    from {
      opacity: 0;
      transform: translateY(8px);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation: none !important;
      transition: none !important;
      scroll-behavior: auto !important;
    }
  }
  :host(:not([open])) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  [part='panel'] {
    --_accent: var(--parley-accent, var(--parley-site-color, #2563eb));
    --_accent-text: var(--parley-accent-text, var(--parley-site-accent-text, #fff));
    display: flex;
    flex-direction: column;
    height: 100%;
    overflow: hidden;
    border-radius: var(--parley-radius, 16px);
    background: var(--_background);
    box-shadow: 0 12px 40px rgba(0, 0, 0, 0.25);
  }
  [part='header'] {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 14px 16px;
    background: var(--_accent);
    color: var(--_accent-text);
  }
  h2 {
    flex: 1;
    margin: 0;
    font-size: 1.05em;
    font-weight: 600;
  }
  button {
    font: inherit;
    cursor: pointer;
  }
  [part='close'] {
    border: 0;
    background: none;
    color: inherit;
    font-size: 22px;
    line-height: 1;
    padding: 2px 6px;
    border-radius: 6px;
  }
  button:focus-visible,
  textarea:focus-visible,
  input:focus-visible,
  [part='log']:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  [part='log']:focus-visible {
    outline-offset: -3px;
  }
  [part='close']:focus-visible {
    outline-color: currentColor;
  }
  [part='notice'] {
    margin: 0;
    padding: 6px 16px;
    background: var(--_notice);
    font-size: 0.85em;
  }
  [part='log'] {
    flex: 1;
    overflow-y: auto;
  }
  ol {
    margin: 0;
    padding: 12px;
    list-style: none;
    display: flex;
    flex-direction: column;
    gap: 6px;
  }
  li {
    max-width: 80%;
    padding: 8px 12px;
    border-radius: 14px;
    overflow-wrap: anywhere;
  }
  .body {
    white-space: pre-wrap;
  }
  .greeting {
    white-space: pre-wrap;
  }
  .agent {
    align-self: flex-start;
    background: var(--_agent-bubble);
  }
  .visitor {
    align-self: flex-end;
    background: var(--_accent);
    color: var(--_accent-text);
  }
  .system {
    align-self: center;
    max-width: 100%;
    background: none;
    color: var(--_muted);
    font-size: 0.85em;
  }
  [data-status='failed'] {
    background: var(--_failed);
    color: var(--_text);
  }
  .author,
  .state {
    display: block;
    font-size: 0.75em;
    color: var(--_muted);
  }
  .visitor .state {
    color: inherit;
  }
  .actions button {
    margin-block-start: 4px;
    margin-inline-end: 8px;
    padding: 2px 8px;
    border: 1px solid currentColor;
    border-radius: 6px;
    background: none;
    color: inherit;
    font-size: 0.85em;
  }
  [part='queue'],
  [part='typing'],
  [part='transcript'] {
    margin: 0;
    padding: 0 16px 6px;
    color: var(--_muted);
    font-size: 0.85em;
  }
  [part='rating'] {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    margin: 0;
    padding: 8px 16px;
  }
  li img {
    display: block;
    max-width: 100%;
    max-height: 200px;
  }
  [part='attach'] {
    border: 0;
    background: none;
    font-size: 1.2em;
  }
  [part='rating'] input {
    flex: 1 0 100%;
  }
  [part='composer'] {
    flex-wrap: wrap;
    display: flex;
    align-items: flex-end;
    gap: 8px;
    padding: 10px 12px;
    border-block-start: 1px solid var(--_border);
    flex-wrap: wrap;
  }
  [part='email'],
  [part='prechat'] {
    flex-basis: 100%;
  }
  input,
  textarea {
    flex: 1;
    resize: none;
    field-sizing: content;
    min-height: 40px;
    max-height: 120px;
    padding: 9px 12px;
    border: 1px solid var(--_input-border);
    border-radius: 10px;
    font: inherit;
    color: inherit;
    background: transparent;
  }
  input {
    flex-basis: 100%;
  }
  [part='send'] {
    flex: none;
    width: 40px;
    height: 40px;
    border: 0;
    border-radius: 50%;
    background: var(--_accent);
    color: var(--_accent-text);
    display: grid;
    place-items: center;
  }
  textarea::placeholder {
    color: var(--_muted);
    opacity: 1;
  }
  [dir='rtl'] [part='send'] svg {
    transform: scaleX(-1);
  }
  svg {
    width: 18px;
    height: 18px;
    fill: currentColor;
  }
`;
