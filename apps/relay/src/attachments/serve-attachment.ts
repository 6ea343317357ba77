/** Sending a stored file back so that nothing in it can run, whatever it contains. */
import type { AttachmentRecord } from '@parley/db';
import type { FastifyReply } from 'fastify';
import { ParleyError } from '../parley-error';
import type { AttachmentStore } from './attachment-store';
import { contentDisposition } from './file-name';
import { isPreviewable } from './sniff-type';

/**
 * The response CSP forbids every fetch, script and plugin, and `sandbox` gives a document opened
 * from it an opaque origin; with `nosniff` the browser keeps to the sniffed type we send.
 * Images are `inline` (previews); anything else is `attachment`, a download, never a page.
 */
export async function serveAttachment(reply: FastifyReply, store: AttachmentStore, record: AttachmentRecord | null) {
  if (!record) throw new ParleyError('not_found');
  const content = await store.get(record.storageKey);
  if (!content) throw new ParleyError('not_found', 'the file is gone from storage');
  return reply
    .header('content-type', record.type)
    .header('content-length', record.size)
    .header('content-disposition', contentDisposition(isPreviewable(record.type) ? 'inline' : 'attachment', record.name))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, max-age=86400')
    .send(content);
}
