import type { AgentPresence, ConversationSummary } from '@parley/protocol';
import type { TransferNote } from '../models/work-model';

export interface HolderBannerProps {
  conversation: ConversationSummary;
  agentId: string;
  agents: readonly AgentPresence[];
  transfer: TransferNote | null;
}

/** Who holds the conversation (or that it waits in the queue), and the note of a transfer to us. */
export function HolderBanner({ conversation, agentId, agents, transfer }: HolderBannerProps) {
  const nameOf = (id: string | null) => (id ? (agents.find((a) => a.agentId === id)?.name ?? 'another agent') : 'someone');
  const mine = conversation.assigneeId === agentId;
  let holder: string | null = null;
  if (conversation.status === 'open' && conversation.assigneeId === null) holder = 'Waiting in the queue: claim it to answer.';
  else if (conversation.assigneeId !== null && !mine) {
    holder = `Assigned to ${nameOf(conversation.assigneeId)}. You are watching; the visitor does not see you.`;
  }
  const note = mine && transfer ? transfer : null;
  if (!holder && !note) return null;
  return (
    <div class="holder-banner" role="status">
      {holder && <p class="holder">{holder}</p>}
      {note && (
        <p class="transfer-note">
          Transferred to you by {nameOf(note.byAgentId)}
          {note.note ? <>: “{note.note}”</> : '.'}
        </p>
      )}
    </div>
  );
}
