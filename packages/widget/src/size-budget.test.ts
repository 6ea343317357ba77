import { describe, expect, it } from 'vitest';
import { SIZE_BUDGETS, checkSizeBudgets, type SizeMeasurements } from '../../../scripts/size-budget';

function sizes(gzip: { snippet: number; loader: number; widget: number }): SizeMeasurements {
  return {
    snippet: { name: 'snippet', bytes: gzip.snippet * 2, gzipBytes: gzip.snippet },
    loader: { name: 'loader.js', bytes: gzip.loader * 2, gzipBytes: gzip.loader },
    widget: { name: 'widget-0123456789.js', bytes: gzip.widget * 3, gzipBytes: gzip.widget },
    console: { name: 'console assets/app-X.js', bytes: 500_000, gzipBytes: 200_000 },
  };
}

describe('checkSizeBudgets', () => {
  it("enforces issue 5's budgets themselves, not looser ceilings", () => {
    expect(SIZE_BUDGETS).toEqual({ beforeFirstInteractionGzip: 3 * 1024, widgetGzip: 20 * 1024 });
  });

  it('passes when both budgets hold, exactly at the limit included', () => {
    const verdict = checkSizeBudgets(sizes({ snippet: 272, loader: 2800, widget: SIZE_BUDGETS.widgetGzip }));
    expect(verdict).toMatchObject({ ok: true, failures: [] });
  });

  it('counts the snippet and the loader together against the 3 KB budget', () => {
    // Each alone is under 3 KB; together they are one byte over.
    const verdict = checkSizeBudgets(sizes({ snippet: 300, loader: 2773, widget: 14_000 }));
    expect(verdict.ok).toBe(false);
    expect(verdict.failures).toHaveLength(1);
    expect(verdict.failures[0]).toContain('3073 B gzip before the first interaction');
    expect(verdict.failures[0]).toContain('over the 3072 B budget by 1 B');
    const row = verdict.rows.find((candidate) => candidate.budgetGzip === SIZE_BUDGETS.beforeFirstInteractionGzip);
    expect(row).toMatchObject({ gzipBytes: 3073, bytes: 6146, over: true });
  });

  it('fails when the full widget is over its ceiling', () => {
    const verdict = checkSizeBudgets(sizes({ snippet: 250, loader: 2000, widget: SIZE_BUDGETS.widgetGzip + 1 }));
    expect(verdict.ok).toBe(false);
    expect(verdict.failures).toEqual([
      expect.stringContaining(`widget-0123456789.js is ${SIZE_BUDGETS.widgetGzip + 1} B gzip, over the ${SIZE_BUDGETS.widgetGzip} B budget by 1 B`),
    ]);
  });

  it('reports both failures when both budgets are exceeded', () => {
    expect(checkSizeBudgets(sizes({ snippet: 400, loader: 4000, widget: 30_000 })).failures).toHaveLength(2);
  });

  it('reports the console for information only, however large', () => {
    const verdict = checkSizeBudgets(sizes({ snippet: 250, loader: 2000, widget: 14_000 }));
    expect(verdict.ok).toBe(true);
    expect(verdict.rows.at(-1)).toMatchObject({ name: 'console assets/app-X.js', budgetGzip: null, over: false });
    expect(checkSizeBudgets({ ...sizes({ snippet: 250, loader: 2000, widget: 14_000 }), console: null }).rows).toHaveLength(4);
  });
});
