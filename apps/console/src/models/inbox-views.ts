import type { ConversationSummary } from '@parley/protocol';

/**
 * The inbox's tabs. `queue` is open work nobody holds; `all` is every open conversation the agent
 * may see (optionally one team's); snoozed work is out of the way in its own tab until it wakes.
 */
export const INBOX_VIEWS = ['mine', 'queue', 'all', 'snoozed', 'closed'] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];

export const VIEW_LABELS: Record<InboxView, string> = {
  mine: 'Mine',
  queue: 'Unassigned',
  all: 'All',
  snoozed: 'Snoozed',
  closed: 'Closed',
};

/** Which conversations a view holds; `teamId` narrows every view but Mine to one team. */
export function inView(
  view: InboxView,
  conversation: ConversationSummary,
  agentId: string,
  teamId: string | null = null,
): boolean {
  if (teamId !== null && view !== 'mine' && conversation.teamId !== teamId) return false;
  const open = conversation.status === 'open';
  switch (view) {
    case 'mine':
      return open && conversation.assigneeId === agentId;
    case 'queue':
      return open && conversation.assigneeId === null;
    case 'all':
      return open;
    case 'snoozed':
      return conversation.status === 'snoozed';
    case 'closed':
      return conversation.status === 'closed';
  }
}

/** Since when the visitor has waited for an agent (the relay tracks their oldest unanswered message). */
export function waitingSince(conversation: ConversationSummary): number | null {
  if (conversation.status !== 'open' || !conversation.waitingSince) return null;
  return Date.parse(conversation.waitingSince);
}

function byId(a: ConversationSummary, b: ConversationSummary): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Open work: the longest-waiting visitor first, then conversations nobody waits in (newest
 * activity first). Closed: most recently closed (updated) first. Ties fall back to the id, so
 * the list never shuffles between renders.
 */
export function compareForView(view: InboxView): (a: ConversationSummary, b: ConversationSummary) => number {
  const newestFirst = (a: ConversationSummary, b: ConversationSummary) =>
    Date.parse(b.updatedAt) - Date.parse(a.updatedAt) || byId(a, b);
  if (view === 'closed' || view === 'snoozed') return newestFirst;
  return (a, b) => {
    const wa = waitingSince(a);
    const wb = waitingSince(b);
    if (wa !== null && wb !== null) return wa - wb || byId(a, b);
    if (wa !== null) return -1;
    if (wb !== null) return 1;
    return newestFirst(a, b);
  };
}

export interface ViewCount {
  total: number;
  unread: number;
}

/** Every view's size and unread count in one pass over the conversations. */
export function countViews(
  conversations: Iterable<ConversationSummary>,
  agentId: string,
  unreadIds: ReadonlySet<string>,
  teamId: string | null = null,
): Record<InboxView, ViewCount> {
  const counts = Object.fromEntries(INBOX_VIEWS.map((view) => [view, { total: 0, unread: 0 }])) as Record<
    InboxView,
    ViewCount
  >;
  for (const conversation of conversations) {
    const unread = unreadIds.has(conversation.id);
    for (const view of INBOX_VIEWS) {
      if (!inView(view, conversation, agentId, teamId)) continue;
      counts[view].total++;
      if (unread) counts[view].unread++;
    }
  }
  return counts;
}

/**
 * The visitor has waited longer than their team's first-response target (the team's service
 * level); false when the team sets none or nobody waits.
 */
export function isOverTarget(
  conversation: ConversationSummary,
  targetSecondsByTeam: ReadonlyMap<string, number | null>,
  now: number,
): boolean {
  const since = waitingSince(conversation);
  const target = conversation.teamId ? targetSecondsByTeam.get(conversation.teamId) : null;
  if (since === null || target == null) return false;
  return now - since > target * 1000;
}
