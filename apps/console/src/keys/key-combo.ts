/**
 * Key combos as written in the shortcut map: modifiers then a key, joined by "+"
 * ("Alt+ArrowDown", "Mod+k", "?"). "Mod" is Cmd on Apple platforms and Ctrl elsewhere.
 */
export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

const MODIFIERS = ['Mod', 'Ctrl', 'Meta', 'Alt', 'Shift'] as const;

export function matchesCombo(event: KeyLike, combo: string, apple: boolean): boolean {
  const parts = combo.split('+');
  const key = parts.pop()!;
  const wanted = new Set(parts);
  const ctrl = wanted.has('Ctrl') || (wanted.has('Mod') && !apple);
  const meta = wanted.has('Meta') || (wanted.has('Mod') && apple);
  const alt = wanted.has('Alt');
  if (event.ctrlKey !== ctrl || event.metaKey !== meta || event.altKey !== alt) return false;
  // A printable key already says whether Shift was down ("?" is Shift+/): check Shift only for named keys.
  const printable = key.length === 1;
  if (!printable && event.shiftKey !== wanted.has('Shift')) return false;
  return event.key.length === 1 ? event.key.toLowerCase() === key.toLowerCase() : event.key === key;
}

/** How a combo reads in the help sheet and the palette on this platform. */
export function comboLabel(combo: string, apple: boolean): string {
  return combo
    .split('+')
    .map((part) => {
      if (part === 'Mod') return apple ? '⌘' : 'Ctrl';
      if (part === 'ArrowDown') return '↓';
      if (part === 'ArrowUp') return '↑';
      if (part === 'Escape') return 'Esc';
      return part;
    })
    .join(apple ? '' : '+');
}

export function hasModifier(combo: string): boolean {
  return MODIFIERS.some((modifier) => combo.startsWith(`${modifier}+`) || combo.includes(`+${modifier}+`));
}
