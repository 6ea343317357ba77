import { useState } from 'preact/hooks';
import { comboLabel } from '../keys/key-combo';
import { filterCommands } from '../keys/shortcut-map';
import type { Command } from '../models/commands';
import { Modal } from './modal';

export interface CommandPaletteProps {
  commands: readonly Command[];
  apple: boolean;
  onClose: () => void;
}

/** Ctrl/Cmd+K: type to filter the actions that apply now, arrows to move, Enter to run. */
export function CommandPalette({ commands, apple, onClose }: CommandPaletteProps) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const shown = filterCommands(
    commands.filter((command) => command.id !== 'palette'),
    query,
  );
  const index = Math.min(active, Math.max(0, shown.length - 1));
  const run = (command: Command | undefined) => {
    if (!command) return;
    onClose();
    command.run();
  };
  return (
    <Modal label="Command palette" onClose={onClose}>
      <div class="palette">
        <input
          type="text"
          class="palette-input"
          aria-label="Command"
          placeholder="Type a command…"
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          value={query}
          onInput={(event) => {
            setQuery(event.currentTarget.value);
            setActive(0);
          }}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown') setActive(Math.min(index + 1, shown.length - 1));
            else if (event.key === 'ArrowUp') setActive(Math.max(index - 1, 0));
            else if (event.key === 'Enter') run(shown[index]);
            else return;
            event.preventDefault();
          }}
        />
        <ul id="palette-list" role="listbox" class="palette-list">
          {shown.map((command, i) => (
            <li
              key={command.id}
              role="option"
              aria-selected={i === index}
              class="palette-item"
              onClick={() => run(command)}
              onMouseEnter={() => setActive(i)}
            >
              <span>{command.label}</span>
              <kbd>{comboLabel(command.combos[0] ?? '', apple)}</kbd>
            </li>
          ))}
          {shown.length === 0 && <li class="empty">No command matches.</li>}
        </ul>
      </div>
    </Modal>
  );
}
