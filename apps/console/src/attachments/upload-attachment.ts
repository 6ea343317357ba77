/**
 * An agent's file upload: multipart to the relay, which sniffs, limits and stores it and posts the
 * message that carries it. The refusal comes back as the registry's code and message.
 */
import { createClientId } from '@parley/client';
import type { AttachmentUploadReply, ErrorBody } from '@parley/protocol';

export type UploadResult = { ok: true; reply: AttachmentUploadReply } | { ok: false; error: ErrorBody };

type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export async function uploadAttachment(conversationId: string, file: File, fetchImpl: FetchLike = (input, init) => fetch(input, init)): Promise<UploadResult> {
  const body = new FormData();
  body.append('file', file);
  try {
    const response = await fetchImpl(`/v1/attachments?conversationId=${conversationId}&clientId=${createClientId()}`, {
      method: 'POST',
      credentials: 'same-origin',
      body,
    });
    const json = (await response.json()) as AttachmentUploadReply | ErrorBody;
    return response.ok ? { ok: true, reply: json as AttachmentUploadReply } : { ok: false, error: json as ErrorBody };
  } catch {
    return { ok: false, error: { code: 'unavailable', message: 'The relay could not be reached. Try again.' } };
  }
}

export function attachmentUrl(id: string): string {
  return `/v1/attachments/${id}`;
}

/** "2.4 MB", "820 KB", "12 B". */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}
