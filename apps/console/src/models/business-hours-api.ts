/** Typed calls to the relay's business-hours REST API (docs/protocol.md 6.5), same origin, cookie session. */
import type { BusinessHours, BusinessHoursListReply, BusinessHoursReply, ErrorBody } from '@parley/protocol';
import { ERRORS } from '@parley/protocol/light';
import { ApiError } from '../api';

export interface BusinessHoursApi {
  list(): Promise<BusinessHoursListReply>;
  get(siteId: string): Promise<BusinessHoursReply>;
  save(siteId: string, hours: BusinessHours): Promise<BusinessHoursReply>;
}

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export function createBusinessHoursApi(fetchImpl: FetchLike = (input, init) => fetch(input, init)): BusinessHoursApi {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetchImpl(path, {
        method,
        credentials: 'same-origin',
        headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      throw new ApiError(0, 'unavailable', ERRORS.unavailable.message);
    }
    if (!response.ok) {
      const error = (await response.json().catch(() => null)) as ErrorBody | null;
      const code = error && error.code in ERRORS ? error.code : response.status === 404 ? 'not_found' : 'internal';
      throw new ApiError(response.status, code, error?.message ?? ERRORS[code].message);
    }
    return (await response.json()) as T;
  }
  const path = (siteId: string) => `/v1/sites/${encodeURIComponent(siteId)}/business-hours`;
  return {
    list: () => call('GET', '/v1/business-hours'),
    get: (siteId) => call('GET', path(siteId)),
    save: (siteId, hours) => call('PUT', path(siteId), hours),
  };
}
