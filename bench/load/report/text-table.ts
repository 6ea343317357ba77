/** The summary as aligned plain text for the terminal. */
import type { Row } from './summary-rows';

const HEADERS: Row = { id: '#', measure: 'Measure', result: 'Result', comparison: 'Against the ceiling', target: 'Target', verdict: 'Verdict' };
const COLUMNS: Array<keyof Row> = ['id', 'measure', 'result', 'comparison', 'target', 'verdict'];

export function textTable(rows: Row[]): string {
  const all = [HEADERS, ...rows];
  const widths = COLUMNS.map((column) => Math.max(...all.map((row) => row[column].length)));
  const line = (row: Row) =>
    COLUMNS.map((column, i) => row[column].padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(HEADERS), rule, ...rows.map(line)].join('\n');
}
