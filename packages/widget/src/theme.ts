/** A colour scheme the site fixes with `data-theme` on the loader script; without it the widget follows the visitor's `prefers-color-scheme`. */
export type Theme = 'light' | 'dark';

/** The loader's `data-theme` value, if it names a theme; anything else means "follow the visitor". */
export function parseTheme(value: string | null | undefined): Theme | undefined {
  return value === 'light' || value === 'dark' ? value : undefined;
}
