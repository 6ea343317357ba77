import type { ConversationSummary } from '@parley/protocol';
import { fixtureTime, fixtureUuid, makeConversationSummary } from '@parley/protocol/testing';
import { describe, expect, it } from 'vitest';
import { compareForView, countViews, inView, isOverTarget, waitingSince, type InboxView } from './inbox-views';

const ME = fixtureUuid(901);
const OTHER = fixtureUuid(902);
const TEAM_A = fixtureUuid(903);
const TEAM_B = fixtureUuid(904);

function conv(n: number, overrides: Partial<ConversationSummary> = {}): ConversationSummary {
  return makeConversationSummary({ id: fixtureUuid(n), teamId: TEAM_A, updatedAt: fixtureTime(n), ...overrides });
}

const mine = conv(1, { assigneeId: ME });
const queued = conv(2);
const theirs = conv(3, { assigneeId: OTHER, teamId: TEAM_B });
const snoozed = conv(4, { assigneeId: ME, status: 'snoozed' });
const closed = conv(5, { assigneeId: ME, status: 'closed' });
const all = [mine, queued, theirs, snoozed, closed];

const idsIn = (view: InboxView, teamId: string | null = null) =>
  all.filter((c) => inView(view, c, ME, teamId)).map((c) => c.id);

describe('inbox views', () => {
  it('puts each conversation where an agent looks for it', () => {
    expect(idsIn('mine')).toEqual([mine.id]);
    expect(idsIn('queue')).toEqual([queued.id]);
    expect(idsIn('all')).toEqual([mine.id, queued.id, theirs.id]);
    expect(idsIn('snoozed')).toEqual([snoozed.id]);
    expect(idsIn('closed')).toEqual([closed.id]);
  });

  it('narrows every view but Mine to one team', () => {
    expect(idsIn('all', TEAM_B)).toEqual([theirs.id]);
    expect(idsIn('queue', TEAM_B)).toEqual([]);
    expect(idsIn('mine', TEAM_B)).toEqual([mine.id]);
  });

  it('counts totals and unread per view in one pass', () => {
    const counts = countViews(all, ME, new Set([queued.id, closed.id]));
    expect(counts).toEqual({
      mine: { total: 1, unread: 0 },
      queue: { total: 1, unread: 1 },
      all: { total: 3, unread: 1 },
      snoozed: { total: 1, unread: 0 },
      closed: { total: 1, unread: 1 },
    });
    expect(countViews(all, ME, new Set(), TEAM_B).all.total).toBe(1);
  });

  it('sorts open work longest-waiting first, then the rest by newest activity', () => {
    const waitedLong = conv(10, { waitingSince: fixtureTime(100), updatedAt: fixtureTime(500) });
    const waitedShort = conv(11, { waitingSince: fixtureTime(300), updatedAt: fixtureTime(301) });
    const answeredOld = conv(12, { updatedAt: fixtureTime(50) });
    const answeredNew = conv(13, { updatedAt: fixtureTime(900) });
    const sorted = [answeredOld, waitedShort, answeredNew, waitedLong].sort(compareForView('all'));
    expect(sorted.map((c) => c.id)).toEqual([waitedLong.id, waitedShort.id, answeredNew.id, answeredOld.id]);
  });

  it('breaks ties by id so the order is stable', () => {
    const a = conv(20, { waitingSince: fixtureTime(5) });
    const b = conv(21, { waitingSince: fixtureTime(5) });
    expect([b, a].sort(compareForView('queue')).map((c) => c.id)).toEqual([a.id, b.id]);
  });

  it('sorts closed conversations by when they last changed, newest first', () => {
    const older = conv(30, { status: 'closed', updatedAt: fixtureTime(10), waitingSince: fixtureTime(1) });
    const newer = conv(31, { status: 'closed', updatedAt: fixtureTime(20) });
    expect([older, newer].sort(compareForView('closed')).map((c) => c.id)).toEqual([newer.id, older.id]);
  });

  it('counts nobody as waiting in a closed or snoozed conversation', () => {
    expect(waitingSince(conv(40, { waitingSince: fixtureTime(7) }))).toBe(Date.parse(fixtureTime(7)));
    expect(waitingSince(conv(41, { waitingSince: fixtureTime(7), status: 'closed' }))).toBeNull();
    expect(waitingSince(conv(42, { waitingSince: fixtureTime(7), status: 'snoozed' }))).toBeNull();
  });
});

describe('isOverTarget', () => {
  it("flags a visitor who waited past the team's first-response target", () => {
    const waiting = conv(50, { waitingSince: fixtureTime(0) });
    const targets = new Map<string, number | null>([[TEAM_A, 120]]);
    expect(isOverTarget(waiting, targets, Date.parse(fixtureTime(120)))).toBe(false);
    expect(isOverTarget(waiting, targets, Date.parse(fixtureTime(121)))).toBe(true);
    expect(isOverTarget(waiting, new Map([[TEAM_A, null]]), Date.parse(fixtureTime(999)))).toBe(false);
    expect(isOverTarget(conv(51), targets, Date.parse(fixtureTime(999)))).toBe(false);
  });
});
