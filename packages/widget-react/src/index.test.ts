// @vitest-environment happy-dom
import { createElement, createRef } from 'react';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ParleyChat as ParleyChatElement } from '@parley/widget/npm';
import { ParleyChat } from './index';

// Vitest resolves @lit/react's `node` export, its server-rendering build, which leaves element
// properties to the server; bundlers for the browser pick the browser build, so the test does too.
vi.mock('@lit/react', async () => {
  const { createRequire } = await import('node:module');
  const nodeEntry = createRequire(import.meta.url).resolve('@lit/react');
  return import(nodeEntry.replace(/[\\/]node([\\/](development[\\/])?index\.js)$/, '$1'));
});

class SilentSocket {
  readyState = 0;
  onopen = null;
  onclose = null;
  onerror = null;
  onmessage = null;
  send(): void {}
  close(): void {
    this.readyState = 3;
  }
}

describe('<ParleyChat> for React', () => {
  let root: Root;
  let host: HTMLElement;
  beforeEach(() => {
    vi.stubGlobal('WebSocket', SilentSocket);
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
  });
  afterEach(() => {
    act(() => root.unmount());
    host.remove();
    vi.unstubAllGlobals();
  });

  it('sets the element properties from props and calls on* props for its events', () => {
    const onClose = vi.fn();
    const onUnreadChange = vi.fn();
    const ref = createRef<ParleyChatElement>();
    const render = (open: boolean) =>
      act(() => root.render(createElement(ParleyChat, { ref, relayOrigin: 'https://chat.example.com', siteKey: 'pk_react', open, onClose, onUnreadChange })));
    render(false);
    const chat = host.querySelector('parley-chat')!;
    expect(chat).toBe(ref.current);
    expect([chat.siteKey, chat.relayOrigin, chat.open]).toEqual(['pk_react', 'https://chat.example.com', false]);
    render(true);
    expect(chat.open).toBe(true);

    chat.dispatchEvent(new CustomEvent('parley-close', { bubbles: true, composed: true }));
    chat.dispatchEvent(new CustomEvent('parley-unread-change', { detail: { count: 2 } }));
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(onUnreadChange.mock.calls[0]![0].detail).toEqual({ count: 2 });
    expect(typeof ref.current!.identify).toBe('function');
  });
});
