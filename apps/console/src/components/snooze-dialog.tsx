import { useState } from 'preact/hooks';
import { parseLocalDateTime, snoozeChoices } from '../models/snooze-choices';
import { Modal } from './modal';

export function SnoozeDialog({ onSnooze, onClose }: { onSnooze: (until: Date | null) => void; onClose: () => void }) {
  const [custom, setCustom] = useState('');
  const now = new Date();
  const customUntil = parseLocalDateTime(custom, now);
  return (
    <Modal label="Snooze conversation" onClose={onClose}>
      <div class="dialog-form">
        <h2>Snooze</h2>
        <ul class="choice-list">
          {snoozeChoices(now).map((choice) => (
            <li key={choice.label}>
              <button type="button" class="choice" onClick={() => onSnooze(choice.until)}>
                {choice.label}
              </button>
            </li>
          ))}
        </ul>
        <form
          class="snooze-custom"
          onSubmit={(event) => {
            event.preventDefault();
            if (customUntil) onSnooze(customUntil);
          }}
        >
          <label>
            <span>Until</span>
            <input type="datetime-local" aria-label="Snooze until" value={custom} onInput={(event) => setCustom(event.currentTarget.value)} />
          </label>
          <button type="submit" class="button-primary" disabled={!customUntil}>
            Snooze
          </button>
        </form>
      </div>
    </Modal>
  );
}
