/** Typed calls to the relay's business-hours REST API (docs/protocol.md 6.5), same origin, cookie session. */
import type { BusinessHours, BusinessHoursListReply, BusinessHoursReply } from '@parley/protocol';
import { relayCaller, type FetchLike } from '../api';

export interface BusinessHoursApi {
  list(): Promise<BusinessHoursListReply>;
  get(siteId: string): Promise<BusinessHoursReply>;
  save(siteId: string, hours: BusinessHours): Promise<BusinessHoursReply>;
}

export function createBusinessHoursApi(fetchImpl: FetchLike = (input, init) => fetch(input, init)): BusinessHoursApi {
  const call = relayCaller(fetchImpl).json;
  const path = (siteId: string) => `/v1/sites/${encodeURIComponent(siteId)}/business-hours`;
  return {
    list: () => call('GET', '/v1/business-hours'),
    get: (siteId) => call('GET', path(siteId)),
    save: (siteId, hours) => call('PUT', path(siteId), hours),
  };
}
