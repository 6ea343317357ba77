import { fixtureUuid, makeAgentProfile, makeConversationSummary } from '@parley/protocol/testing';
import { describe, expect, it } from 'vitest';
import { availableActions } from './commands';

const me = makeAgentProfile({ id: fixtureUuid(801), role: 'agent' });
const supervisor = makeAgentProfile({ id: fixtureUuid(802), role: 'supervisor' });
const other = fixtureUuid(803);

const on = (actions: Record<string, boolean>) => Object.keys(actions).filter((k) => actions[k]);

describe('availableActions', () => {
  it('offers claim, transfer, snooze and close on a queued conversation', () => {
    expect(on(availableActions(makeConversationSummary(), me))).toEqual(['claim', 'transfer', 'close', 'snooze']);
  });

  it('offers transfer, unassign, close and snooze on my own', () => {
    const mine = makeConversationSummary({ assigneeId: me.id });
    expect(on(availableActions(mine, me))).toEqual(['transfer', 'unassign', 'close', 'snooze']);
  });

  it("leaves a colleague's conversation to them, but lets a supervisor take over or reassign it", () => {
    const theirs = makeConversationSummary({ assigneeId: other });
    expect(on(availableActions(theirs, me))).toEqual([]);
    expect(on(availableActions(theirs, supervisor))).toEqual(['claim', 'transfer', 'unassign', 'close', 'snooze']);
  });

  it('offers only reopen on a closed conversation, and nothing with none open', () => {
    expect(on(availableActions(makeConversationSummary({ status: 'closed', assigneeId: me.id }), me))).toEqual(['reopen']);
    expect(on(availableActions(null, me))).toEqual([]);
  });

  it('does not snooze what is snoozed already', () => {
    const snoozed = makeConversationSummary({ status: 'snoozed', assigneeId: me.id });
    expect(availableActions(snoozed, me).snooze).toBe(false);
    expect(availableActions(snoozed, me).close).toBe(true);
  });
});
