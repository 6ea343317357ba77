/**
 * Files to and from the relay for the widget. Both directions carry the visitor token in an
 * Authorization header (never in a URL, where logs and referrers would keep it), so downloads are
 * fetched and shown through object URLs rather than linked directly.
 */
import { createClientId } from '@parley/client';

export class FileTransfer {
  /** Object URLs of fetched files by attachment id; '' while one is on its way. */
  private readonly urls = new Map<string, string>();

  constructor(
    private readonly relayOrigin: string,
    private readonly siteKey: string,
    private readonly token: () => string | null,
    private readonly changed: () => void,
  ) {}

  /**
   * Sends a file into the conversation (or starts one). Resolves to null when the relay took it,
   * else to why not: the registry's message of its typed error, '' when the relay was unreachable.
   */
  async upload(file: File, conversationId: string | null): Promise<string | null> {
    const body = new FormData();
    body.append('file', file);
    const response = await this.request(`?clientId=${createClientId()}${conversationId ? `&conversationId=${conversationId}` : ''}&`, { method: 'POST', body });
    return response?.ok ? null : ((await response?.json().catch(() => null)) as { message?: string } | null)?.message ?? '';
  }

  /** The file's object URL, '' until fetched: asking starts the fetch, and `changed` tells when it is there. */
  url(id: string): string {
    const url = this.urls.get(id);
    if (url !== undefined) return url;
    this.urls.set(id, '');
    void this.request(`/${id}?`).then(async (response) => {
      if (!response?.ok) return this.urls.delete(id);
      this.urls.set(id, URL.createObjectURL(await response.blob()));
      this.changed();
    });
    return '';
  }

  private request(path: string, init: RequestInit = {}): Promise<Response | null> {
    return fetch(`${this.relayOrigin}/v1/widget/attachments${path}siteKey=${this.siteKey}`, {
      ...init,
      headers: { authorization: `Bearer ${this.token()}` },
    }).catch(() => null);
  }
}
