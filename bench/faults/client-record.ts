/**
 * What one simulated client saw, as the harness later compares it with Postgres: every message
 * its realtime client delivered (onMessage, per conversation, in delivery order), every ack, and
 * every message it sent.
 */
import type { Message } from '@parley/protocol';

export interface Delivery {
  seq: number;
  id: string;
  clientId: string | null;
  authorKind: Message['author']['kind'];
  /** Epoch ms when onMessage fired. */
  at: number;
}

export interface AckRecord {
  conversationId: string;
  id: string;
  seq: number;
  at: number;
}

export interface SentRecord {
  body: string;
  at: number;
}

/** A second ack for one clientId that names another row: the relay answered a resend with a new message. */
export interface AckConflict {
  clientId: string;
  first: AckRecord;
  later: AckRecord;
}

export class ClientRecord {
  readonly views = new Map<string, Delivery[]>();
  readonly acks = new Map<string, AckRecord>();
  readonly ackConflicts: AckConflict[] = [];
  readonly sent = new Map<string, SentRecord>();

  constructor(readonly label: string) {}

  delivered(message: Message): void {
    let view = this.views.get(message.conversationId);
    if (!view) this.views.set(message.conversationId, (view = []));
    view.push({ seq: message.seq, id: message.id, clientId: message.clientId, authorKind: message.author.kind, at: Date.now() });
  }

  acked(frame: { clientId: string; conversationId: string; id: string; seq: number }): void {
    const ack = { conversationId: frame.conversationId, id: frame.id, seq: frame.seq, at: Date.now() };
    const first = this.acks.get(frame.clientId);
    if (!first) this.acks.set(frame.clientId, ack);
    else if (first.id !== ack.id || first.seq !== ack.seq || first.conversationId !== ack.conversationId) {
      this.ackConflicts.push({ clientId: frame.clientId, first, later: ack });
    }
  }

  wrote(clientId: string, body: string): void {
    this.sent.set(clientId, { body, at: Date.now() });
  }

  deliveredCount(): number {
    let total = 0;
    for (const view of this.views.values()) total += view.length;
    return total;
  }
}
