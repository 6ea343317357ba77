/** Add and delete canned responses (team-shared or personal); they are used with `/` in the composer. */
import type { CannedScope } from '@parley/protocol';
import { useState } from 'preact/hooks';
import type { CannedModel } from '../models/canned-model';
import './tools.css';

export function CannedManager({ canned }: { canned: CannedModel }) {
  const [shortcut, setShortcut] = useState('');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [scope, setScope] = useState<CannedScope>('team');
  return (
    <details class="canned-manager">
      <summary>Canned responses</summary>
      <div class="canned-manager-panel">
        {canned.error.value && <p class="form-error">{canned.error.value}</p>}
        <ul class="canned-manager-list">
          {canned.responses.value.map((item) => (
            <li key={item.id}>
              <span class="canned-shortcut">/{item.shortcut}</span> {item.title} <span class="canned-scope">{item.scope}</span>{' '}
              <button type="button" class="tag-remove" aria-label={`Delete /${item.shortcut}`} onClick={() => void canned.remove(item.id)}>
                ×
              </button>
            </li>
          ))}
        </ul>
        <form
          class="canned-manager-form"
          onSubmit={async (event) => {
            event.preventDefault();
            if (await canned.create({ scope, shortcut: shortcut.trim().toLowerCase(), title: title.trim(), body })) {
              setShortcut('');
              setTitle('');
              setBody('');
            }
          }}
        >
          <input aria-label="Shortcut" placeholder="shortcut" pattern="[a-z0-9_-]{1,32}" required value={shortcut} onInput={(e) => setShortcut(e.currentTarget.value)} />
          <input aria-label="Title" placeholder="Title" required maxLength={120} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
          <textarea
            aria-label="Text"
            placeholder="Text — {{visitor.name}}, {{visitor.email}}, {{agent.name}} are filled in"
            required
            rows={3}
            value={body}
            onInput={(e) => setBody(e.currentTarget.value)}
          />
          <select aria-label="Shared with" value={scope} onChange={(e) => setScope(e.currentTarget.value as CannedScope)}>
            <option value="team">Whole team</option>
            <option value="personal">Only me</option>
          </select>
          <button type="submit" class="button-primary">
            Add
          </button>
        </form>
      </div>
    </details>
  );
}
