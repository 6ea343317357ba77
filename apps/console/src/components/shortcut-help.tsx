import { Fragment } from 'preact';
import { comboLabel } from '../keys/key-combo';
import { SHORTCUTS } from '../keys/shortcut-map';
import { Modal } from './modal';

/** `?`: every shortcut, whether or not it applies right now. */
export function ShortcutHelp({ apple, onClose }: { apple: boolean; onClose: () => void }) {
  return (
    <Modal label="Keyboard shortcuts" onClose={onClose}>
      <div class="dialog-form">
        <h2>Keyboard shortcuts</h2>
        <dl class="shortcut-list">
          {SHORTCUTS.map((shortcut) => (
            <div key={shortcut.id} class="shortcut-row">
              <dt>
                {shortcut.combos.map((combo, i) => (
                  <Fragment key={combo}>
                    {i > 0 && ' or '}
                    <kbd>{comboLabel(combo, apple)}</kbd>
                  </Fragment>
                ))}
              </dt>
              <dd>{shortcut.label}</dd>
            </div>
          ))}
        </dl>
        <div class="dialog-actions">
          <button type="button" class="button-primary" onClick={onClose}>
            Done
          </button>
        </div>
      </div>
    </Modal>
  );
}
