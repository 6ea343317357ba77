import { fixtureTime, fixtureUuid, makeAgentProfile, makeConversationSummary } from '@parley/protocol/testing';
import { signal } from '@preact/signals';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeRealtimeClient } from '../fake-realtime-client';
import { CLOCK_TICK_MS, createDeskModel } from './desk-model';

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse(fixtureTime(0)) });
});
afterEach(() => {
  vi.useRealTimers();
});

function setup() {
  const client = createFakeRealtimeClient();
  const conversation = makeConversationSummary({ id: fixtureUuid(301) });
  const api = {
    listConversations: vi.fn(async () => ({ conversations: [conversation] })),
    listTeams: vi.fn(async () => ({ teams: [] })),
  };
  const session = { verify: vi.fn(async () => {}) };
  const desk = createDeskModel({ client, agent: makeAgentProfile(), api, session });
  return { client, api, session, desk, conversation };
}

describe('desk model', () => {
  it('does nothing until started; then connects and loads the inbox', async () => {
    const { client, api, desk, conversation } = setup();
    expect(client.calls.connect).toBe(0);
    expect(api.listConversations).not.toHaveBeenCalled();

    desk.start();
    desk.start();
    expect(client.calls.connect).toBe(1);
    await vi.waitFor(() => expect(desk.inbox.conversations.value).toEqual([conversation]));
    desk.dispose();
  });

  it('mirrors the connection state and re-checks the session when the socket drops', () => {
    const { client, session, desk } = setup();
    desk.start();
    client.setState('connecting');
    client.setState('open');
    expect(desk.connection.value).toBe('open');
    expect(session.verify).not.toHaveBeenCalled();

    client.setState('reconnecting');
    expect(desk.connection.value).toBe('reconnecting');
    expect(session.verify).toHaveBeenCalledTimes(1);
    desk.dispose();
  });

  it('raises a notice when the relay speaks another protocol version', () => {
    const { client, desk } = setup();
    desk.start();
    client.fail({ type: 'error', code: 'rate_limited', message: 'Slow down.' });
    expect(desk.notice.value).toBeNull();
    client.fail({ code: 'incompatible', message: 'Reload the page.' });
    expect(desk.notice.value).toBe('Reload the page.');
    desk.dispose();
  });

  it('ticks its clock for relative times', () => {
    const { desk } = setup();
    desk.start();
    const start = desk.now.value;
    vi.advanceTimersByTime(CLOCK_TICK_MS);
    expect(desk.now.value).toBe(start + CLOCK_TICK_MS);
    desk.dispose();
  });

  it('closes the client and releases everything on dispose', () => {
    const { client, desk } = setup();
    desk.start();
    desk.dispose();
    expect(client.calls.close).toBe(1);
    expect(client.listenerCount()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reports the agent at the keyboard for auto-away while started, and stops listening on dispose', () => {
    const client = createFakeRealtimeClient();
    const activitySource = new EventTarget();
    const api = { listConversations: vi.fn(async () => ({ conversations: [] })), listTeams: vi.fn(async () => ({ teams: [] })) };
    const desk = createDeskModel({ client, agent: makeAgentProfile(), api, session: { verify: vi.fn(async () => {}) }, activitySource });
    activitySource.dispatchEvent(new Event('keydown'));
    expect(client.sent.filter((f) => f.type === 'presence.activity')).toHaveLength(0);
    desk.start();
    activitySource.dispatchEvent(new Event('pointerdown'));
    expect(client.sent.filter((f) => f.type === 'presence.activity')).toHaveLength(1);
    desk.dispose();
    vi.advanceTimersByTime(120_000);
    activitySource.dispatchEvent(new Event('keydown'));
    expect(client.sent.filter((f) => f.type === 'presence.activity')).toHaveLength(1);
  });

  it('loads the teams for transfers and the team filter, and disposes the alerts it built', async () => {
    const client = createFakeRealtimeClient();
    const team = { id: fixtureUuid(310), name: 'Sales', isDefault: true, autoAssign: true, firstResponseTargetSeconds: 120, reassignAfterSeconds: null, memberIds: [] };
    const api = { listConversations: vi.fn(async () => ({ conversations: [] })), listTeams: vi.fn(async () => ({ teams: [team] })) };
    const alerts = { desktopPermission: signal<'default'>('default'), enableDesktop: vi.fn(), dispose: vi.fn() };
    const desk = createDeskModel({ client, agent: makeAgentProfile(), api, session: { verify: vi.fn(async () => {}) }, createAlerts: () => alerts });
    expect(desk.alerts).toBe(alerts);
    desk.start();
    await vi.waitFor(() => expect(desk.work.teams.value).toEqual([team]));
    desk.dispose();
    expect(alerts.dispose).toHaveBeenCalledTimes(1);
  });
});
