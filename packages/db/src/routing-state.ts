/**
 * The routing columns of a conversation and how a message changes them. The write path applies
 * `afterMessage` under the conversation's row lock, so waiting times, snooze wake-ups and
 * reopenings are decided in the same transaction that stores the message.
 */
import type { AuthorKind, ConversationStatus, ConversationSummary } from '@parley/protocol';
import { sql, type SQL } from 'drizzle-orm';
import { conversations } from './schema';

/** A visitor writing into a conversation closed less than this ago reopens it; later, a new one starts. */
export const REOPEN_WINDOW_MS = 24 * 3600_000;

export const routingColumns = {
  teamId: conversations.teamId,
  queuedAt: conversations.queuedAt,
  waitingSince: conversations.waitingSince,
  snoozedUntil: conversations.snoozedUntil,
  assignedAt: conversations.assignedAt,
  firstResponseAt: conversations.firstResponseAt,
  closedAt: conversations.closedAt,
};

export interface RoutingState {
  status: ConversationStatus;
  assigneeId: string | null;
  queuedAt: Date | null;
  waitingSince: Date | null;
  snoozedUntil: Date | null;
  assignedAt: Date | null;
  closedAt: Date | null;
}

type RoutingRow = { [K in keyof typeof routingColumns]: K extends 'teamId' ? string | null : Date | null };

export function toRoutingFields(row: RoutingRow): Pick<ConversationSummary, keyof typeof routingColumns> {
  const iso = (date: Date | null) => date?.toISOString() ?? null;
  return {
    teamId: row.teamId,
    queuedAt: iso(row.queuedAt),
    waitingSince: iso(row.waitingSince),
    snoozedUntil: iso(row.snoozedUntil),
    assignedAt: iso(row.assignedAt),
    firstResponseAt: iso(row.firstResponseAt),
    closedAt: iso(row.closedAt),
  };
}

export function routingStateOf(row: RoutingState): RoutingState {
  const { status, assigneeId, queuedAt, waitingSince, snoozedUntil, assignedAt, closedAt } = row;
  return { status, assigneeId, queuedAt, waitingSince, snoozedUntil, assignedAt, closedAt };
}

/** False when a visitor's message must start a new conversation instead (closed too long ago). */
export function acceptsVisitorMessage(state: Pick<RoutingState, 'status' | 'closedAt'>, now: number): boolean {
  return state.status !== 'closed' || (state.closedAt !== null && now - state.closedAt.getTime() < REOPEN_WINDOW_MS);
}

/**
 * The state after one message the visitor can see (notes never change it). A visitor's message
 * starts the wait if none runs, wakes a snoozed conversation (its assignee keeps it: snoozed ones
 * count against capacity too) and reopens a recently closed one into its team's queue. An agent's
 * message ends the wait.
 */
export function afterMessage(state: RoutingState, message: { authorKind: AuthorKind; at: Date }): RoutingState {
  if (message.authorKind === 'agent') return { ...state, waitingSince: null };
  if (message.authorKind !== 'visitor') return state;
  const waiting = { ...state, waitingSince: state.waitingSince ?? message.at };
  if (state.status === 'snoozed') {
    return { ...waiting, status: 'open', snoozedUntil: null, queuedAt: state.assigneeId === null ? message.at : state.queuedAt };
  }
  if (state.status === 'closed') {
    return { ...waiting, status: 'open', closedAt: null, assigneeId: null, assignedAt: null, queuedAt: message.at };
  }
  return waiting;
}

/** The state's columns as one SQL VALUES fragment, in ROUTING_VALUE_COLUMNS order. */
export function routingValues(state: RoutingState): SQL {
  const time = (date: Date | null) => date?.toISOString() ?? null;
  return sql`${state.status}::text, ${state.assigneeId}::uuid, ${time(state.queuedAt)}::timestamptz, ${time(state.waitingSince)}::timestamptz, ${time(state.snoozedUntil)}::timestamptz, ${time(state.assignedAt)}::timestamptz, ${time(state.closedAt)}::timestamptz`;
}

export const ROUTING_VALUE_COLUMNS = sql.raw('status, assignee_id, queued_at, waiting_since, snoozed_until, assigned_at, closed_at');

/** SET clauses taking the routing columns from a VALUES list aliased `v`. */
export const ROUTING_SET_FROM_VALUES = sql.raw(
  'status = v.status, assignee_id = v.assignee_id, queued_at = v.queued_at, waiting_since = v.waiting_since, snoozed_until = v.snoozed_until, assigned_at = v.assigned_at, closed_at = v.closed_at',
);

/** The summary fields a routing state decides. */
export function summaryRouting(state: RoutingState): Pick<ConversationSummary, 'status' | 'assigneeId' | 'queuedAt' | 'waitingSince' | 'snoozedUntil' | 'assignedAt' | 'closedAt'> {
  const iso = (date: Date | null) => date?.toISOString() ?? null;
  return {
    status: state.status,
    assigneeId: state.assigneeId,
    queuedAt: iso(state.queuedAt),
    waitingSince: iso(state.waitingSince),
    snoozedUntil: iso(state.snoozedUntil),
    assignedAt: iso(state.assignedAt),
    closedAt: iso(state.closedAt),
  };
}
