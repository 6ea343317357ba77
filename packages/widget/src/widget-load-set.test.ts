import { describe, expect, it } from 'vitest';
import { fullWidgetFiles, importsOf, widgetLoadSet } from '../../../scripts/widget-load-set';

/** A dist/ as esbuild writes it (minified ESM), by file name. */
const DIST: Record<string, string> = {
  'widget.js': 'import{a as $}from"./chunk-A.js";export*from"./chunk-B.js";const l={fr:()=>import("./chat-strings-fr-1.js"),ar:()=>import("./chat-strings-ar-1.js")};document.onclick=()=>import("./attach-1.js");',
  'chunk-A.js': 'export const a=1;',
  'chunk-B.js': 'import"./chunk-A.js";export const b=2;',
  'attach-1.js': 'import{a}from"./chunk-A.js";import"./chunk-C.js";export const x=a;',
  'chunk-C.js': 'export const c=3;',
  'chat-strings-fr-1.js': 'export default{send:"Envoyer"};',
  'chat-strings-ar-1.js': 'import"./chunk-A.js";import"./chunk-ar.js";export default{send:"إرسال"};',
  'chunk-ar.js': 'export const rtl=!0;',
};
const read = (file: string) => DIST[file];

describe('widgetLoadSet', () => {
  it('follows static and lazy imports from the entry, keeping each language catalog apart with what only it adds', () => {
    const set = widgetLoadSet('widget.js', read);
    expect([...set.always].sort()).toEqual(['attach-1.js', 'chunk-A.js', 'chunk-B.js', 'chunk-C.js', 'widget.js']);
    expect(set.catalogs).toEqual([['chat-strings-ar-1.js', 'chunk-ar.js'], ['chat-strings-fr-1.js']]);
  });

  it('fails on an imported file missing from dist/ and on an import() of a computed name', () => {
    expect(() => widgetLoadSet('widget.js', (file) => (file === 'chunk-C.js' ? undefined : read(file)))).toThrow(/chunk-C\.js is imported but missing/);
    expect(() => importsOf('const f=n=>import(`./chat-strings-${n}.js`);', 'widget.js')).toThrow(/computed name/);
    expect(() => importsOf('import"https://cdn.example.com/x.js";', 'widget.js')).toThrow(/not a file beside it/);
  });

  it('does not take an import-looking string for an import', () => {
    expect(importsOf('const s="import(\\"./x.js\\")";', 'widget.js')).toEqual({ imports: [], dynamicImports: [] });
  });
});

describe('fullWidgetFiles', () => {
  it('counts everything always loaded plus the heaviest catalog with its own helpers', () => {
    const set = { always: ['widget.js', 'chunk-A.js'], catalogs: [['ar.js', 'rtl.js'], ['de.js']] };
    const gzip: Record<string, number> = { 'widget.js': 100, 'chunk-A.js': 10, 'ar.js': 30, 'rtl.js': 5, 'de.js': 33 };
    expect(fullWidgetFiles(set, (file) => gzip[file]!)).toEqual(['widget.js', 'chunk-A.js', 'ar.js', 'rtl.js']);
    expect(fullWidgetFiles({ always: ['widget.js'], catalogs: [] }, (file) => gzip[file]!)).toEqual(['widget.js']);
  });
});
