/**
 * The identity page's state: the workspace's sites with their identity secrets (admins only),
 * and rotating one. Talks to `/v1/identity/*` (docs/protocol.md 6.3).
 */
import { signal, type ReadonlySignal } from '@preact/signals';
import type { ErrorBody, SiteIdentity, SiteIdentityListReply, SiteIdentityReply } from '@parley/protocol';
import { ERRORS } from '@parley/protocol/light';

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface IdentityModel {
  readonly sites: ReadonlySignal<SiteIdentity[]>;
  readonly loading: ReadonlySignal<boolean>;
  /** The relay's message for the last refused call, or null. */
  readonly error: ReadonlySignal<string | null>;
  /** The site whose secret is being rotated, while it is. */
  readonly rotating: ReadonlySignal<string | null>;
  load(): Promise<void>;
  rotate(siteId: string): Promise<void>;
}

export function createIdentityModel(fetchImpl: FetchLike = (input, init) => fetch(input, init)): IdentityModel {
  const sites = signal<SiteIdentity[]>([]);
  const loading = signal(false);
  const error = signal<string | null>(null);
  const rotating = signal<string | null>(null);

  async function call<T>(method: 'GET' | 'POST', path: string): Promise<T | null> {
    let response: Response;
    try {
      response = await fetchImpl(path, { method, credentials: 'same-origin', headers: { accept: 'application/json' } });
    } catch {
      error.value = ERRORS.unavailable.message;
      return null;
    }
    const body = (await response.json().catch(() => null)) as T | ErrorBody | null;
    if (!response.ok) {
      const refusal = body as ErrorBody | null;
      error.value = refusal && typeof refusal.message === 'string' ? refusal.message : ERRORS.internal.message;
      return null;
    }
    error.value = null;
    return body as T;
  }

  return {
    sites,
    loading,
    error,
    rotating,
    async load() {
      loading.value = true;
      const reply = await call<SiteIdentityListReply>('GET', '/v1/identity/sites');
      if (reply) sites.value = reply.sites;
      loading.value = false;
    },
    async rotate(siteId) {
      rotating.value = siteId;
      const reply = await call<SiteIdentityReply>('POST', `/v1/identity/sites/${encodeURIComponent(siteId)}/rotate`);
      if (reply) sites.value = sites.value.map((site) => (site.siteId === siteId ? reply.site : site));
      rotating.value = null;
    },
  };
}
