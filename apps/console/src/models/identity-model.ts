/**
 * The identity page's state: the workspace's sites with their identity secrets (admins only),
 * and rotating one. Talks to `/v1/identity/*` (docs/protocol.md 6.3).
 */
import { signal, type ReadonlySignal } from '@preact/signals';
import type { SiteIdentity, SiteIdentityListReply, SiteIdentityReply } from '@parley/protocol';
import { relayCaller, type FetchLike } from '../api';

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

  const { json } = relayCaller(fetchImpl);
  /** The reply, or null with the refusal's words in `error`. */
  async function call<T>(method: 'GET' | 'POST', path: string): Promise<T | null> {
    try {
      const reply = await json<T>(method, path);
      error.value = null;
      return reply;
    } catch (thrown) {
      error.value = thrown instanceof Error ? thrown.message : String(thrown);
      return null;
    }
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
