/**
 * Build step: esbuild minifies JavaScript but leaves the CSS inside Lit's css`` templates as
 * written, indentation and all. This squeezes those templates in the widget's *.styles.ts files
 * (every byte of them is on a customer's page). Only the static text between `${}` holes is
 * touched, and only whitespace and comments go: the CSS means the same.
 */
import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';

/** One stretch of CSS text (no `${}` inside). */
export function minifyCss(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}');
}

/** Minifies the text of every css`` template in a module's source, leaving its `${}` holes alone. */
export function minifyCssTemplates(source: string): string {
  return source.replace(/css`([^`]*)`/g, (_whole, body: string) => {
    const parts = body.split(/(\$\{[^}]*\})/);
    return `css\`${parts.map((part) => (part.startsWith('${') ? part : minifyCss(part))).join('').trim()}\``;
  });
}

export const cssMinifyPlugin: Plugin = {
  name: 'parley-css-minify',
  setup(build) {
    build.onLoad({ filter: /\.styles\.ts$/ }, async (args) => ({
      contents: minifyCssTemplates(await readFile(args.path, 'utf8')),
      loader: 'ts',
    }));
  },
};
