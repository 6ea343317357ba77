import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeChannelHub } from './fake-tab-channels';
import { createTabLeader, ELECTION_MS, HEARTBEAT_MS, LEADER_TIMEOUT_MS, type TabLeader } from './tab-leader';

beforeEach(() => {
  vi.useFakeTimers();
});
const tabs: TabLeader[] = [];
afterEach(() => {
  for (const tab of tabs.splice(0)) tab.dispose();
  vi.useRealTimers();
});

function open(hub: ReturnType<typeof createFakeChannelHub>, id: string): TabLeader {
  const tab = createTabLeader({ channel: hub.channel(), id });
  tabs.push(tab);
  return tab;
}

const leaders = (all: TabLeader[]) => all.filter((tab) => tab.isLeader()).map((tab) => tab.id);

describe('tab leader election', () => {
  it('makes a lone tab the leader after the election window', async () => {
    const hub = createFakeChannelHub();
    const a = open(hub, 'a');
    expect(a.isLeader()).toBe(false);
    await vi.advanceTimersByTimeAsync(ELECTION_MS);
    expect(a.isLeader()).toBe(true);
  });

  it('leads alone, at once, where there is no BroadcastChannel', () => {
    const tab = createTabLeader({ channel: null, id: 'solo' });
    tabs.push(tab);
    expect(tab.isLeader()).toBe(true);
  });

  it('elects exactly one of several tabs opened together: the lowest id', async () => {
    const hub = createFakeChannelHub();
    const all = [open(hub, 'c'), open(hub, 'a'), open(hub, 'b')];
    await vi.advanceTimersByTimeAsync(ELECTION_MS + 10);
    expect(leaders(all)).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(LEADER_TIMEOUT_MS * 3);
    expect(leaders(all)).toEqual(['a']);
  });

  it('keeps the leader when a new tab opens later, whatever its id', async () => {
    const hub = createFakeChannelHub();
    const b = open(hub, 'b');
    await vi.advanceTimersByTimeAsync(ELECTION_MS);
    const a = open(hub, 'a');
    await vi.advanceTimersByTimeAsync(ELECTION_MS + LEADER_TIMEOUT_MS * 2);
    expect(leaders([a, b])).toEqual(['b']);
  });

  it('hands over at once when the leader closes', async () => {
    const hub = createFakeChannelHub();
    const a = open(hub, 'a');
    const b = open(hub, 'b');
    const c = open(hub, 'c');
    await vi.advanceTimersByTimeAsync(ELECTION_MS);
    expect(leaders([a, b, c])).toEqual(['a']);
    a.dispose();
    await vi.advanceTimersByTimeAsync(ELECTION_MS + 1);
    expect(leaders([b, c])).toEqual(['b']);
  });

  it('takes over when the leader vanishes without resigning (a crashed tab)', async () => {
    const hub = createFakeChannelHub();
    const frozenChannel = hub.channel();
    const frozen = createTabLeader({ channel: frozenChannel, id: '0' });
    tabs.push(frozen);
    const a = open(hub, 'a');
    const b = open(hub, 'b');
    await vi.advanceTimersByTimeAsync(ELECTION_MS);
    expect(leaders([frozen, a, b])).toEqual(['0']);
    frozenChannel.sever();
    await vi.advanceTimersByTimeAsync(LEADER_TIMEOUT_MS + ELECTION_MS + 1);
    expect(leaders([a, b])).toEqual(['a']);
  });

  it('lets the tab the agent looks at claim the lead', async () => {
    const hub = createFakeChannelHub();
    const a = open(hub, 'a');
    const b = open(hub, 'b');
    await vi.advanceTimersByTimeAsync(ELECTION_MS);
    const changes: boolean[] = [];
    a.onChange((leader) => changes.push(leader));
    b.claim();
    await vi.advanceTimersByTimeAsync(0);
    expect(leaders([a, b])).toEqual(['b']);
    expect(changes).toEqual([false]);
    await vi.advanceTimersByTimeAsync(LEADER_TIMEOUT_MS * 3);
    expect(leaders([a, b])).toEqual(['b']);
  });

  it('settles two leaders that meet (a lost message) on the lower id', async () => {
    const hub = createFakeChannelHub();
    const a = open(hub, 'a');
    const b = open(hub, 'b');
    await vi.advanceTimersByTimeAsync(ELECTION_MS);
    b.claim();
    a.claim();
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS + 1);
    expect(leaders([a, b])).toHaveLength(1);
  });

  it('ignores foreign and malformed messages on the channel', async () => {
    const hub = createFakeChannelHub();
    const a = open(hub, 'a');
    const stranger = hub.channel();
    await vi.advanceTimersByTimeAsync(ELECTION_MS);
    stranger.postMessage('hello');
    stranger.postMessage({ kind: 'takeover' });
    stranger.postMessage(null);
    await vi.advanceTimersByTimeAsync(0);
    expect(a.isLeader()).toBe(true);
    stranger.close();
  });
});
