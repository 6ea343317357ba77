/**
 * WCAG 2.2 contrast (https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio) for the site's brand
 * colour: the widget uses it to choose readable text on the accent, and the console can use it
 * to warn a site owner whose colour cannot carry text at AA (4.5:1) either way.
 */

/** Near-black rather than pure black: the widget's own text colour, softer on bright brands. */
export const DARK_TEXT = '#111827';
export const LIGHT_TEXT = '#ffffff';

/** WCAG AA for normal-size text. */
export const AA_TEXT_CONTRAST = 4.5;

/** `#rgb` or `#rrggbb` to 0–255 channels; null for anything else. */
export function parseHexColor(color: string): [number, number, number] | null {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!match) return null;
  const hex = match[1]!.length === 3 ? [...match[1]!].map((digit) => digit + digit).join('') : match[1]!;
  return [0, 2, 4].map((at) => parseInt(hex.slice(at, at + 2), 16)) as [number, number, number];
}

/** Relative luminance of an sRGB colour, 0 (black) to 1 (white). */
export function relativeLuminance([r, g, b]: readonly [number, number, number]): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** Contrast ratio of two hex colours, 1 to 21; null if either is not a hex colour. */
export function contrastRatio(a: string, b: string): number | null {
  const ca = parseHexColor(a);
  const cb = parseHexColor(b);
  if (!ca || !cb) return null;
  const [light, dark] = [relativeLuminance(ca), relativeLuminance(cb)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** White or near-black, whichever reads better on `background`; null if it is not a hex colour. */
export function readableTextOn(background: string): typeof LIGHT_TEXT | typeof DARK_TEXT | null {
  const onLight = contrastRatio(background, LIGHT_TEXT);
  const onDark = contrastRatio(background, DARK_TEXT);
  if (onLight === null || onDark === null) return null;
  return onLight >= onDark ? LIGHT_TEXT : DARK_TEXT;
}
