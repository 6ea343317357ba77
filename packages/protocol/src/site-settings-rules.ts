/**
 * The rules of a site's widget settings as plain constants and guards (no TypeBox runtime), so the
 * widget and the console check what the relay checks: one email pattern, one origin rule.
 */

export const LAUNCHER_POSITIONS = ['left', 'right'] as const;
export type LauncherPosition = (typeof LAUNCHER_POSITIONS)[number];

/** For each pre-chat field: not asked, asked with a skip, or needed before the first message. */
export const PRECHAT_MODES = ['off', 'optional', 'required'] as const;
export type PrechatMode = (typeof PRECHAT_MODES)[number];

/** Languages the widget has a catalog for; a site fixes one of these or leaves it `auto` (the browser's). */
export const WIDGET_LANGUAGES = ['en', 'fr', 'de', 'es', 'ar'] as const;
export const SITE_LANGUAGES = ['auto', ...WIDGET_LANGUAGES] as const;
export type SiteLanguage = (typeof SITE_LANGUAGES)[number];

export const SITE_SETTINGS_LIMITS = {
  /** Distance of the launcher from the page's side and bottom, in CSS pixels. */
  maxOffset: 400,
  /** The largest z-index browsers honour (a signed 32-bit integer). */
  maxZIndex: 2147483647,
  maxLauncherLabel: 40,
  maxGreeting: 500,
  maxSiteName: 100,
  maxAllowedOrigins: 50,
  maxVisitorName: 100,
  maxEmail: 254,
} as const;

/**
 * Something@something.tld with no spaces: what can receive a reply. Stricter than the browser's
 * `type=email` (which accepts `a@b`), looser than RFC 5322 on purpose: real addresses pass.
 */
export const EMAIL_PATTERN = '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$';

export function isValidEmail(value: string): boolean {
  return value.length <= SITE_SETTINGS_LIMITS.maxEmail && new RegExp(EMAIL_PATTERN).test(value);
}

/**
 * Why `value` is not an allowed origin, or null when it is one. An origin is what browsers send in
 * the Origin header: scheme, host and port only (`https://shop.example.com`), no path, no slash.
 */
export function originProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value}" is not a URL; write it like https://shop.example.com`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `"${value}" must start with https:// or http://`;
  if (url.origin !== value) return `"${value}" is not an origin; write it as ${url.origin} (no path, no trailing slash)`;
  return null;
}
