import type { Message } from '@parley/protocol';
import { dayKey } from './time-format';

export interface TranscriptDay {
  /** Local calendar day (2026-01-31). Not unique if clocks went backwards: key renders by first seq. */
  day: string;
  /** Any message's time in that day, for the separator's label. */
  firstAt: string;
  messages: Message[];
}

/** Splits a seq-ordered transcript where the local calendar day changes. */
export function groupByDay(messages: readonly Message[]): TranscriptDay[] {
  const days: TranscriptDay[] = [];
  for (const message of messages) {
    const day = dayKey(message.createdAt);
    const last = days.at(-1);
    if (last && last.day === day) last.messages.push(message);
    else days.push({ day, firstAt: message.createdAt, messages: [message] });
  }
  return days;
}
