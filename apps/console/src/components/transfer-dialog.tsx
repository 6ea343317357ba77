import type { AgentPresence, ConversationSummary, Team } from '@parley/protocol';
import { useState } from 'preact/hooks';
import type { TransferTarget } from '../models/work-model';
import { Modal } from './modal';

export interface TransferDialogProps {
  conversation: ConversationSummary;
  agents: readonly AgentPresence[];
  teams: readonly Team[];
  onTransfer: (target: TransferTarget, note: string) => void;
  onClose: () => void;
}

/** Target values in the one select: "agent:<id>" or "team:<id>". */
function parseTarget(value: string): TransferTarget | null {
  const [kind, id] = value.split(':');
  if (!id) return null;
  if (kind === 'agent') return { agentId: id };
  if (kind === 'team') return { teamId: id };
  return null;
}

export function TransferDialog({ conversation, agents, teams, onTransfer, onClose }: TransferDialogProps) {
  const [target, setTarget] = useState('');
  const [note, setNote] = useState('');
  const others = agents.filter((agent) => agent.agentId !== conversation.assigneeId);
  const chosen = parseTarget(target);
  return (
    <Modal label="Transfer conversation" onClose={onClose}>
      <form
        class="dialog-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (chosen) onTransfer(chosen, note);
        }}
      >
        <h2>Transfer</h2>
        <label>
          <span>To</span>
          <select aria-label="Transfer to" value={target} onChange={(event) => setTarget(event.currentTarget.value)}>
            <option value="">Choose an agent or a team…</option>
            {others.length > 0 && (
              <optgroup label="Agents">
                {others.map((agent) => (
                  <option key={agent.agentId} value={`agent:${agent.agentId}`}>
                    {agent.name} — {agent.status}, {agent.load}/{agent.capacity}
                  </option>
                ))}
              </optgroup>
            )}
            {teams.length > 0 && (
              <optgroup label="Teams (to the queue)">
                {teams.map((team) => (
                  <option key={team.id} value={`team:${team.id}`}>
                    {team.name}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </label>
        <label>
          <span>Note for the colleague (optional, the visitor never sees it)</span>
          <textarea aria-label="Transfer note" rows={3} maxLength={2000} value={note} onInput={(event) => setNote(event.currentTarget.value)} />
        </label>
        <div class="dialog-actions">
          <button type="button" class="button-quiet" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" class="button-primary" disabled={!chosen}>
            Transfer
          </button>
        </div>
      </form>
    </Modal>
  );
}
