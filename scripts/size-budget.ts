/**
 * The widget's size budgets (issue 5, "Budgets"), as a pure function of measured sizes so the
 * rule is tested without a build. scripts/check-size.ts measures; this decides.
 *
 * Why these two numbers: everything a page pays for before the visitor touches the chat (the
 * pasted snippet plus the loader, which draws the launcher) must stay at or under 3 KB gzip, and
 * the full panel, fetched on intent, at or under 20 KB gzip with Lit. Both are far below what
 * competing widgets ship (Crisp ~90 KB, Intercom ~210 KB gzip).
 */

export const SIZE_BUDGETS = {
  /** Snippet + dist/loader.js, gzip bytes. */
  beforeFirstInteractionGzip: 3 * 1024,
  /**
   * dist/widget-<hash>.js, every chunk it imports at once or lazily, and the largest language
   * catalog (a visitor fetches their language only), gzip bytes: issue 5's 20 KB.
   */
  widgetGzip: 20 * 1024,
} as const;

export interface MeasuredFile {
  /** What the row is called in the report, e.g. `loader.js`. */
  name: string;
  bytes: number;
  gzipBytes: number;
}

export interface SizeMeasurements {
  snippet: MeasuredFile;
  loader: MeasuredFile;
  widget: MeasuredFile;
  /** The console's JavaScript, reported for information only (no budget); null when not built. */
  console: MeasuredFile | null;
}

export interface SizeRow extends MeasuredFile {
  /** Gzip budget for this row, or null for rows reported for information. */
  budgetGzip: number | null;
  over: boolean;
}

export interface SizeVerdict {
  ok: boolean;
  rows: SizeRow[];
  /** One sentence per exceeded budget, saying by how much and what to do. */
  failures: string[];
}

export function checkSizeBudgets(sizes: SizeMeasurements, budgets: typeof SIZE_BUDGETS = SIZE_BUDGETS): SizeVerdict {
  const beforeInteraction: MeasuredFile = {
    name: 'before first interaction (snippet + loader)',
    bytes: sizes.snippet.bytes + sizes.loader.bytes,
    gzipBytes: sizes.snippet.gzipBytes + sizes.loader.gzipBytes,
  };
  const rows: SizeRow[] = [
    info(sizes.snippet),
    info(sizes.loader),
    budgeted(beforeInteraction, budgets.beforeFirstInteractionGzip),
    budgeted(sizes.widget, budgets.widgetGzip),
    ...(sizes.console ? [info(sizes.console)] : []),
  ];
  const failures: string[] = [];
  const first = rows[2]!;
  if (first.over) {
    failures.push(
      `the page loads ${first.gzipBytes} B gzip before the first interaction (snippet ${sizes.snippet.gzipBytes} B + ` +
        `loader ${sizes.loader.gzipBytes} B), over the ${budgets.beforeFirstInteractionGzip} B budget by ` +
        `${first.gzipBytes - budgets.beforeFirstInteractionGzip} B: move code from the loader into the widget module, ` +
        'which loads on hover, focus or click.',
    );
  }
  const widget = rows[3]!;
  if (widget.over) {
    failures.push(
      `the full widget ${sizes.widget.name} is ${widget.gzipBytes} B gzip, over the ${budgets.widgetGzip} B budget by ` +
        `${widget.gzipBytes - budgets.widgetGzip} B: look at what the last change pulled into the bundle ` +
        '(esbuild --analyze, or the metafile from packages/widget/build.ts).',
    );
  }
  return { ok: failures.length === 0, rows, failures };
}

function info(file: MeasuredFile): SizeRow {
  return { ...file, budgetGzip: null, over: false };
}

function budgeted(file: MeasuredFile, budgetGzip: number): SizeRow {
  return { ...file, budgetGzip, over: file.gzipBytes > budgetGzip };
}
