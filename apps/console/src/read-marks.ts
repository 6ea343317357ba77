/**
 * Read receipts as the console shows them: how far the visitor's widget has the conversation
 * (delivered) and has shown it (seen), from `conversation.read` frames, and the word under the
 * agent's latest reply.
 */
import type { ConversationRead } from '@parley/protocol';

export interface VisitorMarks {
  /** Highest seq the visitor's widget has. */
  deliveredSeq: number;
  /** Highest seq the visitor had on screen. */
  seenSeq: number;
}

export const NO_MARKS: VisitorMarks = { deliveredSeq: 0, seenSeq: 0 };

export type Delivery = 'sent' | 'delivered' | 'seen';

export const DELIVERY_WORDS: Record<Delivery, string> = { sent: 'Sent', delivered: 'Delivered', seen: 'Seen' };

/** The visitor's marks after a frame; marks never move back, and seen implies delivered. Agents' reads change nothing here. */
export function applyRead(marks: VisitorMarks, frame: Pick<ConversationRead, 'side' | 'state' | 'seq'>): VisitorMarks {
  if (frame.side !== 'visitor') return marks;
  const deliveredSeq = Math.max(marks.deliveredSeq, frame.seq);
  const seenSeq = frame.state === 'seen' ? Math.max(marks.seenSeq, frame.seq) : marks.seenSeq;
  return deliveredSeq === marks.deliveredSeq && seenSeq === marks.seenSeq ? marks : { deliveredSeq, seenSeq };
}

/** What a stored message of ours has reached. */
export function deliveryOf(seq: number, marks: VisitorMarks): Delivery {
  if (seq <= marks.seenSeq) return 'seen';
  return seq <= marks.deliveredSeq ? 'delivered' : 'sent';
}
