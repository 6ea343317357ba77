/**
 * The visitor sidebar's data as the protocol shapes it: the stored record, with the User-Agent
 * parsed (bowser) and the page views cut to the current browsing session.
 */
import type { VisitorContextRecord } from '@parley/db';
import type { PageView, SoftwareInfo, VisitorContext } from '@parley/protocol';
import Bowser from 'bowser';

/** A pause longer than this between two page views starts a new session (the usual web-analytics rule). */
export const SESSION_GAP_MS = 30 * 60 * 1000;

export interface ParsedUserAgent {
  browser: SoftwareInfo;
  os: SoftwareInfo;
}

const unknown: SoftwareInfo = { name: null, version: null };

export function parseUserAgent(userAgent: string | null): ParsedUserAgent {
  if (!userAgent) return { browser: unknown, os: unknown };
  const parsed = Bowser.parse(userAgent);
  return {
    browser: { name: parsed.browser.name ?? null, version: parsed.browser.version ?? null },
    // macOS and Windows report a version name ("Sonoma", "10") better than the raw number.
    os: { name: parsed.os.name ?? null, version: parsed.os.versionName ?? parsed.os.version ?? null },
  };
}

/** The newest run of page views (newest first) with no pause longer than SESSION_GAP_MS. */
export function currentSessionPages(pagesNewestFirst: readonly PageView[]): PageView[] {
  const session: PageView[] = [];
  for (const page of pagesNewestFirst) {
    const newer = session.at(-1);
    if (newer && Date.parse(newer.viewedAt) - Date.parse(page.viewedAt) > SESSION_GAP_MS) break;
    session.push(page);
  }
  return session;
}

export function toVisitorContext(record: VisitorContextRecord): VisitorContext {
  const pages = currentSessionPages(record.pages);
  const landing = pages.at(-1);
  return {
    id: record.id,
    name: record.name,
    email: record.email,
    currentPage: record.pages[0] ?? null,
    referrer: landing && landing.referrer !== '' ? landing.referrer : null,
    pages,
    ...parseUserAgent(record.userAgent),
    timeZone: record.timeZone,
    conversations: record.conversations,
    externalId: record.externalId,
    attributes: record.attributes,
  };
}
