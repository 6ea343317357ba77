import type { LauncherConfig, SitePublic } from '@parley/protocol';
import { readableTextOn } from './contrast';

/**
 * The bubble's inline style for a site: its side, offsets, z-index, colour and an icon colour that
 * contrasts with it. Built here once for two callers: the relay, which puts it in the loader's
 * config (so the every-page loader carries no layout or contrast code), and the chat, when an
 * admin's change arrives. `inset:auto` clears the default corner before the chosen side is set.
 * Right and left are the sides for left-to-right languages: like the rest of the widget, the corner
 * mirrors for right-to-left ones (the host's `dir`).
 */
export function launcherStyle({ color, widget }: SitePublic): string {
  if (!widget) return '';
  const { position, offsetX, offsetY, zIndex } = widget;
  return `inset:auto;inset-inline-${position == 'right' ? 'end' : 'start'}:${offsetX}px;bottom:${offsetY}px;z-index:${zIndex};--parley-site-color:${color};--parley-site-accent-text:${readableTextOn(color) ?? '#fff'}`;
}

/** The bubble's settings ready to apply: `GET /v1/widget/config` and `site.updated.launcher`. */
export function launcherConfig(site: SitePublic): LauncherConfig {
  const language = site.widget?.language ?? 'auto';
  return { style: launcherStyle(site), label: site.widget?.launcherLabel ?? '', language: language === 'auto' ? null : language };
}
