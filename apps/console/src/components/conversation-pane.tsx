import { useEffect, useMemo } from 'preact/hooks';
import { useDesk, useSession } from '../model-context';
import { createConversationModel } from '../models/conversation-model';
import { ConversationView } from './conversation-view';

/** Owns the model of the open conversation: one per id (render it with key={id}), disposed on close. */
export function ConversationPane({ conversationId }: { conversationId: string }) {
  const { client, inbox, now } = useDesk();
  const session = useSession();
  const model = useMemo(() => createConversationModel(client, conversationId), [client, conversationId]);
  useEffect(() => () => model.dispose(), [model]);
  return (
    <ConversationView
      model={model}
      conversation={inbox.selected.value}
      agentId={session.agent.value?.id ?? ''}
      now={now.value}
    />
  );
}
