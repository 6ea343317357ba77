/**
 * Read receipts: each side says how far it has the conversation, and the other side is told.
 *
 * Visitor -> relay: read {conversationId, seq, state?}   seq in the visitor's numbering (3.8);
 *   state 'delivered': the widget has the messages up to seq (its panel is closed or hidden);
 *   'seen' (the default): they were on screen. Seen implies delivered.
 * Agent -> relay:   read {conversationId, seq}           seen, in the conversation's numbering.
 * Relay -> both:    conversation.read {conversationId, side, state, seq}
 *   agents get the visitor's marks (and other agents' reads), in the conversation's numbering;
 *   the visitor gets the agents' 'seen' mark, in the visitor's numbering. After a watch (agents)
 *   or a sync (visitor) the relay sends the marks stored so far.
 * A seq past the conversation's last message is refused with `invalid_frame`; a mark never moves
 * back (an older seq changes nothing and announces nothing).
 */
import { Type, type Static } from '@sinclair/typebox';
import { AfterSeq, Seq, StringEnum, Uuid } from './models';

export const READ_STATES = ['delivered', 'seen'] as const;
export const ReadState = StringEnum(READ_STATES);
export type ReadState = Static<typeof ReadState>;

export const READ_SIDES = ['visitor', 'agent'] as const;
export const ReadSide = StringEnum(READ_SIDES);
export type ReadSide = Static<typeof ReadSide>;

export const WidgetRead = Type.Object({ type: Type.Literal('read'), conversationId: Uuid, seq: Seq, state: Type.Optional(ReadState) });
export const ConsoleRead = Type.Object({ type: Type.Literal('read'), conversationId: Uuid, seq: Seq });

export const ConversationRead = Type.Object({
  type: Type.Literal('conversation.read'),
  conversationId: Uuid,
  /** Whose mark: the visitor's, or the agents'. */
  side: ReadSide,
  state: ReadState,
  /** Up to which seq (the receiver's numbering); 0: nothing yet. */
  seq: AfterSeq,
});
export type ConversationRead = Static<typeof ConversationRead>;
