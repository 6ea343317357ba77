/**
 * Attachment records: which conversation a stored file belongs to, so a download is allowed only
 * to its visitor and to agents of its workspace. The bytes are not here (relay's AttachmentStore).
 */
import { and, eq } from 'drizzle-orm';
import type { Attachment, AuthorKind } from '@parley/protocol';
import type { Db } from './open-db';
import { attachments, conversations } from './schema';

export interface AttachmentRecord extends Attachment {
  workspaceId: string;
  conversationId: string;
  messageId: string;
  storageKey: string;
}

export interface NewAttachment extends AttachmentRecord {
  uploaderKind: AuthorKind;
  uploaderId: string;
}

const columns = {
  id: attachments.id,
  workspaceId: attachments.workspaceId,
  conversationId: attachments.conversationId,
  messageId: attachments.messageId,
  name: attachments.name,
  type: attachments.type,
  size: attachments.size,
  storageKey: attachments.storageKey,
};

/** Records a stored file; false when its message already has one (a resend of the same upload). */
export async function insertAttachment(db: Db, record: NewAttachment): Promise<boolean> {
  const inserted = await db.insert(attachments).values(record).onConflictDoNothing().returning({ id: attachments.id });
  return inserted.length > 0;
}

export async function findAttachmentByMessage(db: Db, workspaceId: string, messageId: string): Promise<AttachmentRecord | null> {
  const [row] = await db
    .select(columns)
    .from(attachments)
    .where(and(eq(attachments.workspaceId, workspaceId), eq(attachments.messageId, messageId)));
  return row ?? null;
}

/** A file of the workspace, for its agents. */
export async function findWorkspaceAttachment(db: Db, workspaceId: string, attachmentId: string): Promise<AttachmentRecord | null> {
  const [row] = await db
    .select(columns)
    .from(attachments)
    .where(and(eq(attachments.workspaceId, workspaceId), eq(attachments.id, attachmentId)));
  return row ?? null;
}

/** A file of one of this visitor's conversations, and no other. */
export async function findVisitorAttachment(
  db: Db,
  scope: { workspaceId: string; visitorId: string },
  attachmentId: string,
): Promise<AttachmentRecord | null> {
  const [row] = await db
    .select(columns)
    .from(attachments)
    .innerJoin(conversations, eq(conversations.id, attachments.conversationId))
    .where(and(eq(attachments.workspaceId, scope.workspaceId), eq(conversations.visitorId, scope.visitorId), eq(attachments.id, attachmentId)));
  return row ?? null;
}
