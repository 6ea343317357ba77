import { commandFor, type CommandId, type KeyTarget } from './shortcut-map';

/** Whether Cmd (not Ctrl) is the command modifier here. */
export function isApplePlatform(nav: { platform?: string; userAgent?: string } = navigator): boolean {
  return /Mac|iPhone|iPad/.test(nav.platform || nav.userAgent || '');
}

/**
 * Listens for shortcut keys on a target (the document) and runs the command they stand for.
 * `resolve` returns what a command does right now, or null when it does not apply (the key then
 * keeps its ordinary meaning).
 */
export function bindShortcuts(
  target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>,
  resolve: (id: CommandId) => (() => void) | null,
  options: { apple: boolean; paused: () => boolean },
): () => void {
  const listener = (event: Event) => {
    const key = event as KeyboardEvent;
    if (key.defaultPrevented || key.isComposing || options.paused()) return;
    const id = commandFor(key, key.target as KeyTarget | null, options.apple);
    if (!id) return;
    const run = resolve(id);
    if (!run) return;
    key.preventDefault();
    run();
  };
  target.addEventListener('keydown', listener);
  return () => target.removeEventListener('keydown', listener);
}
