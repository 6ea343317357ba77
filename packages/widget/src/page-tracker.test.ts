// @vitest-environment happy-dom
import type { PageViewFrame } from '@parley/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PageTracker } from './page-tracker';

describe('PageTracker', () => {
  let sent: PageViewFrame[];
  let open: boolean;
  let tracker: PageTracker;

  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    open = true;
    document.title = 'Home';
    tracker = new PageTracker((frame) => (open ? (sent.push(frame), true) : false));
  });
  afterEach(() => {
    tracker.dispose();
    vi.useRealTimers();
  });

  it('reports the current page once, with title, referrer and time zone', () => {
    tracker.flush();
    tracker.flush();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ type: 'page.view', url: location.href, title: 'Home', referrer: document.referrer });
    expect(sent[0]!.timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });

  it('reports pushState and popstate changes after the page set its title, and not a same-URL replaceState', () => {
    tracker.flush();
    history.pushState({}, '', '/tents');
    document.title = 'Tents';
    vi.runAllTimers();
    expect(sent.at(-1)).toMatchObject({ url: `${location.origin}/tents`, title: 'Tents' });
    history.replaceState({ scrolled: true }, '', '/tents');
    vi.runAllTimers();
    expect(sent).toHaveLength(2);
    history.replaceState({}, '', '/tents?color=green');
    window.dispatchEvent(new PopStateEvent('popstate'));
    vi.runAllTimers();
    expect(sent.map((frame) => new URL(frame.url).pathname + new URL(frame.url).search)).toEqual([
      expect.any(String),
      '/tents',
      '/tents?color=green',
    ]);
  });

  it('keeps a change made while disconnected and reports it on the next flush', () => {
    tracker.flush();
    open = false;
    history.pushState({}, '', '/offline-page');
    vi.runAllTimers();
    open = true;
    tracker.flush();
    expect(sent.at(-1)?.url).toBe(`${location.origin}/offline-page`);
  });

  it('puts history back as it was when disposed', () => {
    const before = history.pushState;
    const second = new PageTracker(() => true);
    expect(history.pushState).not.toBe(before);
    second.dispose();
    expect(history.pushState).toBe(before);
  });
});
