/**
 * One upload, from multipart stream to message: the bytes go through the UploadGuard into the
 * store, then a message carrying the file's metadata is sent as the uploader, and the record
 * that ties the file to its conversation is written. Any refusal leaves nothing stored.
 */
import { randomUUID } from 'node:crypto';
import { findAttachmentByMessage, insertAttachment, type Db } from '@parley/db';
import type { Attachment, AttachmentUploadReply, AuthorKind } from '@parley/protocol';
import type { FastifyRequest } from 'fastify';
import type { MessageAck } from '../chat/message-service';
import { ParleyError } from '../parley-error';
import type { AttachmentStore } from './attachment-store';
import { cleanFileName } from './file-name';
import { UploadGuard } from './upload-guard';

export interface ReceiveOptions {
  db: Db;
  store: AttachmentStore;
  maxBytes: number;
  workspaceId: string;
  uploader: { kind: AuthorKind; id: string };
  /** Sends the message that carries the file, as the uploader (visitor or agent). */
  send(attachment: Attachment): Promise<MessageAck>;
}

export async function receiveAttachment(request: FastifyRequest, options: ReceiveOptions): Promise<AttachmentUploadReply> {
  const { db, store } = options;
  const part = await request.file().catch((error: Error) => {
    throw new ParleyError('validation_failed', `not a multipart upload: ${error.message}`);
  });
  if (!part || part.fieldname !== 'file') throw new ParleyError('attachment_type_refused', 'send one multipart part named "file"');

  const id = randomUUID();
  const guard = new UploadGuard(options.maxBytes);
  part.file.on('error', (error) => guard.destroy(error));
  part.file.pipe(guard);
  await store.put(id, guard);

  const attachment: Attachment = { id, name: cleanFileName(part.filename), type: guard.type!, size: guard.size };
  try {
    const ack = await options.send(attachment);
    const stored = await insertAttachment(db, {
      ...attachment,
      workspaceId: options.workspaceId,
      conversationId: ack.conversationId,
      messageId: ack.id,
      storageKey: id,
      uploaderKind: options.uploader.kind,
      uploaderId: options.uploader.id,
    });
    if (stored) return { attachment, conversationId: ack.conversationId, messageId: ack.id, seq: ack.seq };
    // A resend of an upload whose message exists (same clientId): the first file stands.
    await store.delete(id);
    const first = await findAttachmentByMessage(db, options.workspaceId, ack.id);
    if (!first) throw new ParleyError('conflict', 'this clientId was used for a message without a file');
    return { attachment: { id: first.id, name: first.name, type: first.type, size: first.size }, conversationId: ack.conversationId, messageId: ack.id, seq: ack.seq };
  } catch (error) {
    await store.delete(id).catch(() => {});
    throw error;
  }
}
