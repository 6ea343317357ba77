import { fixtureTime, fixtureUuid, makeConversationSummary } from '@parley/protocol/testing';
import { describe, expect, it } from 'vitest';
import { eventsOf } from './inbox-events';

const ME = fixtureUuid(61);
const base = makeConversationSummary({ id: fixtureUuid(62), lastSeq: 1 });
const kinds = (...args: Parameters<typeof eventsOf>) => eventsOf(...args).map((e) => e.kind);
const visitorLine = { authorKind: 'visitor' as const, body: 'hi', createdAt: fixtureTime(5) };

describe('eventsOf', () => {
  it('sees a conversation it did not hold as new', () => {
    expect(kinds(undefined, base, ME)).toEqual(['conversation.new']);
  });

  it('sees an assignment to this agent once, not on later updates', () => {
    const assigned = { ...base, assigneeId: ME };
    expect(kinds(base, assigned, ME)).toEqual(['assigned.to-me']);
    expect(kinds(assigned, { ...assigned, updatedAt: fixtureTime(9) }, ME)).toEqual([]);
    expect(kinds(base, { ...base, assigneeId: fixtureUuid(63) }, ME)).toEqual([]);
  });

  it('sees a new visitor message, but not an agent reply', () => {
    expect(kinds(base, { ...base, lastSeq: 2, lastMessage: visitorLine }, ME)).toEqual(['message.visitor']);
    expect(kinds(base, { ...base, lastSeq: 2, lastMessage: { ...visitorLine, authorKind: 'agent' } }, ME)).toEqual([]);
  });

  it("reports a conversation that arrives already assigned as an assignment, and a colleague's as nothing", () => {
    expect(kinds(undefined, { ...base, assigneeId: ME }, ME)).toEqual(['assigned.to-me']);
    expect(kinds(undefined, { ...base, assigneeId: fixtureUuid(64) }, ME)).toEqual([]);
  });
});
