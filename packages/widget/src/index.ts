/**
 * What other packages import from @parley/widget: the snippet text (the relay's demo page, the
 * console's install page) and the build manifest's shape. The widget itself ships as the
 * bundles in dist/, never through this entry.
 */
export { renderSnippet, type SnippetOptions } from './snippet';
export type { WidgetManifest } from './widget-manifest';
