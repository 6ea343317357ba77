// @vitest-environment happy-dom
import type { SitePublic } from '@parley/protocol';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SnippetBox } from './snippet-box';
import { WidgetPreview } from './widget-preview';

const site: SitePublic = {
  name: 'Acme',
  greeting: 'Hello there',
  color: '#4f46e5',
  widget: { position: 'right', offsetX: 20, offsetY: 20, zIndex: 10, launcherLabel: '', prechat: { name: 'off', email: 'off' }, language: 'en' },
};

let host: HTMLElement;
afterEach(() => {
  render(null, host);
  host.remove();
  localStorage.clear();
});

function mount(node: preact.ComponentChild) {
  host = document.createElement('div');
  document.body.append(host);
  act(() => render(node, host));
}

describe('<WidgetPreview>', () => {
  const chat = () => host.querySelector('parley-chat')!;
  const launcher = () => host.querySelector('parley-launcher')!;

  it('shows the real bubble and chat with the draft, opening no socket to the relay', async () => {
    const sockets = vi.fn();
    vi.stubGlobal('WebSocket', sockets);
    mount(<WidgetPreview site={site} />);
    await vi.waitFor(() => expect(chat().shadowRoot?.querySelector('.greeting')?.textContent).toBe('Hello there'));
    expect(chat().open).toBe(true);
    expect(launcher()).not.toBeNull();
    expect(sockets).not.toHaveBeenCalled();
    vi.unstubAllGlobals();
  });

  it('follows every edit at once: greeting, colour, side, label and the pre-chat form', async () => {
    mount(<WidgetPreview site={site} />);
    await vi.waitFor(() => expect(chat().shadowRoot?.querySelector('.greeting')).not.toBeNull());
    const edited: SitePublic = {
      ...site,
      greeting: 'Welcome back',
      color: '#0f766e',
      widget: { ...site.widget!, position: 'left', launcherLabel: 'Talk to us', prechat: { name: 'required', email: 'optional' } },
    };
    act(() => render(<WidgetPreview site={edited} />, host));
    await vi.waitFor(() => expect(chat().shadowRoot!.querySelector('.greeting')!.textContent).toBe('Welcome back'));
    await chat().updateComplete;
    expect(chat().shadowRoot!.querySelector<HTMLElement>('[part=panel]')!.style.getPropertyValue('--parley-site-color')).toBe('#0f766e');
    expect(chat().getAttribute('side')).toBe('left');
    expect(chat().shadowRoot!.querySelector<HTMLInputElement>('input[name=name]')!.required).toBe(true);
    expect(launcher().style.getPropertyValue('--parley-site-color')).toBe('#0f766e');
    expect(launcher().shadowRoot!.querySelector('[part=label]')!.textContent).toBe('Talk to us');
  });
});

describe('<SnippetBox>', () => {
  it('shows the snippet for the site key and copies it', async () => {
    const copy = vi.fn(async () => undefined);
    mount(<SnippetBox siteKey="pk_abc" relayOrigin="https://chat.example.com" copy={copy} />);
    const snippet = host.querySelector('[data-testid=snippet]')!.textContent!;
    expect(snippet).toContain("s.src=\"https://chat.example.com/widget/loader.js\"");
    expect(snippet).toContain('pk_abc');
    await act(async () => host.querySelector('button')!.click());
    expect(copy).toHaveBeenCalledWith(snippet);
    expect(host.querySelector('[role=status]')!.textContent).toBe('Copied.');
  });
});
