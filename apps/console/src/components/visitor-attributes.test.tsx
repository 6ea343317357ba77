// @vitest-environment happy-dom
import type { VisitorContext } from '@parley/protocol';
import { fixtureUuid } from '@parley/protocol/testing';
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { VisitorAttributes } from './visitor-attributes';

const base: VisitorContext = {
  id: fixtureUuid(1),
  name: null,
  email: null,
  currentPage: null,
  referrer: null,
  pages: [],
  browser: { name: null, version: null },
  os: { name: null, version: null },
  timeZone: null,
  conversations: [],
};

let host: HTMLElement;
afterEach(() => {
  render(null, host);
  host.remove();
});

function show(context: VisitorContext): HTMLElement {
  host = document.createElement('div');
  document.body.append(host);
  render(<VisitorAttributes context={context} />, host);
  return host;
}

describe('VisitorAttributes', () => {
  it('shows the verified user id and the attributes sorted by key, as text', () => {
    const el = show({ ...base, externalId: 'user-42', attributes: { seats: 12, plan: '<b>pro</b>', trial: false } });
    const pairs = [...el.querySelectorAll('dt')].map((dt) => `${dt.textContent}=${dt.nextElementSibling?.textContent}`);
    expect(pairs).toEqual(['User id=user-42 ✓', 'plan=<b>pro</b>', 'seats=12', 'trial=false']);
    expect(el.querySelector('b')).toBeNull();
  });

  it('shows nothing for an anonymous visitor without attributes', () => {
    expect(show({ ...base, externalId: null, attributes: {} }).childElementCount).toBe(0);
    expect(show(base).childElementCount).toBe(0);
  });
});
