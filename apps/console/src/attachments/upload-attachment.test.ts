import { describe, expect, it } from 'vitest';
import { formatSize, uploadAttachment } from './upload-attachment';

const conversationId = '7d1c2a9e-3b5f-4c1d-9e8a-2f6b0c4d8e11';
const file = new File([new Uint8Array([0x25, 0x50, 0x44, 0x46])], 'a.pdf', { type: 'application/pdf' });

describe('uploadAttachment', () => {
  it('posts the file as multipart into the conversation, with a fresh clientId', async () => {
    const calls: Array<{ url: string; init: RequestInit }> = [];
    const reply = { attachment: { id: conversationId, name: 'a.pdf', type: 'application/pdf', size: 4 }, conversationId, messageId: conversationId, seq: 2 };
    const result = await uploadAttachment(conversationId, file, async (url, init) => {
      calls.push({ url, init });
      return new Response(JSON.stringify(reply), { status: 201 });
    });
    expect(result).toEqual({ ok: true, reply });
    expect(calls[0]!.url).toMatch(new RegExp(`^/v1/attachments\\?conversationId=${conversationId}&clientId=[0-9a-f-]{36}$`));
    expect((calls[0]!.init.body as FormData).get('file')).toBeInstanceOf(File);
  });

  it("returns the relay's typed refusal, and a network failure as unavailable", async () => {
    const refusal = { code: 'attachment_too_large', message: 'The file is larger than this relay accepts. Send a smaller file.' };
    expect(await uploadAttachment(conversationId, file, async () => new Response(JSON.stringify(refusal), { status: 413 }))).toEqual({ ok: false, error: refusal });
    const offline = await uploadAttachment(conversationId, file, () => Promise.reject(new TypeError('Failed to fetch')));
    expect(offline).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});

describe('formatSize', () => {
  it('speaks bytes, kilobytes and megabytes', () => {
    expect(formatSize(12)).toBe('12 B');
    expect(formatSize(820 * 1024)).toBe('820 KB');
    expect(formatSize(2.4 * 1024 * 1024)).toBe('2.4 MB');
  });
});
