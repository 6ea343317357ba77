/** Typed calls to the relay's site settings REST API (docs/protocol.md 6.3), same origin, cookie session. */
import type { ErrorBody, SiteSettingsListReply, SiteSettingsPatch, SiteSettingsReply } from '@parley/protocol';
import { ERRORS } from '@parley/protocol/light';
import { ApiError } from '../api';

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

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export function createSiteSettingsApi(fetchImpl: FetchLike = (input, init) => fetch(input, init)): SiteSettingsApi {
  async function call<T>(method: 'GET' | 'PATCH', path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetchImpl(path, {
        method,
        credentials: 'same-origin',
        headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      throw new SettingsError(0, 'unavailable', ERRORS.unavailable.message, null);
    }
    if (!response.ok) {
      const error = (await response.json().catch(() => null)) as ErrorBody | null;
      const code = error && error.code in ERRORS ? error.code : response.status === 403 ? 'forbidden' : 'internal';
      throw new SettingsError(response.status, code, error?.message ?? ERRORS[code].message, error?.ref ?? null);
    }
    return (await response.json()) as T;
  }
  return {
    listSites: () => call('GET', '/v1/sites'),
    updateSite: (siteId, patch) => call('PATCH', `/v1/sites/${encodeURIComponent(siteId)}`, patch),
  };
}
