import type { AgentProfile, ConversationSummary } from '@parley/protocol';
import { SHORTCUTS, type CommandId } from '../keys/shortcut-map';
import type { InboxModel } from './inbox-model';
import type { UiModel } from './ui-model';
import type { WorkModel } from './work-model';

export interface Command {
  id: CommandId;
  label: string;
  combos: readonly string[];
  run(): void;
}

/** Supervisors and admins may act on conversations other agents hold. */
export function mayActOnAny(agent: Pick<AgentProfile, 'role'>): boolean {
  return agent.role === 'admin' || agent.role === 'supervisor';
}

/** Which actions make sense for a conversation and this agent right now (the relay decides for real). */
export function availableActions(conversation: ConversationSummary | null, agent: Pick<AgentProfile, 'id' | 'role'>) {
  const none = { claim: false, transfer: false, unassign: false, close: false, reopen: false, snooze: false };
  if (!conversation) return none;
  const mine = conversation.assigneeId === agent.id;
  const unassigned = conversation.assigneeId === null;
  const mayHandle = mine || unassigned || mayActOnAny(agent);
  const live = conversation.status !== 'closed';
  return {
    claim: live && !mine && (unassigned || mayActOnAny(agent)),
    transfer: live && mayHandle,
    unassign: live && !unassigned && (mine || mayActOnAny(agent)),
    close: live && mayHandle,
    reopen: conversation.status === 'closed',
    snooze: conversation.status === 'open' && mayHandle,
  };
}

/**
 * The palette's and the keyboard's commands for the current state. Commands that cannot apply
 * (no conversation open, already closed) are left out, so the palette lists only what works.
 */
export function commandsFor(
  { inbox, work, ui, agent }: { inbox: InboxModel; work: WorkModel; ui: UiModel; agent: AgentProfile },
): Command[] {
  const conversation = inbox.selected.value;
  const can = availableActions(conversation, agent);
  const id = conversation?.id;
  const runs: Partial<Record<CommandId, () => void>> = {
    next: () => inbox.step(1),
    previous: () => inbox.step(-1),
    'view-mine': () => inbox.setView('mine'),
    'view-queue': () => inbox.setView('queue'),
    'view-all': () => inbox.setView('all'),
    'view-snoozed': () => inbox.setView('snoozed'),
    'view-closed': () => inbox.setView('closed'),
    palette: () => ui.open('palette'),
    help: () => ui.open('help'),
  };
  if (id && conversation.status !== 'closed') runs['focus-composer'] = () => ui.focusComposer();
  if (id && can.claim) runs.assign = () => work.claim(id);
  if (id && can.close) runs.close = () => work.close(id);
  if (id && can.reopen) runs.reopen = () => work.reopen(id);
  if (id && can.transfer) runs.transfer = () => ui.open('transfer');
  if (id && can.snooze) runs.snooze = () => ui.open('snooze');
  return SHORTCUTS.flatMap((shortcut) => {
    const run = runs[shortcut.id];
    return run ? [{ ...shortcut, run }] : [];
  });
}
