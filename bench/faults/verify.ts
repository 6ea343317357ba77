/**
 * Judges every client's view against Postgres. The rules (docs/architecture.md, delivery contract):
 * - LOST: an ack whose row is not stored (or is another row), or a stored message missing from a
 *   view that should hold it (a visitor: all of its conversations; an agent: the conversations it
 *   watches, after the seq its watch began at);
 * - DUPLICATED: a seq twice in one view, a clientId stored twice, one clientId acknowledged as two
 *   different rows, or a resend of a stored message answered with anything but the first row;
 * - OUT OF ORDER: a view whose seqs do not strictly increase per conversation;
 * plus what storage itself must satisfy (seq 1..lastSeq without gaps) and what no view may hold
 * (a message that is not stored as delivered, or a conversation it has no business seeing).
 */
import type { ClientRecord } from './client-record';
import type { ResendCheck } from './raw-resend';
import { clientKey, type Storage } from './storage';

export interface ViewUnderTest {
  record: ClientRecord;
  /** conversationId -> the seq after which the view must hold every stored message. */
  expected: ReadonlyMap<string, number>;
}

export type FindingKind = 'lost' | 'duplicated' | 'out-of-order' | 'seq-gap' | 'corrupted' | 'leaked';

export interface Finding {
  kind: FindingKind;
  what: string;
  conversationId?: string;
  seq?: number;
  /** Epoch ms of the event the finding is about (the ack, the store), for pinning it on a fault. */
  at?: number;
}

export interface Verdict {
  conversations: number;
  sent: number;
  acked: number;
  stored: number;
  /** Stored messages a client sent but never saw acknowledged (its outbox still held them at the end). */
  storedUnacked: number;
  delivered: number;
  unacked: number;
  lost: number;
  ackedNotStored: number;
  duplicated: number;
  outOfOrder: number;
  seqGaps: number;
  corrupted: number;
  leaked: number;
  resends: { checked: number; incomplete: number; mismatched: number };
  latencyMs: { samples: number; p50: number; p99: number; max: number };
  findings: Finding[];
}

/** A visitor must see every conversation it started, whole. */
export function visitorExpectation(record: ClientRecord, storage: Storage): Map<string, number> {
  const expected = new Map<string, number>();
  for (const conversation of storage.conversations.values()) {
    if (conversation.startedByClientId && record.sent.has(conversation.startedByClientId)) expected.set(conversation.id, 0);
  }
  return expected;
}

/** Stored messages each view still lacks: what a final resume has to bring. */
export function missingFromViews(storage: Storage, views: readonly ViewUnderTest[]): Finding[] {
  const findings: Finding[] = [];
  for (const { record, expected } of views) {
    for (const [conversationId, afterSeq] of expected) {
      const seen = new Set((record.views.get(conversationId) ?? []).map((delivery) => delivery.seq));
      for (const message of storage.conversations.get(conversationId)?.messages ?? []) {
        if (message.seq > afterSeq && !seen.has(message.seq)) {
          findings.push({
            kind: 'lost',
            what: `${record.label} never got seq ${message.seq} (${message.authorKind}, ${message.clientId})`,
            conversationId,
            seq: message.seq,
            at: message.createdAt,
          });
        }
      }
    }
  }
  return findings;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function verify(input: {
  storage: Storage;
  views: readonly ViewUnderTest[];
  resends: readonly ResendCheck[];
  /** Whose messages count for latency (visitors), and whose deliveries (agents). */
  senders: readonly ClientRecord[];
  receivers: readonly ClientRecord[];
}): Verdict {
  const { storage, views } = input;
  const findings: Finding[] = [];
  const records = views.map((view) => view.record);
  let sent = 0;
  let acked = 0;
  let unacked = 0;
  let storedUnacked = 0;
  let ackedNotStored = 0;
  let duplicated = 0;
  let outOfOrder = 0;
  let seqGaps = 0;
  let corrupted = 0;
  let leaked = 0;
  let delivered = 0;

  for (const conversation of storage.conversations.values()) {
    const seqs = conversation.messages.map((message) => message.seq);
    const whole = seqs.every((seq, i) => seq === i + 1) && seqs.length === conversation.lastSeq;
    if (!whole) {
      seqGaps++;
      findings.push({
        kind: 'seq-gap',
        what: `stored seqs ${seqs.length > 20 ? `(${seqs.length})` : seqs.join(',')} but lastSeq ${conversation.lastSeq}`,
        conversationId: conversation.id,
      });
    }
  }

  const storedClientIds = new Set([...storage.byClientKey.values()].map((row) => row.clientId));
  for (const record of records) {
    sent += record.sent.size;
    acked += record.acks.size;
    for (const [clientId, ack] of record.acks) {
      const row = storage.byClientKey.get(clientKey(ack.conversationId, clientId));
      if (!row || row.id !== ack.id || row.seq !== ack.seq) {
        ackedNotStored++;
        findings.push({
          kind: 'lost',
          what: `${record.label} got an ack for ${clientId} (seq ${ack.seq}, id ${ack.id}) but storage holds ${
            row ? `seq ${row.seq}, id ${row.id}` : 'no such message'
          }`,
          conversationId: ack.conversationId,
          seq: ack.seq,
          at: ack.at,
        });
      } else if (row.body !== record.sent.get(clientId)?.body) {
        corrupted++;
        findings.push({ kind: 'corrupted', what: `${record.label} ${clientId}: stored body differs from the sent one`, conversationId: row.conversationId, seq: row.seq });
      }
    }
    for (const clientId of record.sent.keys()) {
      if (record.acks.has(clientId)) continue;
      unacked++;
      if (storedClientIds.has(clientId)) storedUnacked++;
    }
    for (const conflict of record.ackConflicts) {
      duplicated++;
      findings.push({
        kind: 'duplicated',
        what: `${record.label} ${conflict.clientId} acknowledged as seq ${conflict.first.seq} and again as seq ${conflict.later.seq}`,
        conversationId: conflict.later.conversationId,
        seq: conflict.later.seq,
        at: conflict.later.at,
      });
    }
  }

  for (const [clientId, rows] of storage.repeatedClientIds) {
    duplicated += rows.length - 1;
    findings.push({
      kind: 'duplicated',
      what: `clientId ${clientId} stored ${rows.length} times: ${rows.map((row) => `${row.conversationId} seq ${row.seq}`).join('; ')}`,
      conversationId: rows[1]!.conversationId,
      seq: rows[1]!.seq,
      at: rows[1]!.createdAt,
    });
  }

  const resends = { checked: 0, incomplete: 0, mismatched: 0 };
  for (const check of input.resends) {
    if (check.incomplete && check.answers.length === 0 && check.refusals.length === 0) {
      resends.incomplete++;
      continue;
    }
    resends.checked++;
    const wrong = check.answers.filter((answer) => answer.id !== check.expected.id || answer.seq !== check.expected.seq);
    if (wrong.length > 0 || check.refusals.length > 0) {
      resends.mismatched++;
      duplicated++;
      findings.push({
        kind: 'duplicated',
        what: `resend of ${check.clientId} (seq ${check.expected.seq}) answered ${[
          ...wrong.map((answer) => `seq ${answer.seq} id ${answer.id}`),
          ...check.refusals.map((code) => `error ${code}`),
        ].join(', ')}`,
        conversationId: check.conversationId,
        seq: check.expected.seq,
        at: check.at,
      });
    }
  }

  for (const { record, expected } of views) {
    for (const [conversationId, deliveries] of record.views) {
      delivered += deliveries.length;
      const stored = storage.conversations.get(conversationId);
      if (!expected.has(conversationId)) {
        leaked++;
        findings.push({ kind: 'leaked', what: `${record.label} was shown a conversation it does not own or watch`, conversationId });
      }
      const seen = new Set<number>();
      let previous = 0;
      for (const delivery of deliveries) {
        if (seen.has(delivery.seq)) {
          duplicated++;
          findings.push({ kind: 'duplicated', what: `${record.label} was shown seq ${delivery.seq} twice`, conversationId, seq: delivery.seq, at: delivery.at });
        } else if (delivery.seq <= previous) {
          outOfOrder++;
          findings.push({
            kind: 'out-of-order',
            what: `${record.label} was shown seq ${delivery.seq} after seq ${previous}`,
            conversationId,
            seq: delivery.seq,
            at: delivery.at,
          });
        }
        seen.add(delivery.seq);
        previous = Math.max(previous, delivery.seq);
        const row = stored?.messages[delivery.seq - 1];
        if (!row || row.seq !== delivery.seq || row.id !== delivery.id) {
          corrupted++;
          findings.push({ kind: 'corrupted', what: `${record.label} was shown seq ${delivery.seq} as ${delivery.id}, not what is stored`, conversationId, seq: delivery.seq });
        }
      }
    }
  }

  const missing = missingFromViews(storage, views);
  findings.push(...missing);

  const sentAt = new Map<string, number>();
  for (const sender of input.senders) for (const [clientId, sentRecord] of sender.sent) sentAt.set(clientId, sentRecord.at);
  const latencies: number[] = [];
  for (const receiver of input.receivers) {
    for (const deliveries of receiver.views.values()) {
      for (const delivery of deliveries) {
        const at = delivery.clientId !== null && delivery.authorKind === 'visitor' ? sentAt.get(delivery.clientId) : undefined;
        if (at !== undefined) latencies.push(delivery.at - at);
      }
    }
  }
  latencies.sort((a, b) => a - b);

  return {
    conversations: storage.conversations.size,
    sent,
    acked,
    stored: storage.messageCount,
    storedUnacked,
    delivered,
    unacked,
    lost: ackedNotStored + missing.length,
    ackedNotStored,
    duplicated,
    outOfOrder,
    seqGaps,
    corrupted,
    leaked,
    resends,
    latencyMs: { samples: latencies.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1) ?? 0 },
    findings,
  };
}
