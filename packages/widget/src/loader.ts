/**
 * Entry of `dist/loader.js`, the classic script every page with the snippet loads.
 * `__PARLEY_WIDGET_FILE__` is the content-hashed widget file name, defined by build.ts.
 */
import { startLoader } from './start-loader';

declare const __PARLEY_WIDGET_FILE__: string;

startLoader({
  window,
  script:
    (document.currentScript as HTMLScriptElement | null) ??
    document.querySelector<HTMLScriptElement>('script[data-site-key][src*="/widget/loader.js"]'),
  widgetFile: __PARLEY_WIDGET_FILE__,
});
