/**
 * docs/protocol.md is written for integrators, by hand; this keeps it from drifting from the
 * contract: every frame's JSON example must be exactly the one in examples.ts, in the section of
 * its direction, and the error registry and limits tables must match light.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { consoleToRelayExamples, relayToConsoleExamples, relayToWidgetExamples, widgetToRelayExamples } from './examples';
import { ERROR_CODES, ERRORS, LIMITS } from './light';

const doc = readFileSync(new URL('../../../docs/protocol.md', import.meta.url), 'utf8');

const sections = [
  ['### Visitor -> relay', widgetToRelayExamples],
  ['### Relay -> visitor', relayToWidgetExamples],
  ['### Agent -> relay', consoleToRelayExamples],
  ['### Relay -> agent', relayToConsoleExamples],
] as const;

/** The lines under a heading line (e.g. `### Agent -> relay`), up to the next heading of its level or higher. */
function sectionLines(markdown: string, heading: string): string[] {
  const lines = markdown.split('\n');
  const starts = lines.flatMap((line, index) => (line.trimEnd() === heading ? [index] : []));
  if (starts.length !== 1) throw new Error(`expected one "${heading}" section, found ${starts.length}`);
  const level = heading.indexOf(' ');
  const rest = lines.slice(starts[0]! + 1);
  const end = rest.findIndex((line) => new RegExp(`^#{1,${level}} `).test(line));
  return end === -1 ? rest : rest.slice(0, end);
}

/** The names of the `#### name` headings of a section. */
function frameHeadings(lines: string[]): string[] {
  return lines.filter((line) => line.startsWith('#### ')).map((line) => line.slice(5).trim());
}

/** The value of the ```json block that directly follows `#### type` (blank lines aside). */
function exampleUnder(lines: string[], type: string): unknown {
  const heading = lines.findIndex((line) => line.trimEnd() === `#### ${type}`);
  if (heading === -1) throw new Error(`no "#### ${type}" heading`);
  let open = heading + 1;
  while (open < lines.length && lines[open]!.trim() === '') open++;
  if (lines[open]?.trim() !== '```json') throw new Error(`"#### ${type}" is not directly followed by a \`\`\`json block`);
  const close = lines.findIndex((line, index) => index > open && line.trim() === '```');
  if (close === -1) throw new Error(`the json block under "#### ${type}" is not closed`);
  return JSON.parse(lines.slice(open + 1, close).join('\n'));
}

/** The cells of the table rows whose first cell is a backticked name, keyed by that name. */
function tableRows(lines: string[]): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of lines) {
    const match = /^\| `([\w.]+)` \|(.*)\|\s*$/.exec(line);
    if (match) rows.set(match[1]!, match[2]!.split('|').map((cell) => cell.trim()));
  }
  return rows;
}

describe('the helpers read what they are given', () => {
  const sample = ['### Visitor -> relay', '', '#### ping', '', '```json', '{ "type": "ping", "ts": 2 }', '```', '### Next'].join('\n');

  it('finds a changed example as changed', () => {
    const lines = sectionLines(sample, '### Visitor -> relay');
    expect(exampleUnder(lines, 'ping')).toStrictEqual({ type: 'ping', ts: 2 });
    expect(exampleUnder(lines, 'ping')).not.toStrictEqual(widgetToRelayExamples.ping);
  });

  it('refuses a heading without a json block right under it, and a missing heading', () => {
    const lines = sectionLines(sample.replace('#### ping\n', '#### ping\nSome prose first.\n'), '### Visitor -> relay');
    expect(() => exampleUnder(lines, 'ping')).toThrow(/not directly followed/);
    expect(() => exampleUnder(lines, 'pong')).toThrow(/no "#### pong" heading/);
    expect(() => sectionLines(sample, '### Relay -> agent')).toThrow(/found 0/);
  });
});

describe.each(sections)('docs/protocol.md, %s', (title, examples) => {
  const lines = sectionLines(doc, title);

  it('has a heading for every frame of its direction and no other', () => {
    expect([...frameHeadings(lines)].sort()).toEqual(Object.keys(examples).sort());
  });

  it.each(Object.entries(examples))('shows exactly the examples.ts object for %s', (type, example) => {
    expect(exampleUnder(lines, type)).toStrictEqual(example);
  });
});

describe('docs/protocol.md, errors and limits', () => {
  const registry = tableRows(sectionLines(doc, '### 5.2 The error registry'));
  const limits = tableRows(sectionLines(doc, '## 7. Limits'));

  it.each(ERROR_CODES)('has a registry row for %s with its status, close code, retryability and message', (code) => {
    const spec = ERRORS[code] as { status: number; retryable: boolean; message: string; closeCode?: number };
    const row = registry.get(code);
    expect(row, `no table row for ${code}`).toBeDefined();
    const [status, close, retryable, message] = row!;
    expect(status).toBe(String(spec.status));
    expect(close).toBe(spec.closeCode === undefined ? '–' : String(spec.closeCode));
    expect(retryable).toBe(spec.retryable ? 'yes' : 'no');
    expect(message).toBe(spec.message);
  });

  it.each(Object.keys(LIMITS))('lists LIMITS.%s', (key) => {
    expect(limits.has(`LIMITS.${key}`), `no table row for LIMITS.${key}`).toBe(true);
  });
});
