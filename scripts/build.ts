/** Builds the browser bundles the relay serves: the widget (loader + panel) and the console. */
import { buildConsole } from '../apps/console/build';
import { buildWidget } from '../packages/widget/build';

const [widget, consoleBuild] = await Promise.all([buildWidget(), buildConsole()]);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(
  `built widget: loader ${kb(widget.loader.bytes)} (${kb(widget.loader.gzipBytes)} gz), ` +
    `panel ${kb(widget.widget.bytes)} (${kb(widget.widget.gzipBytes)} gz); ` +
    `console ${kb(consoleBuild.jsBytes)} (${kb(consoleBuild.jsGzipBytes)} gz)`,
);
