/**
 * File attachments. A file is uploaded over REST (multipart), which stores it and posts a message
 * carrying its metadata (`Message.attachment`); everyone then gets that message the usual way.
 * The relay decides the type from the content's first bytes; what the uploader claims is ignored.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Attachment, ClientId, Uuid } from './models';

/** The types a file may have, as sniffed from its content. Images among them are shown inline. */
export const ATTACHMENT_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** Longest stored file name; longer ones are cut (the extension kept). */
export const ATTACHMENT_NAME_MAX = 200;

/**
 * Query of both upload routes. The multipart body holds one part named `file`.
 * Visitors may omit conversationId to start a conversation with the file.
 */
export const AttachmentUploadQuery = Type.Object(
  {
    clientId: ClientId,
    conversationId: Type.Optional(Uuid),
    /** Widget route only: the site the visitor token belongs to. */
    siteKey: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type AttachmentUploadQuery = Static<typeof AttachmentUploadQuery>;

/** The answer to an upload: the stored file and where its message landed (like `message.ack`). */
export const AttachmentUploadReply = Type.Object({
  attachment: Attachment,
  conversationId: Uuid,
  messageId: Uuid,
  seq: Type.Integer({ minimum: 1 }),
});
export type AttachmentUploadReply = Static<typeof AttachmentUploadReply>;

export const AttachmentParams = Type.Object({ attachmentId: Uuid });
export type AttachmentParams = Static<typeof AttachmentParams>;

export const WidgetAttachmentQuery = Type.Object({ siteKey: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });
export type WidgetAttachmentQuery = Static<typeof WidgetAttachmentQuery>;
