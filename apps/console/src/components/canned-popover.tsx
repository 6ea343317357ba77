import type { CannedResponse } from '@parley/protocol';

export interface CannedPopoverProps {
  items: readonly CannedResponse[];
  active: number;
  onPick(item: CannedResponse): void;
}

/** The `/` list above the composer. Keyboard stays in the textarea (aria-activedescendant). */
export function CannedPopover({ items, active, onPick }: CannedPopoverProps) {
  return (
    <ul class="canned-popover" role="listbox" id="canned-list" aria-label="Canned responses">
      {items.length === 0 && <li class="canned-empty">No canned response matches</li>}
      {items.map((item, index) => (
        <li
          key={item.id}
          id={`canned-${item.id}`}
          role="option"
          aria-selected={index === active}
          class={index === active ? 'canned-item is-active' : 'canned-item'}
          // mousedown, not click: the textarea keeps its focus and caret.
          onMouseDown={(event) => {
            event.preventDefault();
            onPick(item);
          }}
        >
          <span class="canned-shortcut">/{item.shortcut}</span> <span class="canned-title">{item.title}</span>
          {item.scope === 'personal' && <span class="canned-scope">personal</span>}
          <span class="canned-preview">{item.body}</span>
        </li>
      ))}
    </ul>
  );
}
