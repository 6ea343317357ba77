import type { AgentProfile, ConversationSummary } from '@parley/protocol';
import { availableActions } from '../models/commands';
import type { UiModel } from '../models/ui-model';
import type { WorkModel } from '../models/work-model';

export interface ConversationActionsProps {
  conversation: ConversationSummary;
  agent: Pick<AgentProfile, 'id' | 'role'>;
  work: Pick<WorkModel, 'claim' | 'unassign' | 'close' | 'reopen'>;
  ui: Pick<UiModel, 'open'>;
}

/** The header buttons: only those that apply to this conversation and this agent's role. */
export function ConversationActions({ conversation, agent, work, ui }: ConversationActionsProps) {
  const can = availableActions(conversation, agent);
  const id = conversation.id;
  const takeOver = conversation.assigneeId !== null;
  return (
    <div class="conversation-actions" role="toolbar" aria-label="Conversation actions">
      {can.claim && (
        <button type="button" class="button-primary" onClick={() => work.claim(id)}>
          {takeOver ? 'Take over' : 'Claim'}
        </button>
      )}
      {can.transfer && (
        <button type="button" class="button-quiet" onClick={() => ui.open('transfer')}>
          Transfer
        </button>
      )}
      {can.unassign && (
        <button type="button" class="button-quiet" onClick={() => work.unassign(id)}>
          Unassign
        </button>
      )}
      {can.snooze && (
        <button type="button" class="button-quiet" onClick={() => ui.open('snooze')}>
          Snooze
        </button>
      )}
      {can.close && (
        <button type="button" class="button-quiet" onClick={() => work.close(id)}>
          Close
        </button>
      )}
      {can.reopen && (
        <button type="button" class="button-quiet" onClick={() => work.reopen(id)}>
          Reopen
        </button>
      )}
    </div>
  );
}
