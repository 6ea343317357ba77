import { describe, expect, it } from 'vitest';
import type { PageView } from '@parley/protocol';
import { currentSessionPages, parseUserAgent, SESSION_GAP_MS, toVisitorContext } from './visitor-context';

const CHROME_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1';
const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0';

const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms).toISOString();
const page = (title: string, ms: number, referrer = ''): PageView => ({ url: `https://acme.example/${title}`, title, referrer, viewedAt: at(ms) });

describe('parseUserAgent', () => {
  it.each([
    [CHROME_WINDOWS, 'Chrome', '120.0.0.0', 'Windows', '10'],
    [SAFARI_IPHONE, 'Safari', '17.1', 'iOS', '17.1'],
    [FIREFOX_LINUX, 'Firefox', '121.0', 'Linux', null],
  ])('reads %s', (ua, browser, browserVersion, os, osVersion) => {
    expect(parseUserAgent(ua)).toEqual({ browser: { name: browser, version: browserVersion }, os: { name: os, version: osVersion } });
  });

  it('says nothing rather than guessing for a missing or junk User-Agent', () => {
    expect(parseUserAgent(null)).toEqual({ browser: { name: null, version: null }, os: { name: null, version: null } });
    expect(parseUserAgent('curl-ish/1')).toMatchObject({ os: { name: null } });
  });
});

describe('currentSessionPages', () => {
  it('keeps the newest run of views with no pause over 30 minutes', () => {
    const pages = [page('c', 2 * SESSION_GAP_MS + 60_000), page('b', SESSION_GAP_MS + 120_000), page('a', 0)];
    expect(currentSessionPages(pages).map((p) => p.title)).toEqual(['c', 'b']);
    expect(currentSessionPages([])).toEqual([]);
  });
});

describe('toVisitorContext', () => {
  it('takes the current page from the newest view and the referrer from the session landing page', () => {
    const context = toVisitorContext({
      id: '00000000-0000-4000-8000-000000000001',
      name: null,
      email: 'v@example.test',
      userAgent: FIREFOX_LINUX,
      timeZone: 'Europe/Paris',
      externalId: null,
      attributes: {},
      pages: [page('b', SESSION_GAP_MS * 3), page('a', SESSION_GAP_MS * 3 - 1000, 'https://search.example/'), page('old', 0, 'https://ads.example/')],
      conversations: [],
    });
    expect(context.currentPage?.title).toBe('b');
    expect(context.referrer).toBe('https://search.example/');
    expect(context.pages.map((p) => p.title)).toEqual(['b', 'a']);
    expect(context.browser.name).toBe('Firefox');
    expect(context.timeZone).toBe('Europe/Paris');
  });
});
