/**
 * What other packages import from @parley/widget: the snippet text (the relay's demo page, the
 * console's install page), the build manifest's shape, and for the console's settings the
 * languages the widget speaks and the contrast check for a brand colour. The widget itself ships as the
 * bundles in dist/, never through this entry.
 */
export { renderSnippet, type SnippetOptions } from './snippet';
export type { WidgetManifest } from './widget-manifest';
export { AA_TEXT_CONTRAST, contrastRatio, readableTextOn } from './contrast';
export { LANGUAGES, type Language } from './strings';
export type { Theme } from './theme';
export { launcherConfig, launcherStyle } from './launcher-style';
