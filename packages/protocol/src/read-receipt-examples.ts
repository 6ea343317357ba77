/** Examples of the read-receipts.ts frames, spread into examples.ts (and shown in docs/protocol.md). */
import type { ConversationRead } from './read-receipts';

const conversationId = '7d1c2a9e-3b5f-4c1d-9e8a-2f6b0c4d8e11';

export const readReceiptExamples = {
  widgetRead: { type: 'read', conversationId, seq: 3 },
  consoleRead: { type: 'read', conversationId, seq: 3 },
  /** To the visitor: the agents have seen up to the visitor's seq 3. */
  toWidget: { type: 'conversation.read', conversationId, side: 'agent', state: 'seen', seq: 3 } satisfies ConversationRead,
  /** To agents: the visitor's widget has the messages up to seq 4 (its panel was closed). */
  toConsole: { type: 'conversation.read', conversationId, side: 'visitor', state: 'delivered', seq: 4 } satisfies ConversationRead,
} as const;
