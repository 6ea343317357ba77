import { hasModifier, matchesCombo, type KeyLike } from './key-combo';

/** Everything the keyboard can do in the console. Each is also a command in the palette. */
export const COMMAND_IDS = [
  'next',
  'previous',
  'focus-composer',
  'assign',
  'close',
  'reopen',
  'transfer',
  'snooze',
  'view-mine',
  'view-queue',
  'view-all',
  'view-snoozed',
  'view-closed',
  'palette',
  'help',
] as const;
export type CommandId = (typeof COMMAND_IDS)[number];

export interface Shortcut {
  id: CommandId;
  label: string;
  combos: readonly string[];
}

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'next', label: 'Next conversation', combos: ['j', 'Alt+ArrowDown'] },
  { id: 'previous', label: 'Previous conversation', combos: ['k', 'Alt+ArrowUp'] },
  { id: 'focus-composer', label: 'Write a reply', combos: ['r'] },
  { id: 'assign', label: 'Assign to me (claim)', combos: ['a'] },
  { id: 'close', label: 'Close conversation', combos: ['e'] },
  { id: 'reopen', label: 'Reopen conversation', combos: ['o'] },
  { id: 'transfer', label: 'Transfer…', combos: ['t'] },
  { id: 'snooze', label: 'Snooze…', combos: ['s'] },
  { id: 'view-mine', label: 'Show Mine', combos: ['1'] },
  { id: 'view-queue', label: 'Show Unassigned', combos: ['2'] },
  { id: 'view-all', label: 'Show All', combos: ['3'] },
  { id: 'view-snoozed', label: 'Show Snoozed', combos: ['4'] },
  { id: 'view-closed', label: 'Show Closed', combos: ['5'] },
  { id: 'palette', label: 'Command palette', combos: ['Mod+k'] },
  { id: 'help', label: 'Keyboard shortcuts', combos: ['?'] },
];

/** Where the key was pressed: in a text field plain letters are typing, not commands. */
export interface KeyTarget {
  tagName?: string;
  isContentEditable?: boolean;
}

export function isTypingTarget(target: KeyTarget | null): boolean {
  if (!target) return false;
  const tag = target.tagName?.toUpperCase();
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable === true;
}

/**
 * The command a key press stands for, or null. While typing in a field only combos with a
 * modifier count (Ctrl/Cmd+K opens the palette from the composer; "j" is just a letter there).
 */
export function commandFor(
  event: KeyLike,
  target: KeyTarget | null,
  apple: boolean,
  shortcuts: readonly Shortcut[] = SHORTCUTS,
): CommandId | null {
  const typing = isTypingTarget(target);
  for (const shortcut of shortcuts) {
    for (const combo of shortcut.combos) {
      if (typing && !hasModifier(combo)) continue;
      if (matchesCombo(event, combo, apple)) return shortcut.id;
    }
  }
  return null;
}

/** Palette search: every word of the query must start a word of the label (case-insensitive). */
export function filterCommands<T extends { label: string }>(commands: readonly T[], query: string): T[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...commands];
  return commands.filter((command) => {
    const labelWords = command.label.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
    return words.every((word) => labelWords.some((labelWord) => labelWord.startsWith(word)));
  });
}
