import type { ComponentChildren } from 'preact';
import type { ConversationSummary } from '@parley/protocol';
import type { ConversationModel } from '../models/conversation-model';
import { visitorLabel } from '../visitor-label';
import { Composer } from './composer';
import { ToolsComposer } from './tools-composer';
import { useTools } from './tools-context';
import { VisitorSidebar } from './visitor-sidebar';
import { Transcript } from './transcript';

export interface ConversationViewProps {
  model: ConversationModel;
  conversation: ConversationSummary | null;
  agentId: string;
  now: number;
  /** Header buttons (claim, transfer, close …). */
  actions?: ComponentChildren;
  /** Shown above the transcript: who holds it, a transfer note. */
  banner?: ComponentChildren;
  /** Watching someone else's conversation: the transcript without a composer. */
  watching?: boolean;
  /** Bumped to move focus into the composer. */
  composerFocus?: number;
}

export function ConversationView(props: ConversationViewProps) {
  const { model, conversation, agentId, now, actions, banner, watching = false, composerFocus } = props;
  const typing = model.visitorTyping.value;
  const tools = useTools();
  const view = (
    <section class="conversation" aria-label="Conversation" data-conversation-id={model.conversationId}>
      <header class="conversation-header">
        <h2>{conversation ? visitorLabel(conversation.visitor) : 'Conversation'}</h2>
        {conversation?.visitor.email && <span class="muted">{conversation.visitor.email}</span>}
        {conversation?.status === 'closed' && <span class="tag">Closed</span>}
        {conversation?.status === 'snoozed' && <span class="tag">Snoozed</span>}
        <span class="spacer" />
        {actions}
      </header>
      {banner}
      <Transcript
        messages={model.messages.value}
        pending={model.pending.value}
        conversation={conversation}
        agentId={agentId}
        now={now}
        visitorTyping={typing}
        visitorMarks={model.visitorMarks.value}
        onDiscard={model.discard}
      />
      <p class="typing-indicator" aria-live="polite">
        {typing ? 'Visitor is typing…' : ''}
      </p>
      {!watching &&
        (tools ? (
          <ToolsComposer
            conversationId={model.conversationId}
            conversation={conversation}
            tools={tools}
            onSend={(body) => model.send(body) !== null}
            onTyping={model.typing}
            {...(composerFocus !== undefined ? { focusRequest: composerFocus } : {})}
          />
        ) : (
          <Composer
            onSend={(body) => model.send(body) !== null}
            onTyping={model.typing}
            {...(composerFocus !== undefined ? { focusRequest: composerFocus } : {})}
          />
        ))}
    </section>
  );
  if (!tools || !conversation) return view;
  return (
    <div class="conversation-with-context">
      {view}
      <VisitorSidebar conversation={conversation} tools={tools} now={now} />
    </div>
  );
}
