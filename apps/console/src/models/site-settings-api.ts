/** Typed calls to the relay's site settings REST API (docs/protocol.md 6.3), same origin, cookie session. */
import type { SiteSettingsListReply, SiteSettingsPatch, SiteSettingsReply } from '@parley/protocol';
import { ApiError, relayCaller, type FetchLike } from '../api';

/** A refusal that names the field it is about (`ref`, e.g. `allowedOrigins.1`), when the relay says. */
export class SettingsError extends ApiError {
  constructor(
    status: number,
    code: ApiError['code'],
    message: string,
    readonly field: string | null,
  ) {
    super(status, code, message);
    this.name = 'SettingsError';
  }
}

export interface SiteSettingsApi {
  listSites(): Promise<SiteSettingsListReply>;
  updateSite(siteId: string, patch: SiteSettingsPatch): Promise<SiteSettingsReply>;
}

export function createSiteSettingsApi(fetchImpl: FetchLike = (input, init) => fetch(input, init)): SiteSettingsApi {
  const { json } = relayCaller(fetchImpl);
  async function call<T>(method: 'GET' | 'PATCH', path: string, body?: unknown): Promise<T> {
    try {
      return await json<T>(method, path, body);
    } catch (error) {
      throw error instanceof ApiError ? new SettingsError(error.status, error.code, error.message, error.ref) : error;
    }
  }
  return {
    listSites: () => call('GET', '/v1/sites'),
    updateSite: (siteId, patch) => call('PATCH', `/v1/sites/${encodeURIComponent(siteId)}`, patch),
  };
}
