/**
 * docs/benchmarks.md is shared with the load benchmark: this bench owns only the text between its
 * two markers, and leaves every other byte of the file as it found it.
 */
export const SECTION_START = '<!-- page-impact:start -->';
export const SECTION_END = '<!-- page-impact:end -->';

export function replaceSection(document: string | null, section: string): string {
  const block = `${SECTION_START}\n${section.trim()}\n${SECTION_END}`;
  if (document === null || document.length === 0) return `${block}\n`;
  const start = document.indexOf(SECTION_START);
  const end = document.indexOf(SECTION_END, start);
  if (start === -1 || end === -1) return `${document.replace(/\n*$/, '\n\n')}${block}\n`;
  return document.slice(0, start) + block + document.slice(end + SECTION_END.length);
}
