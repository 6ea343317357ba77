import { fixtureUuid } from '@parley/protocol/testing';
import { describe, expect, it } from 'vitest';
import { createFakeFetch } from '../fake-fetch';
import { createIdentityModel } from './identity-model';

const site = { siteId: fixtureUuid(1), siteName: 'Acme', secret: 'a'.repeat(64) };

describe('identity model', () => {
  it('loads the sites and replaces one secret after a rotation', async () => {
    const fetch = createFakeFetch();
    const model = createIdentityModel(fetch);
    fetch.reply({ status: 200, body: { sites: [site] } }, { status: 200, body: { site: { ...site, secret: 'b'.repeat(64) } } });
    await model.load();
    expect(model.sites.value).toEqual([site]);
    await model.rotate(site.siteId);
    expect(model.sites.value[0]!.secret).toBe('b'.repeat(64));
    expect(fetch.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /v1/identity/sites', `POST /v1/identity/sites/${site.siteId}/rotate`]);
    expect(model.rotating.value).toBeNull();
    expect(model.error.value).toBeNull();
  });

  it("shows the relay's message when refused, and keeps the secret it had", async () => {
    const fetch = createFakeFetch();
    const model = createIdentityModel(fetch);
    fetch.reply(
      { status: 200, body: { sites: [site] } },
      { status: 403, body: { code: 'forbidden', message: 'Only admins (only admins see or rotate identity secrets)' } },
      new Error('offline'),
    );
    await model.load();
    await model.rotate(site.siteId);
    expect(model.error.value).toMatch(/only admins/);
    expect(model.sites.value).toEqual([site]);
    await model.load();
    expect(model.error.value).toMatch(/cannot reach the relay/i);
  });
});
