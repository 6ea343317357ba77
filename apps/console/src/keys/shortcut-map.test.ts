import { describe, expect, it } from 'vitest';
import { comboLabel, matchesCombo, type KeyLike } from './key-combo';
import { commandFor, filterCommands, SHORTCUTS } from './shortcut-map';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});
const body = { tagName: 'BODY' };
const textarea = { tagName: 'TEXTAREA' };

describe('key combos', () => {
  it('reads Mod as Cmd on Apple platforms and Ctrl elsewhere', () => {
    expect(matchesCombo(key('k', { ctrlKey: true }), 'Mod+k', false)).toBe(true);
    expect(matchesCombo(key('k', { metaKey: true }), 'Mod+k', false)).toBe(false);
    expect(matchesCombo(key('k', { metaKey: true }), 'Mod+k', true)).toBe(true);
    expect(matchesCombo(key('K', { ctrlKey: true, shiftKey: true }), 'Mod+k', false)).toBe(true);
  });

  it('needs the exact modifiers for named keys', () => {
    expect(matchesCombo(key('ArrowDown', { altKey: true }), 'Alt+ArrowDown', false)).toBe(true);
    expect(matchesCombo(key('ArrowDown'), 'Alt+ArrowDown', false)).toBe(false);
    expect(matchesCombo(key('ArrowDown', { altKey: true, shiftKey: true }), 'Alt+ArrowDown', false)).toBe(false);
  });

  it('takes "?" as typed, whatever Shift it needed on this keyboard', () => {
    expect(matchesCombo(key('?', { shiftKey: true }), '?', false)).toBe(true);
    expect(matchesCombo(key('j', { ctrlKey: true }), 'j', false)).toBe(false);
  });

  it('labels combos for the platform', () => {
    expect(comboLabel('Mod+k', true)).toBe('⌘k');
    expect(comboLabel('Mod+k', false)).toBe('Ctrl+k');
    expect(comboLabel('Alt+ArrowDown', false)).toBe('Alt+↓');
  });
});

describe('shortcut map', () => {
  it('maps the documented keys to commands', () => {
    expect(commandFor(key('j'), body, false)).toBe('next');
    expect(commandFor(key('k'), body, false)).toBe('previous');
    expect(commandFor(key('ArrowDown', { altKey: true }), body, false)).toBe('next');
    expect(commandFor(key('ArrowUp', { altKey: true }), body, false)).toBe('previous');
    expect(commandFor(key('r'), body, false)).toBe('focus-composer');
    expect(commandFor(key('e'), body, false)).toBe('close');
    expect(commandFor(key('t'), body, false)).toBe('transfer');
    expect(commandFor(key('k', { ctrlKey: true }), body, false)).toBe('palette');
    expect(commandFor(key('?', { shiftKey: true }), body, false)).toBe('help');
    expect(commandFor(key('x'), body, false)).toBeNull();
  });

  it('lets plain letters be typing inside a text field, but keeps combos with modifiers', () => {
    expect(commandFor(key('j'), textarea, false)).toBeNull();
    expect(commandFor(key('?', { shiftKey: true }), { tagName: 'input' }, false)).toBeNull();
    expect(commandFor(key('e'), { isContentEditable: true }, false)).toBeNull();
    expect(commandFor(key('k', { ctrlKey: true }), textarea, false)).toBe('palette');
    expect(commandFor(key('ArrowDown', { altKey: true }), textarea, false)).toBe('next');
  });

  it('binds no key twice', () => {
    const combos = SHORTCUTS.flatMap((s) => s.combos);
    expect(new Set(combos).size).toBe(combos.length);
  });

  it('filters palette commands by word prefixes', () => {
    const labels = (query: string) => filterCommands(SHORTCUTS, query).map((s) => s.label);
    expect(labels('clo')).toEqual(['Close conversation', 'Show Closed']);
    expect(labels('next conv')).toEqual(['Next conversation']);
    expect(labels('')).toHaveLength(SHORTCUTS.length);
    expect(labels('zzz')).toEqual([]);
  });
});
