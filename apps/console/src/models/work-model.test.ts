import type { AgentPresence } from '@parley/protocol';
import { fixtureUuid, makeConversationSummary } from '@parley/protocol/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeRealtimeClient } from '../fake-realtime-client';
import { ACTIVITY_THROTTLE_MS, createWorkModel } from './work-model';

const ME = fixtureUuid(701);
const BOB = fixtureUuid(702);
const CONV = fixtureUuid(703);
const TEAM = fixtureUuid(704);

function presence(agentId: string, name: string, overrides: Partial<AgentPresence> = {}): AgentPresence {
  return { agentId, name, status: 'online', capacity: 3, load: 0, teamIds: [TEAM], ...overrides };
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('work model', () => {
  it('holds every agent live and picks out the capacity meter of the signed-in one', () => {
    const client = createFakeRealtimeClient();
    const work = createWorkModel(client, ME);
    expect(work.me.value).toBeNull();
    client.receive({ type: 'presence.synced', agents: [presence(ME, 'Ada', { load: 1 }), presence(BOB, 'Bob')] });
    expect(work.me.value).toMatchObject({ load: 1, capacity: 3 });
    client.receive({ type: 'presence.changed', agent: presence(ME, 'Ada', { load: 2, status: 'away' }) });
    expect(work.me.value).toMatchObject({ load: 2, status: 'away' });
    expect(work.agents.value.map((a) => a.name)).toEqual(['Ada', 'Bob']);
    work.dispose();
    expect(client.listenerCount()).toBe(0);
  });

  it('sends each action as its protocol frame', () => {
    const client = createFakeRealtimeClient();
    const work = createWorkModel(client, ME);
    work.setStatus('away');
    work.claim(CONV);
    work.transfer(CONV, { agentId: BOB }, '  VIP, be kind  ');
    work.transfer(CONV, { teamId: TEAM }, '   ');
    work.unassign(CONV);
    work.close(CONV);
    work.reopen(CONV);
    work.snooze(CONV, new Date('2026-02-01T09:00:00.000Z'));
    work.snooze(CONV, null);
    expect(client.sent).toEqual([
      { type: 'presence.set', status: 'away' },
      { type: 'conversation.claim', conversationId: CONV },
      { type: 'conversation.transfer', conversationId: CONV, agentId: BOB, note: 'VIP, be kind' },
      { type: 'conversation.transfer', conversationId: CONV, teamId: TEAM },
      { type: 'conversation.unassign', conversationId: CONV },
      { type: 'conversation.close', conversationId: CONV },
      { type: 'conversation.reopen', conversationId: CONV },
      { type: 'conversation.snooze', conversationId: CONV, until: '2026-02-01T09:00:00.000Z' },
      { type: 'conversation.snooze', conversationId: CONV, until: null },
    ]);
  });

  it('says so when an action could not be sent because the socket is down', () => {
    const client = createFakeRealtimeClient();
    client.open = false;
    const work = createWorkModel(client, ME);
    expect(work.close(CONV)).toBe(false);
    expect(work.notice.value).toMatch(/Not connected/);
    work.dismissNotice();
    expect(work.notice.value).toBeNull();
  });

  it('reports activity at most once a minute', () => {
    const client = createFakeRealtimeClient();
    const work = createWorkModel(client, ME);
    work.activity();
    work.activity();
    vi.advanceTimersByTime(ACTIVITY_THROTTLE_MS - 1);
    work.activity();
    vi.advanceTimersByTime(1);
    work.activity();
    expect(client.sent.filter((f) => f.type === 'presence.activity')).toHaveLength(2);
  });

  it('shows a refused action and a conversation taken away for lack of reply, not unrelated errors', () => {
    const client = createFakeRealtimeClient();
    const work = createWorkModel(client, ME);
    client.receive({ type: 'error', code: 'rate_limited', message: 'Slow down.', ref: 'client-1' });
    expect(work.notice.value).toBeNull();
    client.receive({ type: 'error', code: 'over_capacity', message: 'Bob is full.', ref: 'conversation.transfer' });
    expect(work.notice.value).toBe('Bob is full.');
    client.receive({ type: 'conversation.unassigned', conversationId: CONV, reason: 'no_response', byAgentId: null });
    expect(work.notice.value).toMatch(/waited too long/);
    work.dismissNotice();
    // Our own transfer away needs no notice.
    client.receive({ type: 'conversation.unassigned', conversationId: CONV, reason: 'transfer', byAgentId: ME });
    expect(work.notice.value).toBeNull();
  });

  it('keeps the note of a transfer to this agent', () => {
    const client = createFakeRealtimeClient();
    const work = createWorkModel(client, ME);
    const conversation = makeConversationSummary({ id: CONV, assigneeId: ME });
    client.receive({ type: 'conversation.assigned', conversation, reason: 'auto', byAgentId: null, note: null });
    expect(work.transferNotes.value.size).toBe(0);
    client.receive({ type: 'conversation.assigned', conversation, reason: 'transfer', byAgentId: BOB, note: 'Refund asked' });
    expect(work.transferNotes.value.get(CONV)).toEqual({ byAgentId: BOB, note: 'Refund asked' });
  });
});
