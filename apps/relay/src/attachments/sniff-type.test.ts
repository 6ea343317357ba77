import { describe, expect, it } from 'vitest';
import { cleanFileName, contentDisposition } from './file-name';
import { isPreviewable, sniffType } from './sniff-type';

const bytes = (...values: Array<number | string>) =>
  Uint8Array.from(values.flatMap((value) => (typeof value === 'string' ? [...value].map((c) => c.charCodeAt(0)) : [value])));

describe('sniffType', () => {
  it.each([
    ['image/png', bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13)],
    ['image/jpeg', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 'JFIF', 0)],
    ['image/gif', bytes('GIF89a', 1, 0, 1, 0, 0, 0)],
    ['image/gif', bytes('GIF87a', 1, 0, 1, 0, 0, 0)],
    ['image/webp', bytes('RIFF', 0x24, 0, 0, 0, 'WEBPVP8 ')],
    ['application/pdf', bytes('%PDF-1.7\n%âãÏÓ')],
  ])('recognises %s from its first bytes', (type, head) => {
    expect(sniffType(head)).toBe(type);
  });

  it.each([
    ['SVG (scripts inside)', bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>')],
    ['HTML', bytes('<!doctype html><script>alert(1)</script>')],
    ['a Windows executable', bytes('MZ', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0)],
    ['a ZIP', bytes('PK', 3, 4, 20, 0, 0, 0, 8, 0, 0, 0)],
    ['a RIFF that is not WebP (WAV)', bytes('RIFF', 0x24, 0, 0, 0, 'WAVEfmt ')],
    ['a truncated PNG signature', bytes(0x89, 'PNG')],
    ['nothing', bytes()],
  ])('refuses %s', (_what, head) => {
    expect(sniffType(head)).toBeNull();
  });

  it('previews images only', () => {
    expect(isPreviewable('image/png')).toBe(true);
    expect(isPreviewable('image/webp')).toBe(true);
    expect(isPreviewable('application/pdf')).toBe(false);
    expect(isPreviewable('image/svg+xml')).toBe(false);
  });
});

describe('file names', () => {
  it('keeps the last path segment without control or direction-override characters', () => {
    expect(cleanFileName('C:\\Users\\ada\\report.pdf')).toBe('report.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('invoice\u202egnp.exe')).toBe('invoicegnp.exe');
    expect(cleanFileName('a\u0000b\nc.png')).toBe('abc.png');
    expect(cleanFileName('   ')).toBe('file');
    expect(cleanFileName(undefined)).toBe('file');
  });

  it('cuts long names to 200 characters, keeping the extension', () => {
    const cut = cleanFileName(`${'x'.repeat(300)}.jpeg`);
    expect(cut).toHaveLength(200);
    expect(cut.endsWith('.jpeg')).toBe(true);
  });

  it('puts any name into Content-Disposition without breaking out of the header', () => {
    expect(contentDisposition('attachment', 'a "b"\\c.pdf')).toBe(`attachment; filename="a _b__c.pdf"; filename*=UTF-8''a%20%22b%22%5Cc.pdf`);
    expect(contentDisposition('inline', 'фото.png')).toBe(`inline; filename="____.png"; filename*=UTF-8''%D1%84%D0%BE%D1%82%D0%BE.png`);
  });
});
