import type { ConversationSummary } from '@parley/protocol';
import type { ConversationModel } from '../models/conversation-model';
import { visitorLabel } from '../visitor-label';
import { Composer } from './composer';
import { Transcript } from './transcript';

export interface ConversationViewProps {
  model: ConversationModel;
  conversation: ConversationSummary | null;
  agentId: string;
  now: number;
}

export function ConversationView({ model, conversation, agentId, now }: ConversationViewProps) {
  const typing = model.visitorTyping.value;
  return (
    <section class="conversation" aria-label="Conversation" data-conversation-id={model.conversationId}>
      <header class="conversation-header">
        <h2>{conversation ? visitorLabel(conversation.visitor) : 'Conversation'}</h2>
        {conversation?.visitor.email && <span class="muted">{conversation.visitor.email}</span>}
        {conversation?.status === 'closed' && <span class="tag">Closed</span>}
      </header>
      <Transcript
        messages={model.messages.value}
        pending={model.pending.value}
        conversation={conversation}
        agentId={agentId}
        now={now}
        visitorTyping={typing}
        onDiscard={model.discard}
      />
      <p class="typing-indicator" aria-live="polite">
        {typing ? 'Visitor is typing…' : ''}
      </p>
      <Composer onSend={(body) => model.send(body) !== null} onTyping={model.typing} />
    </section>
  );
}
