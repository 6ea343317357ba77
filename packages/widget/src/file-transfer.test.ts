// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FileTransfer } from './file-transfer';

const RELAY = 'https://relay.example.com';
const conversationId = '7d1c2a9e-3b5f-4c1d-9e8a-2f6b0c4d8e11';

function stubFetch(respond: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return respond(url, init);
  });
  return calls;
}

describe('FileTransfer', () => {
  afterEach(() => vi.unstubAllGlobals());
  const transfer = (changed = () => {}) => new FileTransfer(RELAY, 'pk_site', () => 'visitor-token', changed);

  it('uploads into the conversation with the visitor token in a header, never the URL', async () => {
    const calls = stubFetch(() => new Response('{}', { status: 201 }));
    expect(await transfer().upload(new File(['x'], 'a.png'), conversationId)).toBeNull();
    const { url, init } = calls[0]!;
    expect(url).toMatch(new RegExp(`^${RELAY}/v1/widget/attachments\\?clientId=[0-9a-f-]{36}&conversationId=${conversationId}&siteKey=pk_site$`));
    expect(url).not.toContain('visitor-token');
    expect(init.headers).toEqual({ authorization: 'Bearer visitor-token' });
    expect((init.body as FormData).get('file')).toBeInstanceOf(File);
  });

  it("answers a refusal with the relay's words, and an unreachable relay with ''", async () => {
    const message = 'The file is larger than this relay accepts. Send a smaller file.';
    stubFetch(() => new Response(JSON.stringify({ code: 'attachment_too_large', message }), { status: 413 }));
    expect(await transfer().upload(new File(['x'], 'big.png'), null)).toBe(message);
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    expect(await transfer().upload(new File(['x'], 'a.png'), null)).toBe('');
  });

  it('fetches a file once and hands out its object URL when it is there', async () => {
    const calls = stubFetch(() => new Response(new Blob(['png bytes'])));
    let changes = 0;
    const files = transfer(() => changes++);
    expect(files.url('att-1')).toBe('');
    expect(files.url('att-1')).toBe('');
    await vi.waitFor(() => expect(changes).toBe(1));
    expect(files.url('att-1')).toMatch(/^blob:/);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe(`${RELAY}/v1/widget/attachments/att-1?siteKey=pk_site`);
  });
});
