/**
 * Build step: esbuild minifies JavaScript but leaves Lit's html`` and css`` templates as written,
 * indentation and all (every byte of them is on a customer's page). So the widget's sources are
 * read with every line's indentation dropped (the newline is kept, so markup and code mean what
 * they meant: HTML and JS treat it as whitespace), and the css`` templates are squeezed further:
 * only the static text between `${}` holes, and only whitespace and comments, so the CSS means the same.
 */
import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';

/**
 * One stretch of CSS text (no `${}` inside). Also drops the quotes around an attribute selector's
 * value when it is an identifier (`[part='panel']` means `[part=panel]`), and the zero before a
 * decimal point (`0.25` is `.25`).
 */
export function minifyCss(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .replace(/\[([\w-]+)=(['"])([a-zA-Z_][\w-]*)\2\]/g, '[$1=$3]')
    .replace(/(^|[\s:,(])0\.(\d)/g, '$1.$2');
}

/** Minifies the text of every css`` template in a module's source, leaving its `${}` holes alone. */
export function minifyCssTemplates(source: string): string {
  return source.replace(/css`([^`]*)`/g, (_whole, body: string) => {
    const parts = body.split(/(\$\{[^}]*\})/);
    return `css\`${parts.map((part) => (part.startsWith('${') ? part : minifyCss(part))).join('').trim()}\``;
  });
}

export const squeezeTemplatesPlugin: Plugin = {
  name: 'parley-squeeze-templates',
  setup(build) {
    build.onLoad({ filter: /[\\/]widget[\\/]src[\\/][^\\/]+\.ts$/ }, async (args) => ({
      contents: minifyCssTemplates((await readFile(args.path, 'utf8')).replace(/\n[ \t]+/g, '\n')),
      loader: 'ts',
    }));
  },
};
