/**
 * The site settings form as plain data: the draft an admin edits, what is wrong with it (checked
 * as the relay checks it, so most mistakes show before saving), the patch that saves only what
 * changed, the contrast of the brand colour, and the site as the widget would show it.
 */
import type { SitePublic, SiteSettings, SiteSettingsPatch, WidgetSettings } from '@parley/protocol';
import { originProblem, SITE_SETTINGS_LIMITS } from '@parley/protocol/light';
import { AA_TEXT_CONTRAST, contrastRatio, readableTextOn } from '@parley/widget';

export interface SiteDraft {
  name: string;
  greeting: string;
  color: string;
  /** One origin a line, as typed. */
  origins: string;
  widget: WidgetSettings;
}

/** Field (as the relay's `ref` names it: `color`, `allowedOrigins.1`, `widget.offsetX`) -> what to fix. */
export type FieldErrors = Record<string, string>;

export function draftOf(site: SiteSettings): SiteDraft {
  return { name: site.name, greeting: site.greeting, color: site.color, origins: site.allowedOrigins.join('\n'), widget: structuredClone(site.widget) };
}

export function originsOf(draft: SiteDraft): string[] {
  return draft.origins
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

const COLOR = /^#[0-9a-fA-F]{6}$/;

export function validateDraft(draft: SiteDraft): FieldErrors {
  const errors: FieldErrors = {};
  const { maxOffset, maxZIndex, maxLauncherLabel, maxGreeting, maxSiteName } = SITE_SETTINGS_LIMITS;
  if (!/\S/.test(draft.name) || draft.name.length > maxSiteName) errors.name = `Give the site a name (up to ${maxSiteName} characters).`;
  if (draft.greeting.length > maxGreeting) errors.greeting = `Keep the greeting under ${maxGreeting} characters.`;
  if (!COLOR.test(draft.color)) errors.color = 'Use a colour like #4f46e5.';
  originsOf(draft).forEach((origin, index) => {
    const problem = originProblem(origin);
    if (problem) errors[`allowedOrigins.${index}`] = problem;
  });
  const { offsetX, offsetY, zIndex, launcherLabel } = draft.widget;
  for (const [field, value] of [['offsetX', offsetX], ['offsetY', offsetY]] as const) {
    if (!Number.isInteger(value) || value < 0 || value > maxOffset) errors[`widget.${field}`] = `A whole number of pixels from 0 to ${maxOffset}.`;
  }
  if (!Number.isInteger(zIndex) || zIndex < 0 || zIndex > maxZIndex) errors['widget.zIndex'] = `A whole number from 0 to ${maxZIndex}.`;
  if (launcherLabel.length > maxLauncherLabel) errors['widget.launcherLabel'] = `Up to ${maxLauncherLabel} characters.`;
  return errors;
}

/** Only what differs from the saved site; `widget` only with its changed fields. */
export function patchOf(saved: SiteSettings, draft: SiteDraft): SiteSettingsPatch {
  const patch: SiteSettingsPatch = {};
  if (draft.name !== saved.name) patch.name = draft.name;
  if (draft.greeting !== saved.greeting) patch.greeting = draft.greeting;
  if (draft.color !== saved.color) patch.color = draft.color;
  const origins = originsOf(draft);
  if (origins.join('\n') !== saved.allowedOrigins.join('\n')) patch.allowedOrigins = origins;
  const widget: NonNullable<SiteSettingsPatch['widget']> = {};
  const before = saved.widget;
  const after = draft.widget;
  for (const key of ['position', 'offsetX', 'offsetY', 'zIndex', 'launcherLabel', 'language'] as const) {
    if (after[key] !== before[key]) (widget as Record<string, unknown>)[key] = after[key];
  }
  if (after.prechat.name !== before.prechat.name || after.prechat.email !== before.prechat.email) widget.prechat = { ...after.prechat };
  if (Object.keys(widget).length > 0) patch.widget = widget;
  return patch;
}

export interface ContrastReport {
  /** The text colour the widget puts on the brand colour (white or near-black). */
  text: string;
  ratio: number;
  /** Below WCAG AA for normal text: the header, send button and visitor bubbles are hard to read. */
  failsAA: boolean;
}

export function contrastOf(color: string): ContrastReport | null {
  const text = readableTextOn(color);
  const ratio = text ? contrastRatio(color, text) : null;
  return text && ratio !== null ? { text, ratio, failsAA: ratio < AA_TEXT_CONTRAST } : null;
}

/** The site as the widget would get it in `welcome`, from the draft (a colour still being typed keeps the saved one). */
export function previewSiteOf(saved: SiteSettings, draft: SiteDraft): SitePublic {
  return {
    name: draft.name,
    greeting: draft.greeting,
    color: COLOR.test(draft.color) ? draft.color : saved.color,
    widget: structuredClone(draft.widget),
  };
}
