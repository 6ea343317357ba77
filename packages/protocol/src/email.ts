/**
 * Email follow-up (only when the relay has SMTP_URL): the transcript on request, and the
 * reply-by-link page a visitor reaches from an emailed agent reply.
 *
 * Visitor -> relay:
 *   transcript.email {conversationId, email}   mail the conversation as the visitor sees it
 * Relay -> visitor:
 *   transcript.emailed {conversationId}         it was handed to the mail server
 * REST (an HTML page, for people, reached from the email's link):
 *   GET  /v1/email/reply?t=<token>              the conversation and a reply box
 *   POST /v1/email/reply  (form: t, body)       the reply lands in the conversation as the visitor's message
 */
import { Type, type Static } from '@sinclair/typebox';
import { EmailAddress } from './availability';
import { MessageBody, Uuid } from './models';

export const TranscriptEmail = Type.Object({ type: Type.Literal('transcript.email'), conversationId: Uuid, email: EmailAddress });
export type TranscriptEmail = Static<typeof TranscriptEmail>;

export const TranscriptEmailed = Type.Object({ type: Type.Literal('transcript.emailed'), conversationId: Uuid });
export type TranscriptEmailed = Static<typeof TranscriptEmailed>;

/** The signed, expiring token of an emailed link. */
export const EmailReplyToken = Type.String({ minLength: 10, maxLength: 1024, pattern: '^[A-Za-z0-9._-]+$' });

export const EmailReplyQuery = Type.Object({ t: EmailReplyToken });
export type EmailReplyQuery = Static<typeof EmailReplyQuery>;

export const EmailReplyForm = Type.Object({ t: EmailReplyToken, body: MessageBody });
export type EmailReplyForm = Static<typeof EmailReplyForm>;

export const EMAIL_WIDGET_TO_RELAY = [TranscriptEmail] as const;
export const EMAIL_RELAY_TO_WIDGET = [TranscriptEmailed] as const;
