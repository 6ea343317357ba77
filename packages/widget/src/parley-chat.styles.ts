import { css } from 'lit';

export const chatStyles = css`
  :host {
    position: fixed;
    right: var(--parley-offset, 20px);
    bottom: calc(var(--parley-offset, 20px) + var(--parley-launcher-size, 56px) + 12px);
    z-index: var(--parley-z-index, 2147483000);
    display: block;
    width: min(var(--parley-width, 370px), calc(100vw - 2 * var(--parley-offset, 20px)));
    height: min(var(--parley-height, 560px), calc(100vh - var(--parley-launcher-size, 56px) - 4 * var(--parley-offset, 20px)));
    font: var(--parley-font, 15px/1.4 system-ui, -apple-system, 'Segoe UI', sans-serif);
    color: var(--parley-text, #111827);
  }
  :host(:not([open])) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  [part='panel'] {
    /* --parley-site-color is the colour chosen in the console; the page's --parley-accent wins. */
    --_accent: var(--parley-accent, var(--parley-site-color, #2563eb));
    display: flex;
    flex-direction: column;
    height: 100%;
    overflow: hidden;
    border-radius: var(--parley-radius, 16px);
    background: var(--parley-background, #fff);
    box-shadow: 0 12px 40px rgba(0, 0, 0, 0.25);
  }
  [part='header'] {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 14px 16px;
    background: var(--_accent);
    color: var(--parley-accent-text, #fff);
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
  textarea:focus-visible {
    outline: 2px solid var(--parley-focus-ring, #93c5fd);
    outline-offset: 2px;
  }
  [part='notice'] {
    margin: 0;
    padding: 6px 16px;
    background: var(--parley-notice-background, #fef3c7);
    font-size: 0.85em;
  }
  [part='log'] {
    flex: 1;
    overflow-y: auto;
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
    /* The visitor's line breaks are part of the message. */
    white-space: pre-wrap;
  }
  .greeting {
    white-space: pre-wrap;
  }
  .agent {
    align-self: flex-start;
    background: var(--parley-agent-bubble, #f3f4f6);
  }
  .visitor {
    align-self: flex-end;
    background: var(--_accent);
    color: var(--parley-accent-text, #fff);
  }
  .system {
    align-self: center;
    max-width: 100%;
    background: none;
    color: var(--parley-muted, #6b7280);
    font-size: 0.85em;
  }
  [data-status='sending'] {
    opacity: 0.7;
  }
  [data-status='failed'] {
    background: var(--parley-failed-bubble, #fee2e2);
    color: var(--parley-text, #111827);
  }
  .author,
  .state {
    display: block;
    font-size: 0.75em;
    color: var(--parley-muted, #6b7280);
  }
  .visitor .state {
    color: inherit;
  }
  .actions button {
    margin: 4px 8px 0 0;
    padding: 2px 8px;
    border: 1px solid currentColor;
    border-radius: 6px;
    background: none;
    color: inherit;
    font-size: 0.85em;
  }
  [part='typing'] {
    margin: 0;
    padding: 0 16px 6px;
    color: var(--parley-muted, #6b7280);
    font-size: 0.85em;
  }
  [part='composer'] {
    display: flex;
    align-items: flex-end;
    gap: 8px;
    padding: 10px 12px;
    border-top: 1px solid var(--parley-border, #e5e7eb);
  }
  textarea {
    flex: 1;
    resize: none;
    field-sizing: content;
    min-height: 40px;
    max-height: 120px;
    padding: 9px 12px;
    border: 1px solid var(--parley-border, #e5e7eb);
    border-radius: 10px;
    font: inherit;
    color: inherit;
    background: transparent;
  }
  [part='send'] {
    flex: none;
    width: 40px;
    height: 40px;
    border: 0;
    border-radius: 50%;
    background: var(--_accent);
    color: var(--parley-accent-text, #fff);
    display: grid;
    place-items: center;
  }
  svg {
    width: 18px;
    height: 18px;
    fill: currentColor;
  }
`;
