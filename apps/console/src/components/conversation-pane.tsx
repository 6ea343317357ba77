import { useEffect, useMemo } from 'preact/hooks';
import { useDesk } from '../model-context';
import { createConversationModel } from '../models/conversation-model';
import { ConversationActions } from './conversation-actions';
import { ConversationView } from './conversation-view';
import { HolderBanner } from './holder-banner';
import { SnoozeDialog } from './snooze-dialog';
import { TransferDialog } from './transfer-dialog';

/** Owns the model of the open conversation: one per id (render it with key={id}), disposed on close. */
export function ConversationPane({ conversationId }: { conversationId: string }) {
  const { client, inbox, work, ui, agent, now } = useDesk();
  const model = useMemo(
    () =>
      createConversationModel(client, conversationId, {
        // Read receipts come from the agent who holds it, reading it now: not from someone watching.
        canMarkRead: () => document.visibilityState === 'visible' && inbox.selected.peek()?.assigneeId === agent.id,
      }),
    [client, conversationId],
  );
  useEffect(() => () => model.dispose(), [model]);
  const conversation = inbox.selected.value;
  // Back to the tab, or the conversation just became ours: what is on screen is read now.
  useEffect(() => {
    const onVisible = () => model.markRead();
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [model]);
  useEffect(() => model.markRead(), [model, conversation?.assigneeId]);
  const dialog = ui.dialog.value;
  // Someone else holds it: the agent (a supervisor, or a colleague looking in) watches without joining.
  const watching = conversation !== null && conversation.assigneeId !== null && conversation.assigneeId !== agent.id;
  return (
    <>
      <ConversationView
        model={model}
        conversation={conversation}
        agentId={agent.id}
        now={now.value}
        watching={watching}
        composerFocus={ui.composerFocus.value}
        actions={conversation && <ConversationActions conversation={conversation} agent={agent} work={work} ui={ui} />}
        banner={
          conversation && (
            <HolderBanner
              conversation={conversation}
              agentId={agent.id}
              agents={work.agents.value}
              transfer={work.transferNotes.value.get(conversation.id) ?? null}
            />
          )
        }
      />
      {conversation && dialog === 'transfer' && (
        <TransferDialog
          conversation={conversation}
          agents={work.agents.value}
          teams={work.teams.value}
          onClose={ui.close}
          onTransfer={(target, note) => {
            work.transfer(conversation.id, target, note);
            ui.close();
          }}
        />
      )}
      {conversation && dialog === 'snooze' && (
        <SnoozeDialog
          onClose={ui.close}
          onSnooze={(until) => {
            work.snooze(conversation.id, until);
            ui.close();
          }}
        />
      )}
    </>
  );
}
