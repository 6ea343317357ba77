import type { PendingMessage } from '@parley/client';
import type { ConversationSummary, Message } from '@parley/protocol';
import { useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import { deliveryOf, NO_MARKS, type VisitorMarks } from '../read-marks';
import { groupByDay } from '../transcript-days';
import { dayLabel } from '../time-format';
import { MessageItem } from './message-item';
import { PendingItem } from './pending-item';

export interface TranscriptProps {
  messages: readonly Message[];
  pending: readonly PendingMessage[];
  conversation: ConversationSummary | null;
  agentId: string;
  now: number;
  visitorTyping: boolean;
  /** The visitor's read receipts: what the delivery mark under our latest reply says. */
  visitorMarks?: VisitorMarks;
  onDiscard: (clientId: string) => void;
}

/** Within this many pixels of the end counts as "reading the latest": new messages keep it in view. */
const STICK_PX = 48;

export function Transcript(props: TranscriptProps) {
  const { messages, pending, conversation, agentId, now, visitorTyping, visitorMarks = NO_MARKS, onDiscard } = props;
  const days = useMemo(() => groupByDay(messages), [messages]);
  // The delivery mark goes under our latest stored reply only, like a chat app's Sent / Delivered / Seen.
  const lastMine = useMemo(() => {
    for (let i = messages.length - 1; i >= 0; i--) {
      const m = messages[i]!;
      if (m.author.kind === 'agent' && m.author.id === agentId && m.kind === 'text') return m.seq;
    }
    return null;
  }, [messages, agentId]);
  const scroller = useRef<HTMLDivElement>(null);
  const atEnd = useRef(true);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && atEnd.current) el.scrollTop = el.scrollHeight;
  }, [messages, pending, visitorTyping]);

  const onScroll = () => {
    const el = scroller.current;
    if (el) atEnd.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_PX;
  };

  return (
    <div class="transcript" role="log" aria-label="Messages" ref={scroller} onScroll={onScroll}>
      <ol class="transcript-list">
        {days.map((day) => (
          <li key={day.messages[0]?.seq} class="day">
            <h3 class="day-separator">
              <span>{dayLabel(day.firstAt, now)}</span>
            </h3>
            <ol class="day-messages">
              {day.messages.map((message) => (
                <MessageItem
                  key={message.seq}
                  message={message}
                  conversation={conversation}
                  agentId={agentId}
                  delivery={message.seq === lastMine && pending.length === 0 ? deliveryOf(message.seq, visitorMarks) : null}
                />
              ))}
            </ol>
          </li>
        ))}
        {pending.length > 0 && (
          <li class="day">
            <ol class="day-messages">
              {pending.map((p) => (
                <PendingItem key={p.clientId} pending={p} onDiscard={onDiscard} />
              ))}
            </ol>
          </li>
        )}
      </ol>
      {messages.length === 0 && pending.length === 0 && <p class="empty">No messages yet.</p>}
    </div>
  );
}
