import type { Message, ResumeMap } from '@parley/protocol';
import { LIMITS } from '@parley/protocol/light';

/** What to do with a message that arrived: show it, drop it, or ask for what is missing before it. */
export type Arrival = 'deliver' | 'duplicate' | 'gap' | 'untracked';

/**
 * The last seq delivered per conversation, and which conversations have a resume outstanding.
 * This is what makes delivery exactly once and in order: only seq == lastSeq + 1 is delivered.
 */
export interface ConversationCursors {
  lastSeq(conversationId: string): number;
  /** Makes a conversation known (lastSeq 0 if new); false if it was untracked and stays ignored. */
  observe(conversationId: string): boolean;
  track(conversationId: string, afterSeq?: number): void;
  untrack(conversationId: string): void;
  /** Classifies a message and, when it is the next one, advances lastSeq. */
  accept(message: Message): Arrival;
  /** The most recently active known conversations, as many as one hello may carry. */
  resumeMap(): ResumeMap;
  /** Marks a resume as outstanding; false if one already is (so it is not asked for twice). */
  beginResume(conversationId: string): boolean;
  endResume(conversationId: string): void;
  /** A new socket starts with no resume outstanding: its hello asks for everything. */
  forgetResumes(): void;
}

export function createConversationCursors(): ConversationCursors {
  // Insertion order is recency: a conversation is moved to the end whenever it advances.
  const seqs = new Map<string, number>();
  // Untracked stays ignored, so a late frame does not put it back into the next hello
  // (which on the console would watch it again).
  const untracked = new Set<string>();
  const resuming = new Set<string>();

  function observe(id: string): boolean {
    if (untracked.has(id)) return false;
    if (!seqs.has(id)) seqs.set(id, 0);
    return true;
  }

  return {
    lastSeq: (id) => seqs.get(id) ?? 0,
    observe,
    track(id, afterSeq = 0) {
      untracked.delete(id);
      // Never backwards: lowering it would deliver messages a second time.
      seqs.set(id, Math.max(seqs.get(id) ?? 0, afterSeq));
    },
    untrack(id) {
      seqs.delete(id);
      resuming.delete(id);
      untracked.add(id);
    },
    accept(message) {
      const id = message.conversationId;
      if (!observe(id)) return 'untracked';
      const last = seqs.get(id) ?? 0;
      if (message.seq <= last) return 'duplicate';
      if (message.seq > last + 1) return 'gap';
      seqs.delete(id);
      seqs.set(id, message.seq);
      return 'deliver';
    },
    resumeMap: () => Object.fromEntries([...seqs].slice(-LIMITS.maxResumeEntries)),
    beginResume(id) {
      if (resuming.has(id)) return false;
      resuming.add(id);
      return true;
    },
    endResume: (id) => void resuming.delete(id),
    forgetResumes: () => resuming.clear(),
  };
}
